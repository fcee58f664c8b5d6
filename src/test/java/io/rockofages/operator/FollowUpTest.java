package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rockofages.api.Condition;
import io.rockofages.api.Conditions;
import io.rockofages.api.RockOfAgesStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How long a stack has been on its way, which sets when its follow-up comes ({@code Timing.next}):
 * read from its Ready condition, whose transition time stays while its status does.
 */
class FollowUpTest {
  private static final Instant NOW = Instant.parse("2026-12-06T13:00:00Z");

  @Test
  void aStackNotReadyHasBeenOnItsWaySinceItsReadyConditionLastChanged() {
    assertEquals(Duration.ofSeconds(7), RockOfAgesReconciler.notReadyFor(status("False", "2026-12-06T12:59:53Z"), NOW));
  }

  @Test
  void aReadyStackOrOneWithoutConditionsHasJustSetOut() {
    assertEquals(Duration.ZERO, RockOfAgesReconciler.notReadyFor(status("True", "2026-12-06T12:00:00Z"), NOW));
    assertEquals(Duration.ZERO, RockOfAgesReconciler.notReadyFor(new RockOfAgesStatus(), NOW));
  }

  @Test
  void aTransitionTimeThatDoesNotParseCountsAsNowNotAsAFailedPass() {
    assertEquals(Duration.ZERO, RockOfAgesReconciler.notReadyFor(status("False", "yesterday"), NOW));
    assertEquals(Duration.ZERO, RockOfAgesReconciler.notReadyFor(status("False", null), NOW));
    assertEquals(Duration.ofHours(1), RockOfAgesReconciler.notReadyFor(status("False", "2026-12-06T13:00:00+01:00"),
        NOW), "any RFC 3339 offset");
  }

  private static RockOfAgesStatus status(String ready, String since) {
    Condition condition = new Condition(Conditions.READY, ready, "Reason", "message");
    condition.setLastTransitionTime(since);
    RockOfAgesStatus status = new RockOfAgesStatus();
    status.setConditions(List.of(condition));
    return status;
  }
}
