package io.rockofages.cli;

import io.rockofages.engine.PassResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Deletes what the stack owns (per its deletion policy) and waits until it is gone. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = "Delete what the stack owns in AWS, in reverse dependency order, per spec.deletionPolicy; wait until gone.")
final class DestroyCommand extends StackCommand {
  @Mixin
  WaitOptions waiting;

  @Override
  int run(StackOptions.Session session) {
    PassResult last = waiting.waiter().run(session.clients(), () -> session.engine().destroy(session.context()),
        PassResult::allGone, new Report(err(), ansi()));
    if (last.allGone()) {
      err().println("Destroyed " + session.stack() + ".");
      return OK;
    }
    err().println(last.stall().map(s -> "stalled: " + s.name() + ": " + s.message())
        .orElse("not gone after " + waiting.timeout.toSeconds() + "s"));
    return ERROR;
  }
}
