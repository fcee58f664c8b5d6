package io.rockofages.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.Endpoints;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.components.apihost.ApiInstanceComponent;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.components.network.NetworkComponent;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** The network and API host against moto: create, no-op, drift repair, replacement, crash safety, teardown. */
class StackEngineMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private final AwsFixture aws = new AwsFixture(STACK);
  private final MotoServer moto = MotoServer.get();
  private final AwsCallMeter meter = aws.meter;
  private final Ec2Client ec2 = aws.clients.ec2(MotoServer.REGION);
  private final Passes passes = aws.passes;
  private final RockOfAgesSpec spec = Specs.minimal();

  @AfterEach
  void tearDown() {
    aws.close();
  }

  @Test
  void createsNetworkSecurityGroupAndInstanceFromScratch() {
    PassResult result = passes.reconcileUntilReady(spec);

    String vpcId = defaultVpc();
    var gateways = ec2.describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", vpcId))).internetGateways();
    assertEquals(1, gateways.size(), "an internet gateway is attached to the default VPC");
    String gatewayId = gateways.get(0).internetGatewayId();
    var mainTable = ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpcId), filter("association.main", "true")))
        .routeTables().get(0);
    assertTrue(mainTable.routes().stream().anyMatch(route -> "0.0.0.0/0".equals(route.destinationCidrBlock())
        && gatewayId.equals(route.gatewayId())), "main route table sends 0.0.0.0/0 to the gateway");

    SecurityGroup group = apiGroup();
    assertEquals(Set.of("tcp/80 from 0.0.0.0/0"), rules(group), "HTTP open, SSH closed by default");

    Instance instance = single(liveInstances());
    assertEquals("running", instance.state().nameAsString());
    assertEquals("t3.micro", instance.instanceTypeAsString());
    assertEquals(List.of(group.groupId()), instance.securityGroups().stream().map(g -> g.groupId()).toList());
    assertEquals("shop/rock", tag(instance, Ownership.STACK_TAG));
    assertEquals(ApiInstanceComponent.REF.name(), tag(instance, Ownership.COMPONENT_TAG));
    assertTrue(tag(instance, "Name").startsWith("roa-shop-rock"));
    String userData = new String(Base64.getDecoder().decode(ec2.describeInstanceAttribute(r -> r
        .instanceId(instance.instanceId()).attribute("userData")).userData().value()), StandardCharsets.UTF_8);
    assertTrue(userData.contains("-p 80:8000 ghcr.io/example/django-api:1.0"), userData);
    assertTrue(userData.contains("DJANGO_SETTINGS_MODULE=api.settings"), userData);
    assertTrue(instance.imageId().startsWith("ami-"));

    assertEquals(instance.publicIpAddress(), result.endpoints().get(Endpoints.API_PUBLIC_IP));
    assertTrue(result.warnings().isEmpty(), "secure defaults earn no advisory");
  }

  @Test
  void anImageThatDoesNotExistStallsAtOnceWithAwsWords() {
    spec.getApi().setImageId("ami-00000000000000000");

    PassResult pass = passes.reconcile(spec);

    ComponentOutcome instance = pass.outcome(ApiInstanceComponent.REF.name()).orElseThrow();
    assertEquals(ErrorKind.INVALID, instance.error(), instance.toString());
    assertTrue(instance.message().contains("ami-00000000000000000"), instance.message());
    assertTrue(pass.stall().isPresent(), "a person has to fix the spec: no retry loop");
    assertTrue(liveInstances().isEmpty());
  }

  @Test
  void secondPassMakesNoMutatingCall() {
    passes.assertSecondPassChangesNothing(spec, meter);
  }


  @Test
  void securityGroupRulesAreExactlyTheSpec() {
    passes.reconcileUntilReady(spec);
    SecurityGroup group = apiGroup();
    ec2.revokeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(IpPermission.builder()
        .ipProtocol("tcp").fromPort(80).toPort(80).ipRanges(i -> i.cidrIp("0.0.0.0/0")).build()));
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(IpPermission.builder()
        .ipProtocol("tcp").fromPort(5432).toPort(5432).ipRanges(i -> i.cidrIp("0.0.0.0/0")).build()));

    PassResult plan = passes.plan(spec);
    assertEquals(Action.UPDATE, plan.outcome(ApiSecurityGroup.REF.name()).orElseThrow().action());
    passes.reconcile(spec);

    assertEquals(Set.of("tcp/80 from 0.0.0.0/0"), rules(apiGroup()));
  }

  @Test
  void sshOpenToTheWorldIsAppliedAndEarnsAWarning() {
    spec.getApi().getSsh().setCidrs(List.of("0.0.0.0/0"));

    PassResult result = passes.reconcileUntilReady(spec);

    assertEquals(Set.of("tcp/22 from 0.0.0.0/0", "tcp/80 from 0.0.0.0/0"), rules(apiGroup()));
    assertEquals(1, result.warnings().size());
    assertTrue(result.warnings().get(0).contains("SSH"));
  }

  @Test
  void terminatedInstanceIsReplacedByANewOne() {
    passes.reconcileUntilReady(spec);
    String first = single(liveInstances()).instanceId();
    ec2.terminateInstances(r -> r.instanceIds(first));

    passes.reconcileUntilReady(spec);

    Instance second = single(liveInstances());
    assertNotEquals(first, second.instanceId());
  }

  @Test
  void instanceTypeChangedBehindOurBackIsPutBackByStopModifyStart() {
    passes.reconcileUntilReady(spec);
    String id = single(liveInstances()).instanceId();
    ec2.stopInstances(r -> r.instanceIds(id));
    ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(t -> t.value("t3.large")));
    ec2.startInstances(r -> r.instanceIds(id));
    meter.reset();

    PassResult plan = passes.plan(spec);
    assertEquals(Action.UPDATE, plan.outcome(ApiInstanceComponent.REF.name()).orElseThrow().action());
    passes.reconcileUntilReady(spec);

    Instance instance = single(liveInstances());
    assertEquals(id, instance.instanceId(), "changed in place, not replaced");
    assertEquals("t3.micro", instance.instanceTypeAsString());
    assertEquals(1, meter.count("StopInstances"));
    assertEquals(1, meter.count("StartInstances"));
  }

  @Test
  void securityGroupsChangedOnTheInstanceArePutBack() {
    passes.reconcileUntilReady(spec);
    Instance instance = single(liveInstances());
    String intruder = ec2.createSecurityGroup(r -> r.groupName("intruder").description("x").vpcId(defaultVpc()))
        .groupId();
    ec2.modifyInstanceAttribute(r -> r.instanceId(instance.instanceId()).groups(intruder));

    passes.reconcileUntilReady(spec);

    assertEquals(List.of(apiGroup().groupId()),
        single(liveInstances()).securityGroups().stream().map(g -> g.groupId()).toList());
  }

  @Test
  void newContainerImageReplacesTheInstanceAndThePlanSaysSo() {
    passes.reconcileUntilReady(spec);
    String first = single(liveInstances()).instanceId();
    spec.getApi().getContainer().setImage("ghcr.io/example/django-api:2.0");

    ComponentOutcome planned = passes.plan(spec).outcome(ApiInstanceComponent.REF.name()).orElseThrow();
    assertEquals(Action.REPLACE, planned.action());
    assertTrue(planned.changes().stream().anyMatch(c -> c.kind() == ChangeKind.REPLACE
        && c.field().startsWith("container")), planned.changes().toString());
    assertEquals(first, single(liveInstances()).instanceId(), "a plan changes nothing");
    meter.reset();

    passes.reconcileUntilReady(spec);

    Instance second = single(liveInstances());
    assertNotEquals(first, second.instanceId());
    assertEquals(1, meter.count("RunInstances"), "exactly one new launch");
    assertEquals(1, meter.count("TerminateInstances"));
  }

  @Test
  void crashBetweenRunInstancesAndStatusLeavesOneInstance() {
    ExecutionInterceptor crashAfterLaunch = new ExecutionInterceptor() {
      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if ("RunInstances".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
          throw new IllegalStateException("simulated crash after RunInstances");
        }
      }
    };
    try (AwsClients crashing = moto.clients(meter, List.of(crashAfterLaunch))) {
      PassResult crashed = new Passes(STACK, crashing.forRegion(MotoServer.REGION)).reconcile(spec);
      assertEquals(ComponentState.Failed, crashed.outcome(ApiInstanceComponent.REF.name()).orElseThrow().state());
    }
    assertEquals(1, liveInstances().size(), "the launch happened before the crash");

    passes.reconcileUntilReady(spec);

    assertEquals(1, liveInstances().size(), "the restarted pass found the instance by its tags");
  }

  @Test
  void duplicateInstancesOfTheComponentAreTerminated() {
    passes.reconcileUntilReady(spec);
    Instance kept = single(liveInstances());
    ec2.runInstances(r -> r.imageId(kept.imageId()).minCount(1).maxCount(1).subnetId(kept.subnetId())
        .tagSpecifications(Ownership.ec2TagSpec(ResourceType.INSTANCE,
            Ownership.tags(STACK, ApiInstanceComponent.REF.name(), "dup"))));
    assertEquals(2, liveInstances().size());

    passes.reconcileUntilReady(spec);

    assertEquals(kept.instanceId(), single(liveInstances()).instanceId(), "the oldest is kept");
  }

  @Test
  void securityGroupOfAnotherStackIsNeverTouched() {
    String vpcId = defaultVpc();
    String groupName = STACK.namePrefix(240) + "-api";
    String foreign = ec2.createSecurityGroup(r -> r.groupName(groupName).description("other").vpcId(vpcId)
        .tagSpecifications(Ownership.ec2TagSpec(ResourceType.SECURITY_GROUP,
            Ownership.tags(new StackId("other", "stack"), ApiSecurityGroup.REF.name(), groupName)))).groupId();

    PassResult result = passes.reconcile(spec);

    ComponentOutcome outcome = result.outcome(ApiSecurityGroup.REF.name()).orElseThrow();
    assertEquals(ErrorKind.CONFLICT, outcome.error());
    assertTrue(outcome.message().contains("other/stack"), outcome.message());
    assertEquals(ComponentState.Waiting, result.outcome(ApiInstanceComponent.REF.name()).orElseThrow().state());
    assertTrue(result.stall().isPresent());
    assertEquals(Set.of(), rules(ec2.describeSecurityGroups(r -> r.groupIds(foreign)).securityGroups().get(0)));
    assertTrue(liveInstances().isEmpty());
  }

  @Test
  void destroyRemovesWhatTheStackOwnsAndKeepsTheSharedNetwork() {
    passes.reconcileUntilReady(spec);
    String groupId = apiGroup().groupId();

    PassResult done = passes.destroyUntilGone(spec);

    assertEquals(ComponentState.Retained, done.outcome(NetworkComponent.REF.name()).orElseThrow().state());
    assertTrue(liveInstances().isEmpty(), "instances terminated");
    assertTrue(ec2.describeSecurityGroups(r -> r.filters(filter("group-id", groupId))).securityGroups().isEmpty());
    assertEquals(1, ec2.describeInternetGateways(r -> r.filters(filter("attachment.vpc-id", defaultVpc())))
        .internetGateways().size(), "the gateway is shared infrastructure");
  }

  @Test
  void retainPolicyDestroysNothing() {
    passes.reconcileUntilReady(spec);
    spec.setDeletionPolicy(io.rockofages.api.DeletionPolicy.Retain);
    meter.reset();

    PassResult done = passes.destroy(spec);

    assertTrue(done.allGone());
    assertEquals(0, meter.mutatingCalls());
    assertEquals(1, liveInstances().size());
  }

  private String defaultVpc() {
    return ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
  }

  private SecurityGroup apiGroup() {
    return single(ec2.describeSecurityGroups(r -> r.filters(Ownership.ec2Filters(STACK, ApiSecurityGroup.REF.name())))
        .securityGroups());
  }

  /** Instances of the stack that are not on their way out. */
  private List<Instance> liveInstances() {
    return ec2.describeInstances(r -> r.filters(filter("tag:" + Ownership.STACK_TAG, STACK.tagValue()),
            Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped").build()))
        .reservations().stream().flatMap(r -> r.instances().stream()).toList();
  }

  private static Set<String> rules(SecurityGroup group) {
    return group.ipPermissions().stream().flatMap(p -> p.ipRanges().stream()
        .map(r -> p.ipProtocol() + "/" + p.fromPort() + " from " + r.cidrIp())).collect(Collectors.toSet());
  }

  private static <T> T single(List<T> items) {
    assertEquals(1, items.size(), items.toString());
    return items.get(0);
  }

  private static String tag(Instance instance, String key) {
    return instance.tags().stream().filter(t -> key.equals(t.key())).map(t -> t.value()).findFirst().orElse(null);
  }

  private static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }
}
