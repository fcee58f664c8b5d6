package io.rockofages.cli;

import io.rockofages.engine.Action;
import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.ComponentOutcome;
import io.rockofages.engine.FieldChange;
import io.rockofages.engine.PassResult;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help.Ansi;

/** How the CLI shows plans and progress. */
final class Report {
  private final PrintWriter out;
  private final Ansi ansi;
  private final Map<String, String> lastShown = new HashMap<>();

  /** @param ansi colours on a terminal only (picocli's AUTO also honours NO_COLOR) */
  Report(PrintWriter out, Ansi ansi) {
    this.out = out;
    this.ansi = ansi;
  }

  /**
   * A plan grouped by component: each component with something to do, its changed fields under
   * it (a script's changed lines under the field), columns aligned for any name length. Components
   * in sync are counted, and listed only when {@code verbose}.
   */
  void plan(PassResult plan, boolean verbose) {
    List<ComponentOutcome> shown = plan.outcomes().stream()
        .filter(o -> verbose || o.action() != Action.NONE || o.error() != null).toList();
    int nameWidth = shown.stream().mapToInt(o -> o.name().length()).max().orElse(0);
    Map<Action, Integer> counts = new HashMap<>();
    plan.outcomes().forEach(o -> counts.merge(o.action(), 1, Integer::sum));
    for (ComponentOutcome o : shown) {
      String what = o.error() != null ? colour("red", "error: " + o.message())
          : o.action() == Action.NONE ? "in sync" : colour(colourOf(o.action()), o.action().name().toLowerCase())
              + (o.message() != null && o.action() == Action.DELETE ? "  " + o.message() : "");
      out.printf("%-3s %-" + nameWidth + "s  %s%n", symbol(o.action()), o.name(), what);
      int fieldWidth = o.changes().stream().mapToInt(c -> c.field().length() + 1).max().orElse(0);
      for (FieldChange change : o.changes()) {
        out.printf("      %-" + fieldWidth + "s %s -> %s%s%n", change.field() + ":", change.from(), change.to(),
            change.kind() == ChangeKind.REPLACE ? colour("yellow", "  (forces replacement)") : "");
        change.detail().forEach(line -> out.printf("      %s%n", colour(line.startsWith("+") ? "green"
            : line.startsWith("-") ? "red" : "faint", line)));
      }
    }
    long inSync = plan.outcomes().stream().filter(o -> o.action() == Action.NONE && o.error() == null).count();
    if (!verbose && inSync > 0) {
      out.printf("(%d in sync; -v lists them)%n", inSync);
    }
    plan.orphans().forEach(o -> out.printf("orphan: %s (%s)%n", o.resource().arn(), o.state()));
    plan.warnings().forEach(w -> out.println(colour("yellow", "warning: " + w)));
    out.printf("Plan: %d to create, %d to update, %d to replace, %d to delete.%n", counts.getOrDefault(Action.CREATE, 0),
        counts.getOrDefault(Action.UPDATE, 0), counts.getOrDefault(Action.REPLACE, 0),
        counts.getOrDefault(Action.DELETE, 0));
    out.flush();
  }

  /** A destroy plan: what will be deleted and what stays (with why), then the count. */
  void destroyPlan(PassResult plan, String stack) {
    out.printf("Destroying %s:%n", stack);
    int nameWidth = plan.outcomes().stream().mapToInt(o -> o.name().length()).max().orElse(0);
    int idWidth = plan.outcomes().stream().mapToInt(o -> String.valueOf(o.id()).length()).max().orElse(0);
    for (ComponentOutcome o : plan.outcomes()) {
      String what = o.error() != null ? colour("red", "error: " + o.message())
          : o.action() == Action.DELETE ? colour("red", "delete") : colour("faint", "kept: " + o.message());
      out.printf("%-3s %-" + nameWidth + "s  %-" + idWidth + "s  %s%n", symbol(o.action()), o.name(),
          o.id() == null ? "" : o.id(), what);
    }
    long deleted = plan.outcomes().stream().filter(o -> o.action() == Action.DELETE && o.error() == null).count();
    long kept = plan.outcomes().stream().filter(o -> o.action() == Action.NONE).count();
    out.printf("Destroy: %d to delete, %d kept.%n", deleted, kept);
    out.flush();
  }

  /** Prints a component's line only when its state or message changed since the last pass. */
  void progress(PassResult pass) {
    int nameWidth = pass.outcomes().stream().mapToInt(o -> o.name().length()).max().orElse(0);
    for (ComponentOutcome o : pass.outcomes()) {
      String line = o.state() + (o.id() == null ? "" : " " + o.id()) + (o.message() == null ? "" : ": " + o.message());
      if (!line.equals(lastShown.put(o.name(), line))) {
        out.printf("%-" + Math.max(nameWidth, 20) + "s %s%n", o.name(), line);
      }
    }
    out.flush();
  }

  private String colour(String style, String text) {
    return ansi.string("@|" + style + " " + text.replace("|@", "| @") + "|@");
  }

  private static String colourOf(Action action) {
    return switch (action) {
      case CREATE -> "green";
      case UPDATE -> "yellow";
      case REPLACE, DELETE -> "red";
      case NONE -> "faint";
    };
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
