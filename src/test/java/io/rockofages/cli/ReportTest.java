package io.rockofages.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.engine.Action;
import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.ComponentOutcome;
import io.rockofages.engine.ComponentState;
import io.rockofages.engine.FieldChange;
import io.rockofages.engine.Group;
import io.rockofages.engine.PassResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

/** The plan as a person reads it: aligned whatever the names, coloured only when asked. */
class ReportTest {
  private static final Group GROUP = new Group("ApiReady");

  private static PassResult plan() {
    return new PassResult(PassResult.Mode.PLAN, List.of(
        new ComponentOutcome("a-component-with-a-very-long-name", GROUP, Action.UPDATE,
            List.of(new FieldChange("instanceType", "t3.micro", "t3.small", ChangeKind.IN_PLACE),
                new FieldChange("keyName", "old", "new", ChangeKind.REPLACE)), ComponentState.Updating, "i-1", "x",
            null, false, null),
        new ComponentOutcome("db", GROUP, Action.CREATE, List.of(), ComponentState.Pending, null, "x", null, false,
            null)),
        List.of(), Map.of(), List.of(), List.of());
  }

  private static String render(Ansi ansi) {
    StringWriter text = new StringWriter();
    new Report(new PrintWriter(text), ansi).plan(plan(), false);
    return text.toString();
  }

  @Test
  void columnsLineUpForAnyNameLength() {
    List<String> lines = render(Ansi.OFF).lines().toList();
    assertEquals("~   a-component-with-a-very-long-name  update", lines.get(0));
    assertEquals("      instanceType: t3.micro -> t3.small", lines.get(1));
    assertEquals("      keyName:      old -> new  (forces replacement)", lines.get(2));
    assertEquals("+   db                                 create", lines.get(3));
    assertEquals("Plan: 1 to create, 1 to update, 0 to replace, 0 to delete.", lines.get(4));
  }

  @Test
  void colourOnlyWhenTheTerminalTakesIt() {
    assertFalse(render(Ansi.OFF).contains("\u001b["));
    assertTrue(render(Ansi.ON).contains("\u001b["));
  }
}
