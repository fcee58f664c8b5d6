package io.rockofages.cli;

import io.rockofages.engine.Action;
import io.rockofages.engine.ComponentOutcome;
import io.rockofages.engine.FieldChange;
import io.rockofages.engine.PassResult;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/** How the CLI shows plans and progress. */
final class Report {
  private final PrintWriter out;
  private final Map<String, String> lastShown = new HashMap<>();

  Report(PrintWriter out) {
    this.out = out;
  }

  void plan(PassResult plan) {
    Map<Action, Integer> counts = new HashMap<>();
    for (ComponentOutcome o : plan.outcomes()) {
      counts.merge(o.action(), 1, Integer::sum);
      out.printf("%-4s %-20s %s%n", symbol(o.action()), o.name(), o.error() != null ? "error: " + o.message()
          : o.action() == Action.NONE ? "in sync" : o.action().name().toLowerCase());
      for (FieldChange change : o.changes()) {
        out.printf("       %s%n", change);
      }
    }
    plan.warnings().forEach(w -> out.println("warning: " + w));
    out.printf("Plan: %d to create, %d to update, %d to replace, %d to delete.%n", counts.getOrDefault(Action.CREATE, 0),
        counts.getOrDefault(Action.UPDATE, 0), counts.getOrDefault(Action.REPLACE, 0),
        counts.getOrDefault(Action.DELETE, 0));
    out.flush();
  }

  /** Prints a component's line only when its state or message changed since the last pass. */
  void progress(PassResult pass) {
    for (ComponentOutcome o : pass.outcomes()) {
      String line = o.state() + (o.id() == null ? "" : " " + o.id()) + (o.message() == null ? "" : ": " + o.message());
      if (!line.equals(lastShown.put(o.name(), line))) {
        out.printf("%-20s %s%n", o.name(), line);
      }
    }
    out.flush();
  }

  private static String symbol(Action action) {
    return switch (action) {
      case CREATE -> "+";
      case UPDATE -> "~";
      case REPLACE -> "-/+";
      case DELETE -> "-";
      case NONE -> "";
    };
  }
}
