package io.rockofages.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.Condition;
import io.rockofages.api.Endpoints;
import io.rockofages.api.RockOfAgesStatus;
import io.rockofages.aws.ErrorKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");
  private static final Group NETWORK = new Group("NetworkReady");
  private static final Group API = new Group("ApiReady");

  static ComponentOutcome outcome(String name, Group group, ComponentState state, ErrorKind error) {
    return new ComponentOutcome(name, group, Action.NONE, List.of(), state, "id-" + name, "msg " + name, error, false);
  }

  static PassResult pass(ComponentState apiState, ErrorKind error, List<String> warnings) {
    return new PassResult(PassResult.Mode.RECONCILE, List.of(
        outcome("network", NETWORK, ComponentState.Ready, null),
        outcome("api-instance", API, apiState, error)), warnings,
        Map.of(Endpoints.API_PUBLIC_IP, "203.0.113.7", Endpoints.API, "http://203.0.113.7/"), List.of(),
        List.of());
  }

  private static String status(RockOfAgesStatus s, String type) {
    return s.condition(type).map(Condition::getStatus).orElseThrow();
  }

  @Test
  void readyStack() {
    RockOfAgesStatus s = StatusAggregator.aggregate(pass(ComponentState.Ready, null, List.of()), null, 3, T0);
    assertEquals("Ready", s.getPhase());
    assertEquals(3L, s.getObservedGeneration());
    assertEquals("True", status(s, "Ready"));
    assertEquals("False", status(s, "Reconciling"));
    assertEquals("False", status(s, "Stalled"));
    assertEquals("True", status(s, "NetworkReady"));
    assertEquals("True", status(s, "ApiReady"));
    assertEquals("False", status(s, "SecurityAdvisory"));
    assertTrue(s.getConditions().stream().allMatch(c -> c.getObservedGeneration() == 3L));
    assertEquals("http://203.0.113.7/", s.getEndpoints().getApi());
  }

  @Test
  void transitionTimeMovesOnlyWhenTheStatusFlips() {
    RockOfAgesStatus first = StatusAggregator.aggregate(pass(ComponentState.Creating, null, List.of()), null, 1, T0);
    RockOfAgesStatus same = StatusAggregator.aggregate(pass(ComponentState.Creating, null, List.of()), first, 1, T1);
    assertEquals(T0.toString(), same.condition("Ready").orElseThrow().getLastTransitionTime());
    assertTrue(same.sameAs(first), "nothing changed: no status patch");

    RockOfAgesStatus ready = StatusAggregator.aggregate(pass(ComponentState.Ready, null, List.of()), same, 1, T1);
    assertEquals(T1.toString(), ready.condition("Ready").orElseThrow().getLastTransitionTime());
    assertEquals(T0.toString(), ready.condition("NetworkReady").orElseThrow().getLastTransitionTime());
    assertFalse(ready.sameAs(same));
  }

  @Test
  void creatingIsProvisioningAndReconciling() {
    RockOfAgesStatus s = StatusAggregator.aggregate(pass(ComponentState.Creating, null, List.of()), null, 1, T0);
    assertEquals("Provisioning", s.getPhase());
    assertEquals("True", status(s, "Reconciling"));
    assertEquals("False", status(s, "ApiReady"));
  }

  @Test
  void aFailureAfterReadyIsDegradedAndAStallIsFailed() {
    RockOfAgesStatus ready = StatusAggregator.aggregate(pass(ComponentState.Ready, null, List.of()), null, 1, T0);
    RockOfAgesStatus degraded = StatusAggregator.aggregate(pass(ComponentState.Failed, ErrorKind.THROTTLED, List.of()), ready, 1, T1);
    assertEquals("Degraded", degraded.getPhase());
    assertEquals("False", status(degraded, "Stalled"));

    RockOfAgesStatus stalled = StatusAggregator.aggregate(pass(ComponentState.Failed, ErrorKind.INVALID, List.of()), ready, 1, T1);
    assertEquals("Failed", stalled.getPhase());
    assertEquals("True", status(stalled, "Stalled"));
    assertEquals("InvalidSpec", stalled.condition("Stalled").orElseThrow().getReason());
    assertTrue(stalled.condition("Stalled").orElseThrow().getMessage().contains("api-instance"));
    assertEquals("False", status(stalled, "Reconciling"));
  }

  @Test
  void warningsRaiseTheSecurityAdvisory() {
    RockOfAgesStatus s = StatusAggregator.aggregate(pass(ComponentState.Ready, null, List.of("SSH open")),
        null, 1, T0);
    assertEquals("True", status(s, "SecurityAdvisory"));
    assertEquals(List.of("SSH open"), s.getWarnings());
    assertEquals("Ready", s.getPhase(), "an advisory does not make the stack unready");
  }

  @Test
  void rejectedSpecKeepsWhatWasKnown() {
    RockOfAgesStatus ready = StatusAggregator.aggregate(pass(ComponentState.Ready, null, List.of()), null, 1, T0);
    RockOfAgesStatus rejected = StatusAggregator.rejected("spec.region: bad", ready, 2, T1);
    assertEquals("Failed", rejected.getPhase());
    assertEquals(2L, rejected.getObservedGeneration());
    assertEquals("True", status(rejected, "Stalled"));
    assertEquals(ready.getComponents().size(), rejected.getComponents().size());
    assertEquals(ready.getEndpoints(), rejected.getEndpoints());
  }
}
