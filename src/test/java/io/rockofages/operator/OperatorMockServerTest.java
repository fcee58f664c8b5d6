package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rockofages.api.ComponentStatus;
import io.rockofages.api.Condition;
import io.rockofages.api.DriftRecord;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.RockOfAgesStatus;
import io.rockofages.aws.Actor;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.Ownership;
import io.rockofages.testing.Census;
import io.rockofages.testing.Await;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.OperatorHarness;
import io.rockofages.testing.PrometheusText;
import io.rockofages.testing.Specs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Instance;

/** A real JOSDK operator on fabric8's CRUD mock API server, reconciling against moto. */
class OperatorMockServerTest {
  private static final String NAMESPACE = "shop";

  private OperatorHarness harness;
  private KubernetesClient client;
  private AwsCallMeter meter;
  private OperatorMetrics metrics;
  private Ec2Client ec2;

  @BeforeEach
  void start() {
    harness = new OperatorHarness(Duration.ofSeconds(2));
    client = harness.client;
    meter = harness.meter;
    metrics = harness.metrics;
    ec2 = harness.aws.ec2(MotoServer.REGION);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void applyEditAndDeleteAStack() {
    client.resource(Specs.resource(NAMESPACE, "rock", Specs.minimal())).create();

    RockOfAges ready = await("Ready", () -> get("rock"), r -> isReady(r, 1));
    RockOfAgesStatus status = ready.getStatus();
    assertEquals("Ready", status.getPhase());
    assertEquals(List.of("network", "api-security-group", "api-role", "api-instance-profile", "api-instance"),
        status.getComponents().stream().map(ComponentStatus::getName).toList());
    assertTrue(status.getComponents().stream().allMatch(c -> "Ready".equals(c.getState()) && c.getId() != null));
    Instance instance = single(liveInstances());
    assertEquals(instance.instanceId(), componentId(status, "api-instance"));
    assertTrue(instance.tags().stream().anyMatch(t -> Actor.TAG.equals(t.key()) && "operator/kubernetes"
        .equals(t.value())), "marked as the operator's (CLUSTER_NAME default): " + instance.tags());
    assertEquals("http://" + instance.publicIpAddress() + "/", status.getEndpoints().getApi());
    assertTrue(status.getConditions().stream().allMatch(c -> Long.valueOf(1).equals(c.getObservedGeneration())));
    assertTrue(ready.getMetadata().getFinalizers().contains(RockOfAgesReconciler.FINALIZER));
    assertTrue(events().stream().anyMatch(e -> "Created".equals(e.getReason())
        && e.getMessage().contains(instance.instanceId())), "an event for each AWS change");
    assertEquals(1.0, PrometheusText.sum(metrics.render(), "rockofages_aws_calls_total", Map.of("operation",
        "RunInstances", "outcome", "success", "mutating", "true")));

    ready.getSpec().getApi().setInstanceType("t3.small");
    client.resource(ready).update();
    RockOfAges edited = await("generation 2 ready", () -> get("rock"), r -> isReady(r, 2));
    assertEquals(2L, edited.getStatus().getObservedGeneration());
    Instance resized = single(liveInstances());
    assertEquals(instance.instanceId(), resized.instanceId(), "instance type changes in place");
    assertEquals("t3.small", resized.instanceTypeAsString());

    client.resource(edited).delete();
    await("object gone", () -> client.resources(RockOfAges.class).inNamespace(NAMESPACE).withName("rock").get(),
        r -> r == null);
    assertTrue(liveInstances().isEmpty(), "instances terminated");
    assertTrue(ec2.describeSecurityGroups(r -> r.filters(Ownership.ec2Filters(
        new io.rockofages.api.StackId(NAMESPACE, "rock"), "api-security-group"))).securityGroups().isEmpty());
  }

  private static String componentId(RockOfAgesStatus status, String name) {
    return status.getComponents().stream().filter(c -> name.equals(c.getName())).findFirst()
        .map(ComponentStatus::getId).orElse(null);
  }

  @Test
  void resyncsThatFindNothingNewDoNotWriteStatus() {
    client.resource(Specs.resource(NAMESPACE, "rock", Specs.minimal())).create();
    String version = await("Ready", () -> get("rock"), r -> isReady(r, 1)).getMetadata().getResourceVersion();
    long mutatingBefore = meter.mutatingCalls();
    long readyPasses = readyPasses();

    await("two more resyncs", this::readyPasses, n -> n >= readyPasses + 2);

    assertEquals(version, get("rock").getMetadata().getResourceVersion(), "no status patch");
    assertEquals(mutatingBefore, meter.mutatingCalls(), "no AWS change");
    assertTrue(PrometheusText.sum(metrics.render(), "rockofages_passes_total", Map.of("kind", "reconcile", "result",
        "Ready")) > 0);
    assertTrue(metrics.render().contains("jvm_memory_used_bytes"), "JVM metrics beside ours");
    assertTrue(metrics.render().contains("operator_sdk_"), "and JOSDK's own");
  }

  @Test
  void driftIsRepairedOnResyncWithoutAnyKubernetesEvent() {
    client.resource(Specs.resource(NAMESPACE, "rock", Specs.minimal())).create();
    await("Ready", () -> get("rock"), r -> isReady(r, 1));
    String first = single(liveInstances()).instanceId();

    ec2.terminateInstances(r -> r.instanceIds(first));

    String second = await("a new instance", () -> liveInstances(), l -> l.size() == 1
        && !l.get(0).instanceId().equals(first) && "running".equals(l.get(0).state().nameAsString()))
        .get(0).instanceId();
    assertNotEquals(first, second);
    await("status shows the new instance", () -> get("rock"),
        r -> second.equals(componentId(r.getStatus(), "api-instance")) && r.getStatus().isReady());
  }

  @Test
  void theStackTagRemovedFromItsInstanceIsPutBackByTheIdInStatusAndNoSecondInstanceIsLaunched() {
    client.resource(Specs.resource(NAMESPACE, "rock", Specs.minimal())).create();
    await("Ready", () -> get("rock"), r -> isReady(r, 1));
    String instance = single(liveInstances()).instanceId();
    long launches = meter.count("RunInstances");

    ec2.deleteTags(r -> r.resources(instance).tags(t -> t.key(Ownership.STACK_TAG)));

    await("the stack tag back on " + instance, () -> single(liveInstances()), i -> i.tags().stream()
        .anyMatch(t -> Ownership.STACK_TAG.equals(t.key()) && "shop/rock".equals(t.value())));
    assertEquals(instance, single(liveInstances()).instanceId());
    assertEquals(launches, meter.count("RunInstances"), "no second instance");
    assertTrue(events().stream().anyMatch(e -> e.getMessage().contains("put back its ownership tags")),
        "an event says what was done");
  }

  @Test
  void aStackDeletedAfterItsInstanceLostTheStackTagStillTerminatesThatInstance() {
    harness.close();
    harness = new OperatorHarness(Duration.ofHours(1)); // no resync puts the tag back before the deletion
    client = harness.client;
    ec2 = harness.aws.ec2(MotoServer.REGION);
    client.resource(Specs.resource(NAMESPACE, "rock", Specs.minimal())).create();
    RockOfAges ready = await("Ready", () -> get("rock"), r -> isReady(r, 1));
    String instance = single(liveInstances()).instanceId();
    ec2.deleteTags(r -> r.resources(instance).tags(t -> t.key(Ownership.STACK_TAG)));

    client.resource(ready).delete();

    await("object gone", () -> get("rock"), r -> r == null);
    assertTrue(liveInstances().isEmpty(), "the instance known by its id in status is terminated too");
  }

  @Test
  void portOpenedBehindOurBackIsRepairedAndShowsAsDriftWithAnEvent() {
    client.resource(Specs.resource(NAMESPACE, "rock", Specs.minimal())).create();
    RockOfAges ready = await("Ready", () -> get("rock"), r -> isReady(r, 1));
    assertTrue(ready.getStatus().getPlan().isEmpty(), "nothing to do: " + ready.getStatus().getPlan());
    assertEquals(0L, ready.getStatus().getDriftCount());
    String group = ready.getStatus().getComponents().get(1).getId();

    ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(IpPermission.builder().ipProtocol("tcp")
        .fromPort(22).toPort(22).ipv6Ranges(v -> v.cidrIpv6("::/0")).build()));

    RockOfAges repaired = await("the drift recorded as repaired", () -> get("rock"),
        r -> r.getStatus().getDrift().stream().anyMatch(d -> d.getRepairedAt() != null));
    DriftRecord drift = repaired.getStatus().getDrift().get(0);
    assertEquals("api-security-group", drift.getComponent());
    assertEquals("ingress", drift.getField());
    assertTrue(drift.getFound().contains("tcp/22 from ::/0"), drift.getFound());
    assertEquals(1L, repaired.getStatus().getDriftCount());
    assertTrue(events().stream().anyMatch(e -> "DriftRepaired".equals(e.getReason())
        && e.getMessage().contains("tcp/22 from ::/0")), "an event says what was put back");
    assertTrue(ec2.describeSecurityGroups(r -> r.groupIds(group)).securityGroups().get(0).ipPermissions().stream()
        .allMatch(p -> p.ipv6Ranges().isEmpty()), "port 22 closed again");
  }

  @Test
  void invalidSpecStallsWithTheFieldNamedAndCreatesNothing() {
    var spec = Specs.minimal();
    spec.getApi().getSsh().setCidrs(List.of("10.0.0.0/33"));
    client.resource(Specs.resource(NAMESPACE, "bad", spec)).create();

    RockOfAges bad = await("Stalled", () -> get("bad"), r -> r.getStatus() != null
        && r.getStatus().condition("Stalled").map(Condition::isTrue).orElse(false));

    Condition stalled = bad.getStatus().condition("Stalled").orElseThrow();
    assertTrue(stalled.getMessage().contains("spec.api.ssh.cidrs[0]"), stalled.getMessage());
    assertEquals("Failed", bad.getStatus().getPhase());
    assertFalse(bad.getStatus().isReady());
    assertEquals(0, meter.mutatingCalls(), "nothing was created");
    assertTrue(events().stream().anyMatch(e -> "InvalidSpec".equals(e.getReason())));
  }

  @Test
  void retainPolicyLeavesAwsAloneOnDelete() {
    var spec = Specs.minimal();
    spec.setDeletionPolicy(io.rockofages.api.DeletionPolicy.Retain);
    client.resource(Specs.resource(NAMESPACE, "kept", spec)).create();
    RockOfAges ready = await("Ready", () -> get("kept"), r -> isReady(r, 1));

    client.resource(ready).delete();

    await("object gone", () -> client.resources(RockOfAges.class).inNamespace(NAMESPACE).withName("kept").get(),
        r -> r == null);
    assertEquals(1, liveInstances().size(), "the instance stays");
  }

  private RockOfAges get(String name) {
    return client.resources(RockOfAges.class).inNamespace(NAMESPACE).withName(name).get();
  }

  private static boolean isReady(RockOfAges r, long generation) {
    return r != null && r.getStatus() != null && r.getStatus().isReady()
        && Long.valueOf(generation).equals(r.getStatus().getObservedGeneration());
  }

  private List<Event> events() {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems();
  }

  private List<Instance> liveInstances() {
    return Census.liveInstances(ec2);
  }

  /** Reconcile passes that found the stack Ready, as the operator's /metrics counts them. */
  private long readyPasses() {
    return (long) PrometheusText.sum(metrics.render(), "rockofages_passes_total", Map.of("kind", "reconcile",
        "result", "Ready"));
  }


  private static <T> T single(List<T> items) {
    assertEquals(1, items.size(), items.toString());
    return items.get(0);
  }

  private static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
    return Await.until(what, read, done, OperatorMockServerTest::describe);
  }

  private static String describe(Object last) {
    return last instanceof RockOfAges r && r.getStatus() != null
        ? r.getStatus().getPhase() + " " + r.getStatus().getConditions() + " " + r.getStatus().getComponents().stream()
            .map(c -> c.getName() + "=" + c.getState() + ":" + c.getMessage()).toList()
        : String.valueOf(last);
  }
}
