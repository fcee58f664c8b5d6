package io.rockofages.cli;

import io.rockofages.api.OrphanStatus;
import io.rockofages.api.PlannedChange;
import io.rockofages.engine.PassResult;
import io.rockofages.engine.StatusAggregator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Shows what apply would change; changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Show the changes apply would make (per component, per field). Exit 0: nothing to change; 2: changes pending; 1: error.")
final class PlanCommand extends StackCommand {
  /** What -o prints: the plan as status.plan holds it, with the orphans and warnings. */
  record Output(String stack, String region, List<PlannedChange> plan, List<OrphanStatus> orphans,
      List<String> warnings) {}

  @Option(names = {"-v", "--verbose"}, description = "List the components that are in sync too.")
  boolean verbose;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "Print the plan for machines instead (json or yaml): the shape of status.plan.")
  Format output;

  @Override
  int run(StackOptions.Session session) {
    PassResult plan = session.engine().plan(session.context());
    if (output != null) {
      out().println(render(new Output(session.stack().toString(), session.region(), StatusAggregator.plan(plan),
          StatusAggregator.orphans(plan), plan.warnings()), output));
    } else {
      out().printf("Plan for %s in %s:%n", session.stack(), session.region());
      new Report(out(), ansi()).plan(plan, verbose);
    }
    if (plan.outcomes().stream().anyMatch(o -> o.error() != null)) {
      return ERROR;
    }
    return plan.hasChanges() ? CHANGES_PENDING : OK;
  }
}
