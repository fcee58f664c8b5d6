package io.rockofages.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.ManagementPolicy;
import io.rockofages.api.PlannedChange;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.RockOfAgesStatus;
import io.rockofages.api.StackId;
import io.rockofages.aws.Ownership;
import io.rockofages.components.apihost.ApiInstanceComponent;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.Census;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * managementPolicy Observe on the full stack in moto: every pass reads and reports, none writes,
 * whatever it finds (nothing yet, drift, a lost tag) and whatever it is asked (reconcile, destroy);
 * switching back to Manage applies what the Observe passes planned.
 */
class ObserveOnlyMotoTest {
  private static final StackId STACK = new StackId("shop", "watched");
  private final AwsFixture aws = new AwsFixture(STACK);
  private final Ec2Client ec2 = aws.clients.ec2(MotoServer.REGION);
  private final Passes passes = aws.passes.withSiteContent(Map.of("index.html", "<h1>Rock</h1>"));

  @AfterEach
  void tearDown() {
    passes.destroyUntilGone(Specs.fullStack());
    aws.close();
  }

  @Test
  void observingAnEmptyAccountPlansEveryCreateAndMakesNone() {
    aws.meter.reset();

    PassResult first = passes.reconcile(observed());
    PassResult second = passes.reconcile(observed());

    assertEquals(0, aws.meter.mutatingCalls(), aws.meter.snapshot().toString());
    assertEquals(PassResult.Mode.OBSERVE, second.mode());
    assertTrue(second.outcomes().stream().allMatch(o -> o.action() != Action.NONE), second.outcomes().toString());
    assertEquals(Action.CREATE, second.outcome("database").orElseThrow().action());
    assertEquals(first.outcomes().size(), second.outcomes().size());
    RockOfAgesStatus status = StatusAggregator.aggregate(second, null, 1, Instant.now());
    assertEquals("OutOfSync", status.getPhase());
    assertEquals("ObserveOnly", status.condition("Ready").orElseThrow().getReason());
    assertEquals("False", status.condition("Reconciling").orElseThrow().getStatus(), "nothing is on its way");
    assertEquals("True", status.condition("ObserveOnly").orElseThrow().getStatus());
    assertTrue(status.getPlan().stream().anyMatch(c -> "api-instance".equals(c.getComponent())
        && "Create".equals(c.getAction())), status.getPlan().toString());
  }

  @Test
  void driftAndALostTagAreReportedNotRepairedUntilTheStackIsManagedAgain() {
    PassResult managed = passes.reconcileUntilReady(Specs.fullStack());
    String group = managed.outcome(ApiSecurityGroup.REF.name()).orElseThrow().id();
    String instance = managed.outcome(ApiInstanceComponent.REF.name()).orElseThrow().id();
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(IpPermission.builder().ipProtocol("tcp")
        .fromPort(22).toPort(22).ipRanges(v -> v.cidrIp("0.0.0.0/0")).build()));
    ec2.deleteTags(r -> r.resources(instance).tags(t -> t.key(Ownership.STACK_TAG)));
    aws.meter.reset();

    PassResult observing = passes.reconcile(observed());
    RockOfAgesStatus status = StatusAggregator.aggregate(observing, readyStatus(managed), 1, Instant.now());

    assertEquals(0, aws.meter.mutatingCalls(), aws.meter.snapshot().toString());
    assertEquals(Action.UPDATE, observing.outcome(ApiSecurityGroup.REF.name()).orElseThrow().action());
    assertTrue(observing.outcome(ApiInstanceComponent.REF.name()).orElseThrow().message()
        .contains("will put back its ownership tags"));
    assertTrue(status.getDrift().stream().anyMatch(d -> "ingress".equals(d.getField()) && d.getRepairedAt() == null),
        "the drift is recorded and stays open: " + status.getDrift());
    assertTrue(status.getPlan().stream().map(PlannedChange::getComponent).anyMatch(ApiSecurityGroup.REF.name()::equals));

    PassResult repaired = passes.reconcileUntilReady(Specs.fullStack());

    assertTrue(aws.meter.mutatingCalls() > 0);
    assertEquals(instance, repaired.outcome(ApiInstanceComponent.REF.name()).orElseThrow().id(), "same instance");
    assertTrue(ec2.describeSecurityGroups(r -> r.groupIds(group)).securityGroups().get(0).ipPermissions().stream()
        .noneMatch(p -> Integer.valueOf(22).equals(p.fromPort())), "port 22 closed by the managed pass");
    assertTrue(ec2.describeTags(r -> r.filters(f -> f.name("resource-id").values(instance))).tags().stream()
        .anyMatch(t -> Ownership.STACK_TAG.equals(t.key())), "the stack tag put back");
    assertFalse(passes.plan(Specs.fullStack()).hasChanges());
  }

  @Test
  void destroyingAnObservedStackLeavesEveryResourceInPlace() {
    passes.reconcileUntilReady(Specs.fullStack());
    Map<String, Integer> before = Census.of(STACK);
    aws.meter.reset();

    PassResult destroying = passes.destroy(observed());

    assertEquals(0, aws.meter.mutatingCalls(), aws.meter.snapshot().toString());
    assertTrue(destroying.allGone(), "nothing left for the stack to do");
    assertTrue(destroying.outcomes().stream().allMatch(o -> o.state() == ComponentState.Retained
        && "managementPolicy Observe: left in AWS".equals(o.message())), destroying.outcomes().toString());
    assertEquals(before, Census.of(STACK), "everything is still there");
  }

  private static RockOfAgesSpec observed() {
    RockOfAgesSpec spec = Specs.fullStack();
    spec.setManagementPolicy(ManagementPolicy.Observe);
    return spec;
  }

  /** The status a managed pass left, for generation 1: what makes the Observe pass's differences drift. */
  private static RockOfAgesStatus readyStatus(PassResult managed) {
    return StatusAggregator.aggregate(managed, null, 1, Instant.now());
  }
}
