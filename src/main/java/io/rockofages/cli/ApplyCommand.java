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
    description = "Create or fix every resource until the stack is Ready. Exit 0 when Ready; 1 on error, stall or timeout.")
final class ApplyCommand extends StackCommand {
  @Mixin
  WaitOptions waiting;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "Print the final status object (the CR's status shape): json or yaml.")
  Format output;

  @Override
  int run(StackOptions.Session session) {
    Report report = new Report(err(), ansi());
    PassResult last = waiting.waiter().run(session.clients(), () -> session.engine().reconcile(session.context()),
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
