package io.rockofages.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.Condition;
import io.rockofages.api.DriftRecord;
import io.rockofages.api.Endpoints;
import io.rockofages.api.OrphanStatus;
import io.rockofages.api.PlannedChange;
import io.rockofages.api.RockOfAgesStatus;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.OwnedResource;
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
    return new ComponentOutcome(name, group, Action.NONE, List.of(), state, "id-" + name, "msg " + name, error, false,
        null);
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

  private static final FieldChange PORT_22 = new FieldChange("ingress", "[tcp/22 from ::/0, tcp/80 from 0.0.0.0/0]",
      "[tcp/80 from 0.0.0.0/0]", ChangeKind.IN_PLACE);

  private static PassResult pass(PassResult.Mode mode, ComponentOutcome... outcomes) {
    return new PassResult(mode, List.of(outcomes), List.of(), Map.of(), List.of(), List.of());
  }

  private static ComponentOutcome changed(String name, Action action, List<FieldChange> changes, ComponentState state,
      ErrorKind error, boolean changedAws) {
    return new ComponentOutcome(name, API, action, changes, state, "id-" + name, error == null ? "ok" : "refused: why",
        error, changedAws, null);
  }

  @Test
  void thePlanListsWhatIsStillToDoAndWhyARefusedChangeWaits() {
    PassResult plan = pass(PassResult.Mode.PLAN,
        changed("api-instance", Action.CREATE, List.of(), ComponentState.Pending, null, false),
        changed("api-security-group", Action.UPDATE, List.of(PORT_22), ComponentState.Updating, null, false),
        changed("database", Action.REPLACE, List.of(new FieldChange("databaseName", "a", "b", ChangeKind.REPLACE)),
            ComponentState.Failed, ErrorKind.INVALID, false));

    assertEquals(List.of(new PlannedChange("api-instance", "Create", null, null, null, null),
        new PlannedChange("api-security-group", "Update", "ingress", PORT_22.from(), PORT_22.to(), null),
        new PlannedChange("database", "Replace", "databaseName", "a", "b", "refused: why")),
        StatusAggregator.plan(plan));
  }

  @Test
  void aChangeCarriedOutByThePassIsNoLongerInThePlan() {
    PassResult done = pass(PassResult.Mode.RECONCILE,
        changed("api-security-group", Action.UPDATE, List.of(PORT_22), ComponentState.Ready, null, true),
        changed("api-instance", Action.UPDATE, List.of(new FieldChange("instanceType", "t3.micro", "t3.small",
            ChangeKind.IN_PLACE)), ComponentState.Updating, null, true));

    assertEquals(List.of("api-instance"), StatusAggregator.plan(done).stream().map(PlannedChange::getComponent).toList(),
        "a type change still stopping the instance is still to do");
  }

  @Test
  void aDifferenceFoundWhileTheSpecStoodStillIsDriftAndItsRepairIsRecorded() {
    RockOfAgesStatus ready = StatusAggregator.aggregate(pass(ComponentState.Ready, null, List.of()), null, 4, T0);
    PassResult repair = pass(PassResult.Mode.RECONCILE,
        changed("api-security-group", Action.UPDATE, List.of(PORT_22), ComponentState.Ready, null, true));

    RockOfAgesStatus after = StatusAggregator.aggregate(repair, ready, 4, T1);

    assertEquals(List.of(new DriftRecord("api-security-group", "ingress", PORT_22.to(), PORT_22.from(), T1.toString(),
        T1.toString())), after.getDrift());
    assertEquals(1L, after.getDriftCount());
    assertTrue(ready.getDrift().isEmpty(), "the previous status is left as it was");
  }

  @Test
  void aDifferenceAfterASpecEditIsNoDrift() {
    RockOfAgesStatus ready = StatusAggregator.aggregate(pass(ComponentState.Ready, null, List.of()), null, 4, T0);
    PassResult edit = pass(PassResult.Mode.RECONCILE,
        changed("api-security-group", Action.UPDATE, List.of(PORT_22), ComponentState.Ready, null, true));

    RockOfAgesStatus after = StatusAggregator.aggregate(edit, ready, 5, T1);

    assertTrue(after.getDrift().isEmpty());
    assertEquals(0L, after.getDriftCount());
  }

  /**
   * A stack observed from its first pass differs from its spec from the start: the second look at
   * the same difference, the spec unchanged, is not drift. A difference that appears later is.
   */
  @Test
  void aDifferenceTheLastPassAlreadyLeftIsNoDriftAndOneThatAppearsLaterIs() {
    FieldChange noGateway = new FieldChange("internetGateway", null, "attached to vpc-1", ChangeKind.IN_PLACE);
    PassResult observed = pass(PassResult.Mode.OBSERVE,
        changed("network", Action.UPDATE, List.of(noGateway), ComponentState.Updating, null, false));
    RockOfAgesStatus first = StatusAggregator.aggregate(observed, null, 1, T0);
    RockOfAgesStatus second = StatusAggregator.aggregate(observed, first, 1, T1);
    assertEquals(List.of(), second.getDrift());
    assertEquals(0L, second.getDriftCount());

    RockOfAgesStatus drifted = StatusAggregator.aggregate(pass(PassResult.Mode.OBSERVE,
        changed("network", Action.UPDATE, List.of(noGateway), ComponentState.Updating, null, false),
        changed("api-security-group", Action.UPDATE, List.of(PORT_22), ComponentState.Updating, null, false)),
        second, 1, T1);
    assertEquals(List.of(new DriftRecord("api-security-group", "ingress", PORT_22.to(), PORT_22.from(), T1.toString(),
        null)), drifted.getDrift());
    assertEquals(1L, drifted.getDriftCount());
  }

  @Test
  void aRepairOverSeveralPassesIsOneDriftRepairedWhenTheComponentIsReadyAgain() {
    FieldChange type = new FieldChange("instanceType", "t3.large", "t3.micro", ChangeKind.IN_PLACE);
    RockOfAgesStatus ready = StatusAggregator.aggregate(pass(ComponentState.Ready, null, List.of()), null, 2, T0);
    RockOfAgesStatus stopping = StatusAggregator.aggregate(pass(PassResult.Mode.RECONCILE,
        changed("api-instance", Action.UPDATE, List.of(type), ComponentState.Updating, null, true)), ready, 2, T0);
    RockOfAgesStatus starting = StatusAggregator.aggregate(pass(PassResult.Mode.RECONCILE,
        changed("api-instance", Action.UPDATE, List.of(type), ComponentState.Updating, null, true)), stopping, 2, T1);
    assertEquals(1, starting.getDrift().size());
    assertEquals(null, starting.getDrift().get(0).getRepairedAt());

    RockOfAgesStatus repaired = StatusAggregator.aggregate(pass(PassResult.Mode.RECONCILE,
        changed("api-instance", Action.NONE, List.of(), ComponentState.Ready, null, false)), starting, 2, T1);

    assertEquals(1, repaired.getDrift().size());
    assertEquals(T0.toString(), repaired.getDrift().get(0).getFirstSeen());
    assertEquals(T1.toString(), repaired.getDrift().get(0).getRepairedAt());
    assertEquals(1L, repaired.getDriftCount());
  }

  @Test
  void onlyTheLastTwentyDriftsAreKeptButAllAreCounted() {
    RockOfAgesStatus status = StatusAggregator.aggregate(pass(ComponentState.Ready, null, List.of()), null, 1, T0);
    for (int i = 0; i < 25; i++) {
      FieldChange port = new FieldChange("ingress", "port " + i, "[tcp/80 from 0.0.0.0/0]", ChangeKind.IN_PLACE);
      status = StatusAggregator.aggregate(pass(PassResult.Mode.RECONCILE,
          changed("api-security-group", Action.UPDATE, List.of(port), ComponentState.Ready, null, true)), status, 1, T1);
    }
    assertEquals(20, status.getDrift().size());
    assertEquals("port 24", status.getDrift().get(19).getFound());
    assertEquals(25L, status.getDriftCount());
  }

  @Test
  void orphansAreListedWithWhatWasDoneAboutThem() {
    OwnedResource group = new OwnedResource("arn:aws:ec2:us-east-1:123456789012:security-group/sg-old", "old-firewall",
        Map.of());
    PassResult withOrphan = new PassResult(PassResult.Mode.RECONCILE, pass(ComponentState.Ready, null, List.of())
        .outcomes(), List.of(), Map.of(), List.of(), List.of(new PassResult.Orphan(group, "Reported", false)));

    RockOfAgesStatus status = StatusAggregator.aggregate(withOrphan, null, 1, T0);

    assertEquals(List.of(new OrphanStatus(group.arn(), "old-firewall", "Reported")), status.getOrphans());
    assertEquals("True", status(status, "Ready"), "an orphan is reported, it does not make the stack unready");
  }
}
