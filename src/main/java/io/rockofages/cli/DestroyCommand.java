package io.rockofages.cli;

import io.rockofages.engine.PassResult;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Deletes what the stack owns (per its deletion policy) and waits until it is gone. */
@Command(name = "destroy", mixinStandardHelpOptions = true,
    description = "Delete what the stack owns in AWS, in reverse dependency order, per spec.deletionPolicy; wait until gone.")
final class DestroyCommand extends StackCommand {
  @Option(names = "--timeout", defaultValue = "15m", converter = DurationConverter.class,
      description = "Give up after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--interval", defaultValue = "5s", converter = DurationConverter.class,
      description = "Pause between passes while something is still going away (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Override
  int run(StackOptions.Session session) {
    PassResult last = new Waiter(timeout, interval).run(() -> session.engine().destroy(session.context()),
        PassResult::allGone, new Report(err()));
    if (last.allGone()) {
      err().println("Destroyed " + session.stack() + ".");
      return OK;
    }
    err().println(last.stall().map(s -> "stalled: " + s.name() + ": " + s.message())
        .orElse("not gone after " + timeout.toSeconds() + "s"));
    return ERROR;
  }
}
