package io.rockofages.cli;

import io.rockofages.engine.PassResult;
import picocli.CommandLine.Command;

/** Shows what apply would change; changes nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Show the changes apply would make (per component, per field). Exit 0: nothing to change; 2: changes pending; 1: error.")
final class PlanCommand extends StackCommand {
  @Override
  boolean writesPassword() {
    return false;
  }

  @Override
  int run(StackOptions.Session session) {
    PassResult plan = session.engine().plan(session.context());
    out().printf("Plan for %s in %s:%n", session.stack(), session.region());
    new Report(out()).plan(plan);
    if (plan.outcomes().stream().anyMatch(o -> o.error() != null)) {
      return ERROR;
    }
    return plan.hasChanges() ? CHANGES_PENDING : OK;
  }
}
