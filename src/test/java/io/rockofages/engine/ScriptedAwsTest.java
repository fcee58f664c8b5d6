package io.rockofages.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.RockOfAgesStatus;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsServices;
import io.rockofages.aws.ErrorKind;
import io.rockofages.components.apihost.ApiInstanceComponent;
import io.rockofages.testing.Passes;
import io.rockofages.testing.ScriptedEc2;
import io.rockofages.testing.ScriptedIam;
import io.rockofages.testing.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What moto cannot show: slow instances, throttling, refused parameters, spent launch tokens. */
class ScriptedAwsTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private final ScriptedEc2 ec2 = new ScriptedEc2();
  private final Passes passes = new Passes(STACK, AwsServices.of("us-east-1", ec2, null, new ScriptedIam()));
  private final Timing timing = Timing.defaults(Duration.ofSeconds(60));
  private final io.rockofages.api.RockOfAgesSpec spec = Specs.minimal();

  @Test
  void aPendingInstanceIsReportedAndNothingWaitsForIt() {
    ec2.instanceStates("pending", "pending", "running");

    PassResult first = passes.reconcile(spec);
    ComponentOutcome instance = first.outcome(ApiInstanceComponent.REF.name()).orElseThrow();
    assertEquals(ComponentState.Creating, instance.state());
    assertTrue(instance.message().contains("is starting"), instance.message());
    assertEquals(timing.progress().dividedBy(4), timing.next(first, Duration.ZERO), "come back soon, do not block");
    RockOfAgesStatus status = StatusAggregator.aggregate(first, null, 1, Instant.EPOCH);
    assertEquals("Provisioning", status.getPhase());
    assertEquals("True", status.condition("Reconciling").orElseThrow().getStatus());

    PassResult second = passes.reconcile(spec);
    assertEquals(ComponentState.Creating, second.outcome(ApiInstanceComponent.REF.name()).orElseThrow().state());
    assertFalse(second.changedAws(), "a pending instance is left alone");

    assertTrue(passes.reconcile(spec).allReady());
    assertEquals(1, ec2.liveInstances());
  }

  @Test
  void launchRequiresImdsV2EncryptsTheRootVolumeAndTagsEverything() {
    passes.reconcileUntilReady(spec);

    var launch = ec2.lastLaunch;
    assertEquals(software.amazon.awssdk.services.ec2.model.HttpTokensState.REQUIRED,
        launch.metadataOptions().httpTokens());
    assertEquals(2, launch.metadataOptions().httpPutResponseHopLimit(), "containers reach IMDSv2 through one hop");
    var root = launch.blockDeviceMappings().get(0);
    assertEquals("/dev/xvda", root.deviceName());
    assertTrue(root.ebs().encrypted());
    assertTrue(root.ebs().deleteOnTermination());
    assertEquals(List.of("instance", "volume"), launch.tagSpecifications().stream()
        .map(t -> t.resourceTypeAsString()).toList());
    assertTrue(launch.tagSpecifications().stream().allMatch(t -> t.tags().stream()
        .anyMatch(tag -> tag.key().equals("rockofages.io/stack") && tag.value().equals("shop/rock"))));
    assertEquals(1, launch.minCount());
    assertEquals(1, launch.maxCount());
  }

  @Test
  void throttlingBacksOffWithoutStalling() {
    ec2.failNext("DescribeInstances", "RequestLimitExceeded", 503, "Request limit exceeded.");

    PassResult throttled = passes.reconcile(spec);

    ComponentOutcome instance = throttled.outcome(ApiInstanceComponent.REF.name()).orElseThrow();
    assertEquals(ErrorKind.THROTTLED, instance.error());
    assertTrue(instance.message().startsWith("AWS is throttling requests"), instance.message());
    assertTrue(throttled.stall().isEmpty());
    assertEquals(timing.throttled(), timing.next(throttled, Duration.ZERO));
    assertEquals(0, ec2.liveInstances(), "nothing launched while blind");
    assertTrue(passes.reconcile(spec).allReady(), "the next pass goes on");
  }

  @Test
  void aParameterAwsRefusesStallsWithAwsWordsAndNoHotLoop() {
    ec2.failNext("RunInstances", "InvalidParameterValue", 400, "Invalid value 't3.micro' for InstanceType.");

    PassResult refused = passes.reconcile(spec);

    assertTrue(refused.stall().isPresent());
    assertEquals(timing.resync(), timing.next(refused, Duration.ZERO), "retried only at the resync interval");
    RockOfAgesStatus status = StatusAggregator.aggregate(refused, null, 1, Instant.EPOCH);
    assertEquals("Failed", status.getPhase());
    assertEquals("True", status.condition("Stalled").orElseThrow().getStatus());
    assertTrue(status.condition("Stalled").orElseThrow().getMessage()
        .contains("InvalidParameterValue: Invalid value 't3.micro' for InstanceType."));
  }

  @Test
  void aHostWearingAnotherInstanceProfileGetsTheStacksBackInPlace() {
    passes.reconcileUntilReady(spec);
    String instanceId = ec2.describeInstances(r -> { }).reservations().get(0).instances().get(0).instanceId();
    String profile = ec2.lastLaunch.iamInstanceProfile().arn();
    ec2.swapInstanceProfile(instanceId, "arn:aws:iam::1:instance-profile/someone-elses");

    PassResult repaired = passes.reconcile(spec);

    assertEquals(List.of("instanceProfile"), repaired.outcome(ApiInstanceComponent.REF.name()).orElseThrow().changes()
        .stream().map(c -> c.field()).toList());
    assertEquals(profile, ec2.describeInstances(r -> { }).reservations().get(0).instances().get(0)
        .iamInstanceProfile().arn());
    assertEquals(1, ec2.clientTokens.size(), "no new instance");
  }

  @Test
  void aProfileEc2CannotSeeYetIsWaitedForNotAStall() {
    ec2.failNext("RunInstances", "InvalidParameterValue", 400,
        "Value (arn:aws:iam::1:instance-profile/roa-shop-rock-us-east-1-api) for parameter iamInstanceProfile.arn is "
            + "invalid. Invalid IAM Instance Profile ARN");

    PassResult early = passes.reconcile(spec);

    assertEquals(ErrorKind.RETRYABLE, early.outcome(ApiInstanceComponent.REF.name()).orElseThrow().error());
    assertTrue(early.stall().isEmpty(), "IAM is eventually consistent: the next pass launches");
    assertTrue(passes.reconcileUntilReady(spec).allReady());
  }

  @Test
  void aSpentClientTokenLeadsToTheNextDeterministicToken() {
    PassResult probe = passes.plan(spec);
    assertEquals(Action.CREATE, probe.outcome(ApiInstanceComponent.REF.name()).orElseThrow().action());
    ScriptedEc2 first = new ScriptedEc2();
    new Passes(STACK, AwsServices.of("us-east-1", first, null, new ScriptedIam())).reconcileUntilReady(spec);
    String token = first.clientTokens.get(0);
    ec2.spentToken(token);

    passes.reconcileUntilReady(spec);

    assertEquals(List.of(token, ApiInstanceComponent.nextClientToken(token, "i-spent")), ec2.clientTokens);
    assertNotEquals(token, ec2.clientTokens.get(1));
    assertEquals(1, ec2.liveInstances());
  }
}
