package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.rockofages.api.Annotations;
import io.rockofages.api.Condition;
import io.rockofages.api.ManagementPolicy;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.testing.Census;
import io.rockofages.testing.Await;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.OperatorHarness;
import io.rockofages.testing.PrometheusText;
import io.rockofages.testing.Specs;
import io.rockofages.testing.WatchLag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * What steers the operator besides the spec's desired state (the pause and reconcile-now annotations,
 * managementPolicy Observe), on a real JOSDK operator, the CRUD mock API server and moto.
 */
class OperatorControlsTest {
  private static final String NAMESPACE = "shop";

  private OperatorHarness harness;
  private KubernetesClient client;
  private Ec2Client ec2;

  private void start(Duration resync) {
    start(new OperatorHarness(resync));
  }

  private void start(OperatorHarness operator) {
    harness = operator;
    client = harness.client;
    ec2 = harness.aws.ec2(MotoServer.REGION);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aReconcileRequestRunsAPassAtOnceAndStatusSaysWhichRequestItHandled() {
    start(Duration.ofHours(1)); // no resync would find the drift within the test
    client.resource(Specs.resource(NAMESPACE, "rock", Specs.minimal())).create();
    await("Ready", r -> r.getStatus() != null && r.getStatus().isReady());
    String first = single(liveInstances()).instanceId();
    ec2.terminateInstances(r -> r.instanceIds(first));

    stack().edit(r -> annotate(r, Annotations.RECONCILE_REQUESTED_AT, "2026-11-26T21:40:00Z"));

    String second = Await.until("a new instance", this::liveInstances, l -> l.size() == 1
        && !l.get(0).instanceId().equals(first)).get(0).instanceId();
    assertNotEquals(first, second);
    await("status names the request handled", r -> "2026-11-26T21:40:00Z".equals(
        r.getStatus().getLastHandledReconcileAt()));
  }

  @Test
  void aPausedStackMakesNoAwsCallAndRepairsWhatItMissedOnceThePauseIsLifted() {
    start(Duration.ofMillis(500)); // passes come often: each must stay away from AWS
    client.resource(Specs.resource(NAMESPACE, "rock", Specs.minimal())).create();
    await("Ready", r -> r.getStatus() != null && r.getStatus().isReady());
    String instance = single(liveInstances()).instanceId();

    stack().edit(r -> annotate(r, Annotations.PAUSED, "true"));
    RockOfAges paused = await("Paused", r -> "Paused".equals(r.getStatus().getPhase()));
    long callsWhenPaused = harness.meter.total();
    ec2.terminateInstances(r -> r.instanceIds(instance));
    long callsAfterDrift = harness.meter.total();
    double pausedPasses = passes("reconcile", "paused");
    Await.until("two more paused passes", () -> passes("reconcile", "paused"), n -> n >= pausedPasses + 2);

    assertEquals(callsWhenPaused + 1, callsAfterDrift, "only the test's own TerminateInstances");
    assertEquals(callsAfterDrift, harness.meter.total(), "the paused passes made no AWS call");
    assertEquals(RockOfAgesReconciler.PAUSED, paused.getStatus().condition("Paused").map(Condition::getMessage)
        .orElseThrow());
    assertEquals("Paused", paused.getStatus().condition("Ready").map(Condition::getReason).orElseThrow());
    assertFalse(paused.getStatus().getComponents().isEmpty(), "the last known components stay");
    assertTrue(events().stream().anyMatch(e -> "Paused".equals(e.getReason())));

    stack().edit(r -> annotate(r, Annotations.PAUSED, null));

    await("Ready again, on a new instance", r -> r.getStatus().isReady() && r.getStatus().getComponents().stream()
        .anyMatch(c -> "api-instance".equals(c.getName()) && c.getId() != null && !instance.equals(c.getId())));
    assertTrue(stack().get().getStatus().condition("Paused").isEmpty(), "the Paused condition goes with the pause");
  }

  @Test
  void anObservedStackIsReportedDriftIncludedAndNeverChangedNotEvenByItsDeletion() {
    start(Duration.ofSeconds(1));
    RockOfAgesSpec observed = Specs.minimal();
    observed.setManagementPolicy(ManagementPolicy.Observe);
    client.resource(Specs.resource(NAMESPACE, "rock", observed)).create();

    RockOfAges outOfSync = await("OutOfSync", r -> "OutOfSync".equals(r.getStatus().getPhase()));

    assertEquals(0, harness.meter.mutatingCalls(), harness.meter.snapshot().toString());
    assertEquals("ObserveOnly", outOfSync.getStatus().condition("Ready").map(Condition::getReason).orElseThrow());
    assertEquals("True", outOfSync.getStatus().condition("ObserveOnly").map(Condition::getStatus).orElseThrow());
    assertTrue(outOfSync.getStatus().getPlan().stream().anyMatch(c -> "api-instance".equals(c.getComponent())
        && "Create".equals(c.getAction())), outOfSync.getStatus().getPlan().toString());

    stack().edit(r -> withPolicy(r, ManagementPolicy.Manage));
    RockOfAges managed = await("Ready under Manage", r -> r.getStatus().isReady()
        && r.getStatus().condition("ObserveOnly").isEmpty());
    String group = managed.getStatus().getComponents().get(1).getId();
    stack().edit(r -> withPolicy(r, ManagementPolicy.Observe));
    await("Ready and observed", r -> r.getStatus().isReady() && r.getStatus().condition("ObserveOnly").isPresent());
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(IpPermission.builder().ipProtocol("tcp")
        .fromPort(22).toPort(22).ipRanges(v -> v.cidrIp("0.0.0.0/0")).build()));
    long writes = harness.meter.mutatingCalls();

    RockOfAges drifted = await("the drift reported and left", r -> "OutOfSync".equals(r.getStatus().getPhase())
        && r.getStatus().getDrift().stream().anyMatch(d -> "ingress".equals(d.getField()) && d.getRepairedAt() == null));
    Await.until("a DriftFound event", this::events, l -> l.stream().anyMatch(e -> "DriftFound".equals(e.getReason())
        && e.getMessage().contains("tcp/22 from 0.0.0.0/0")));
    assertEquals(1L, drifted.getStatus().getDriftCount(), drifted.getStatus().getDrift().toString());
    stack().delete();
    Await.until("object gone", () -> stack().get(), r -> r == null);

    assertEquals(writes, harness.meter.mutatingCalls(), "no write while observed, deletion included");
    assertEquals(1, liveInstances().size(), "the instance stays");
    assertTrue(ec2.describeSecurityGroups(r -> r.groupIds(group)).securityGroups().get(0).ipPermissions().stream()
        .anyMatch(p -> Integer.valueOf(22).equals(p.fromPort())), "port 22 still open: Observe repairs nothing");
  }

  /**
   * JOSDK caches no status the operator writes: the next pass, if it comes before the watch brings
   * that write back, is given the copy from before it. Here the watch lags for good after the spec edit,
   * so every pass after the edit's first has only the status its predecessor wrote to go by.
   */
  @Test
  void aPassStartsFromTheStatusTheLastPassWroteEvenWhileTheWatchLagsBehind() {
    start(OperatorHarness.lagging(Duration.ofSeconds(1)));
    WatchLag lag = harness.watchLag();
    RockOfAgesSpec observed = Specs.minimal();
    observed.setManagementPolicy(ManagementPolicy.Observe);
    client.resource(Specs.resource(NAMESPACE, "rock", observed)).create();
    await("OutOfSync", r -> "OutOfSync".equals(r.getStatus().getPhase()));

    lag.holdAfter("\"generation\":2");
    stack().edit(r -> withPolicy(r, ManagementPolicy.Manage));

    RockOfAges managed = await("Ready under Manage", r -> r.getStatus().isReady()
        && r.getStatus().condition("ObserveOnly").isEmpty());
    assertTrue(lag.held() > 0, "the operator's own status writes did not come back to it");
    assertEquals(2L, managed.getStatus().getObservedGeneration());
    assertEquals(List.of("ApiReady", "NetworkReady", "Ready", "Reconciling", "SecurityAdvisory", "Stalled"),
        managed.getStatus().getConditions().stream().map(Condition::getType).sorted().toList(),
        "conditions replaced whole, ObserveOnly not left behind");
    lag.release();
  }

  @Test
  void aGroupNamedInSpecAdoptBecomesTheStacksOwnWithAnEventSayingSo() {
    start(Duration.ofSeconds(1));
    String vpc = ec2.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build())).vpcs()
        .get(0).vpcId();
    String group = ec2.createSecurityGroup(r -> r.groupName("legacy-api").description("by hand").vpcId(vpc))
        .groupId();
    RockOfAgesSpec spec = Specs.minimal();
    spec.getAdopt().setApiSecurityGroupId(group);
    client.resource(Specs.resource(NAMESPACE, "rock", spec)).create();

    RockOfAges ready = await("Ready", r -> r.getStatus().isReady());

    assertEquals(group, ready.getStatus().getComponents().stream().filter(c -> "api-security-group".equals(c.getName()))
        .findFirst().orElseThrow().getId());
    assertTrue(events().stream().anyMatch(e -> e.getMessage().startsWith("api-security-group " + group
        + ": adopted (spec.adopt); updated (ingress: (none) -> [tcp/80 from 0.0.0.0/0])")),
        events().stream().map(Event::getMessage).toList().toString());
    assertTrue(ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("group-name")
        .values("roa-shop-rock-api").build())).securityGroups().isEmpty(), "no group under the stack's own name");
  }

  private static RockOfAges withPolicy(RockOfAges resource, ManagementPolicy policy) {
    resource.getSpec().setManagementPolicy(policy);
    return resource;
  }

  private static RockOfAges annotate(RockOfAges resource, String key, String value) {
    Map<String, String> annotations = new java.util.HashMap<>(resource.getMetadata().getAnnotations() == null
        ? Map.of() : resource.getMetadata().getAnnotations());
    if (value == null) {
      annotations.remove(key);
    } else {
      annotations.put(key, value);
    }
    resource.getMetadata().setAnnotations(annotations);
    return resource;
  }

  private Resource<RockOfAges> stack() {
    return client.resources(RockOfAges.class).inNamespace(NAMESPACE).withName("rock");
  }

  private RockOfAges await(String what, Predicate<RockOfAges> done) {
    Supplier<RockOfAges> read = () -> stack().get();
    return Await.until(what, read, r -> r != null && r.getStatus() != null && done.test(r));
  }

  private double passes(String kind, String result) {
    return PrometheusText.sum(harness.metrics.render(), "rockofages_passes_total", Map.of("kind", kind,
        "result", result));
  }

  private List<Event> events() {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems();
  }

  private List<Instance> liveInstances() {
    return Census.liveInstances(ec2);
  }

  private static <T> T single(List<T> items) {
    assertEquals(1, items.size(), items.toString());
    return items.get(0);
  }
}
