package io.rockofages.components.apihost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.Endpoints;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsServices;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.StackException;
import io.rockofages.components.network.NetworkComponent;
import io.rockofages.components.network.NetworkState;
import io.rockofages.components.securitygroup.SecurityGroupState;
import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldChange;
import io.rockofages.engine.Outputs;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.StackContext;
import io.rockofages.testing.Specs;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** desired, diff and readiness of the API instance: pure functions, no AWS. */
class ApiInstanceComponentTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private final ApiInstanceComponent component = new ApiInstanceComponent(List.of());
  private final RockOfAgesSpec spec = Specs.minimal();
  private static final String PROFILE_ARN = "arn:aws:iam::123456789012:instance-profile/roa-shop-rock-us-east-1-api";

  static NetworkState network() {
    return new NetworkState("vpc-1", List.of("igw-1"), Set.of(), "rtb-1", "igw-1", true, List.of(
        new NetworkState.Subnet("subnet-c", "us-east-1c", true, true),
        new NetworkState.Subnet("subnet-private", "us-east-1a", false, false),
        new NetworkState.Subnet("subnet-b2", "us-east-1b", true, true),
        new NetworkState.Subnet("subnet-b1", "us-east-1b", true, true)), null);
  }

  private StackContext context(boolean dependenciesObserved) {
    StackContext ctx = new StackContext(STACK, spec, AwsServices.of("us-east-1", null, null), Clock.systemUTC());
    if (dependenciesObserved) {
      ctx.record(NetworkComponent.REF, Optional.of(network()));
      ctx.record(ApiSecurityGroup.REF, Optional.of(new SecurityGroupState("sg-1", "g", "vpc-1", Set.of(), List.of())));
      ctx.record(ApiInstanceProfileComponent.REF, Optional.of(new InstanceProfileState("roa-shop-rock-us-east-1-api",
          PROFILE_ARN, List.of("roa-shop-rock-us-east-1-api"))));
    }
    return ctx;
  }

  private InstanceState matching(ApiInstanceComponent.Desired desired, String state) {
    return new InstanceState("i-1", state, "ami-0123456789", desired.instanceType(), desired.subnetId(),
        desired.keyName(), desired.securityGroupIds(), "203.0.113.9", desired.fingerprint(), Instant.EPOCH, PROFILE_ARN,
        List.of());
  }

  @Test
  void desiredPicksTheFirstPublicSubnetByZoneThenId() {
    ApiInstanceComponent.Desired desired = component.desired(context(true));
    assertEquals("subnet-b1", desired.subnetId());
    assertEquals(List.of("sg-1"), desired.securityGroupIds());
    assertEquals("t3.micro", desired.instanceType());
  }

  @Test
  void anExplicitSubnetOfTheVpcWinsEvenAPrivateOne() {
    spec.getApi().setSubnetId("subnet-private");
    assertEquals("subnet-private", component.desired(context(true)).subnetId());
  }

  @Test
  void aSubnetOfAnotherVpcIsRefusedBeforeAnythingIsLaunched() {
    spec.getApi().setSubnetId("subnet-0abcdef12");
    StackException refused = assertThrows(StackException.class, () -> component.desired(context(true)));
    assertEquals(ErrorKind.INVALID, refused.kind());
    assertEquals("spec.api.subnetId subnet-0abcdef12 is not a subnet of vpc-1, the stack's VPC (spec.network.vpcId, "
        + "or the region's default VPC)", refused.getMessage());
  }

  @Test
  void beforeDependenciesExistThePlanSaysKnownAfterApply() {
    ApiInstanceComponent.Desired desired = component.desired(context(false));
    assertEquals(StackContext.KNOWN_AFTER_APPLY, desired.subnetId());
    assertEquals(List.of(StackContext.KNOWN_AFTER_APPLY), desired.securityGroupIds());
    assertEquals(StackContext.KNOWN_AFTER_APPLY, desired.instanceProfileArn());
  }

  @Test
  void aHostWithoutTheStacksInstanceProfileGetsItInPlace() {
    ApiInstanceComponent.Desired desired = component.desired(context(true));
    InstanceState launchedBeforeRoles = new InstanceState("i-1", "running", "ami-1", "t3.micro", desired.subnetId(),
        null, desired.securityGroupIds(), null, desired.fingerprint(), Instant.EPOCH, null, List.of());

    assertEquals(List.of(new FieldChange("instanceProfile", "(none)", PROFILE_ARN, ChangeKind.IN_PLACE)),
        component.diff(desired, launchedBeforeRoles).changes());
  }

  @Test
  void matchingInstanceHasNoDiff() {
    ApiInstanceComponent.Desired desired = component.desired(context(true));
    assertTrue(component.diff(desired, matching(desired, "running")).isEmpty());
  }

  @Test
  void aNewerDefaultImageIsNoReasonToReplace() {
    ApiInstanceComponent.Desired desired = component.desired(context(true));
    assertEquals(null, desired.imageId());
    InstanceState older = matching(desired, "running");
    assertTrue(component.diff(desired, older).isEmpty(), "imageId empty: whatever was newest at launch stays");
  }

  @Test
  void changesThatNeedANewInstanceAreReplace() {
    ApiInstanceComponent.Desired before = component.desired(context(true));
    InstanceState observed = matching(before, "running");
    spec.getApi().setImageId("ami-0fedcba987");
    spec.getApi().getContainer().setImage("ghcr.io/example/django-api:2.0");
    spec.getApi().setKeyName("ops");

    Diff diff = component.diff(component.desired(context(true)), observed);

    assertEquals(Set.of("imageId", "keyName", "container (user data)"),
        Set.copyOf(diff.changes().stream().map(FieldChange::field).toList()));
    assertTrue(diff.changes().stream().allMatch(c -> c.kind() == ChangeKind.REPLACE));
  }

  @Test
  void instanceTypeAndSecurityGroupsChangeInPlace() {
    ApiInstanceComponent.Desired desired = component.desired(context(true));
    InstanceState observed = new InstanceState("i-1", "running", "ami-1", "t3.large", desired.subnetId(), null,
        List.of("sg-other"), null, desired.fingerprint(), Instant.EPOCH, PROFILE_ARN, List.of());

    Diff diff = component.diff(desired, observed);

    assertEquals(List.of(new FieldChange("instanceType", "t3.large", "t3.micro", ChangeKind.IN_PLACE),
        new FieldChange("securityGroups", "[sg-other]", "[sg-1]", ChangeKind.IN_PLACE)), diff.changes());
    assertTrue(!diff.needsReplacement());
  }

  @Test
  void stoppedIsStartedInPlaceAndShuttingDownIsReplaced() {
    ApiInstanceComponent.Desired desired = component.desired(context(true));
    assertEquals(ChangeKind.IN_PLACE, component.diff(desired, matching(desired, "stopped")).changes().get(0).kind());
    assertTrue(component.diff(desired, matching(desired, "shutting-down")).needsReplacement());
  }

  @Test
  void duplicatesAreAnInPlaceChange() {
    ApiInstanceComponent.Desired desired = component.desired(context(true));
    InstanceState observed = new InstanceState("i-1", "running", "ami-1", "t3.micro", desired.subnetId(), null,
        desired.securityGroupIds(), null, desired.fingerprint(), Instant.EPOCH, PROFILE_ARN, List.of("i-2"));
    assertTrue(component.diff(desired, observed).has("duplicateInstances"));
  }

  @Test
  void readinessFollowsTheInstanceState() {
    ApiInstanceComponent.Desired desired = component.desired(context(true));
    assertEquals(Readiness.State.READY, component.readiness(matching(desired, "running")).state());
    for (String state : List.of("pending", "stopping", "stopped", "shutting-down")) {
      assertEquals(Readiness.State.PROGRESSING, component.readiness(matching(desired, state)).state(), state);
    }
    assertEquals(Readiness.State.FAILED, component.readiness(matching(desired, "unknown-state")).state());
  }

  @Test
  void clientTokenIsStableForTheSameLaunchAndDiffersOtherwise() {
    ApiInstanceComponent.Desired desired = component.desired(context(true));
    String token = ApiInstanceComponent.clientToken(STACK, desired, "ami-1");
    assertEquals(token, ApiInstanceComponent.clientToken(STACK, component.desired(context(true)), "ami-1"));
    assertTrue(token.length() <= 64, "EC2 limit");
    assertNotEquals(token, ApiInstanceComponent.clientToken(new StackId("shop", "other"), desired, "ami-1"));
    assertNotEquals(token, ApiInstanceComponent.clientToken(STACK, desired, "ami-2"));
    String next = ApiInstanceComponent.nextClientToken(token, "i-terminated");
    assertNotEquals(token, next);
    assertEquals(next, ApiInstanceComponent.nextClientToken(token, "i-terminated"));
  }

  @Test
  void endpointsOnlyForAnInstanceThatStays() {
    StackContext ctx = context(true);
    ApiInstanceComponent.Desired desired = component.desired(ctx);
    Outputs running = component.outputs(matching(desired, "running"), ctx);
    assertEquals("203.0.113.9", running.endpoints().get(Endpoints.API_PUBLIC_IP));
    assertEquals("http://203.0.113.9/", running.endpoints().get(Endpoints.API), "port 80 is left out of the URL");
    assertTrue(component.outputs(matching(desired, "shutting-down"), ctx).endpoints().isEmpty());
  }

  @Test
  void theApiUrlNamesAPortOtherThan80() {
    spec.getApi().getHttp().setPort(8080);
    StackContext ctx = context(true);
    Outputs outputs = component.outputs(matching(component.desired(ctx), "running"), ctx);
    assertEquals("http://203.0.113.9:8080/", outputs.endpoints().get(Endpoints.API));
  }
}
