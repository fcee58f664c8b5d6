package io.rockofages.cli;

import io.rockofages.engine.Action;
import io.rockofages.engine.PassResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists what the stack owns, asks for its name, deletes it (per its deletion policy) and waits until it is gone. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = {"List what the stack owns in AWS, ask for the stack's name, then delete it in reverse dependency",
        "order, per spec.deletionPolicy, and wait until gone. Exit 0 when gone; 1 on error, stall, timeout,",
        "a wrong name, or no terminal without --auto-approve."})
final class DestroyCommand extends StackCommand {
  @Mixin
  WaitOptions waiting;

  @Mixin
  ApprovalOptions approval;

  @Override
  int run(StackOptions.Session session) {
    approval.requireAllowed("destroy", session.resource(), main.terminal());
    approval.requireOurs(session);
    Report report = new Report(err(), ansi());
    if (!approval.autoApprove) {
      PassResult doomed = session.engine().destroyPlan(session.context());
      report.destroyPlan(doomed, session.stack() + " in " + session.region());
      String name = session.resource().getMetadata().getName();
      if (doomed.outcomes().stream().anyMatch(o -> o.action() == Action.DELETE)
          && !approval.confirmed(main.terminal(), "Type the stack's name (" + name + ") to destroy it: ", name)) {
        err().println("Destroy cancelled; nothing was deleted.");
        return ERROR;
      }
    }
    PassResult last = waiting.waiter().run(session.clients(),
        () -> session.engine().destroy(session.context(approval.actor())),
        PassResult::allGone, report);
    if (last.allGone()) {
      err().println("Destroyed " + session.stack() + ".");
      return OK;
    }
    err().println(last.stall().map(s -> "stalled: " + s.name() + ": " + s.message())
        .orElse("not gone after " + waiting.timeout.toSeconds() + "s"));
    return ERROR;
  }
}
