package io.rockofages.cli;

import io.rockofages.api.RockOfAges;
import io.rockofages.api.RockOfAgesStatus;
import io.rockofages.engine.PassResult;
import io.rockofages.engine.StatusAggregator;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Reconciles until the stack is ready, stalls, or the timeout passes. */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = {"Show the plan, ask, then create or fix every resource until the stack is Ready.",
        "Exit 0 when Ready; 1 on error, stall, timeout, a no, or no terminal without --auto-approve."})
final class ApplyCommand extends StackCommand {
  @Mixin
  WaitOptions waiting;

  @Mixin
  ApprovalOptions approval;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "Print the final status object (the CR's status shape): json or yaml.")
  Format output;

  @Override
  int run(StackOptions.Session session) {
    approval.requireAllowed("apply", session.resource(), main.terminal());
    approval.requireOurs(session);
    Report report = new Report(err(), ansi());
    if (!approval.autoApprove) {
      PassResult plan = session.engine().plan(session.context());
      if (plan.hasChanges()) {
        report.plan(plan, false);
        if (!approval.confirmed(main.terminal(), "Apply these changes to " + session.stack() + " in "
            + session.region() + "? Only 'yes' is accepted: ", "yes")) {
          err().println("Apply cancelled; nothing was changed.");
          return ERROR;
        }
      }
    }
    PassResult last = waiting.waiter().run(session.clients(),
        () -> session.engine().reconcile(session.context(approval.actor())),
        PassResult::allReady, report);
    RockOfAges resource = session.resource();
    long generation = Optional.ofNullable(resource.getMetadata().getGeneration()).orElse(1L);
    RockOfAgesStatus status = StatusAggregator.aggregate(last, null, generation, Instant.now());
    status.setRegion(session.region());
    last.warnings().forEach(w -> err().println("warning: " + w));
    if (output != null) {
      out().println(render(status, output));
    }
    if (last.allReady()) {
      err().println("Ready. " + (status.getEndpoints().getApi() == null ? "" : "API: " + status.getEndpoints().getApi()));
      if (status.getEndpoints().getSite() != null) {
        err().println("Site: " + status.getEndpoints().getSite());
      }
      if (status.getEndpoints().getDatabase() != null) {
        var database = resource.getSpec().getDatabase();
        err().println("Database: " + status.getEndpoints().getDatabase() + " (database " + database.getDatabaseName()
            + ", user " + database.getMasterUsername() + ")");
      }
      return OK;
    }
    err().println(last.stall().map(s -> "stalled: " + s.name() + ": " + s.message())
        .orElse("not ready after " + waiting.timeout.toSeconds() + "s"));
    return ERROR;
  }
}
