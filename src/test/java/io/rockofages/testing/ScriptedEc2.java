package io.rockofages.testing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.*;

/**
 * A scripted EC2 for what moto cannot show: instances that stay pending, throttling, AWS refusing
 * a parameter, a ClientToken already spent. The network is a healthy default VPC and security
 * groups exist as created; instances move through the states the test queues.
 */
public final class ScriptedEc2 implements Ec2Client {
  private final Map<String, Deque<RuntimeException>> failures = new HashMap<>();
  private final Map<String, SecurityGroup> groups = new HashMap<>();
  private final Map<String, Instance> instances = new HashMap<>();
  private final Deque<String> instanceStates = new ArrayDeque<>();
  private final Map<String, Instance> instancesByToken = new HashMap<>();
  public final List<String> clientTokens = new ArrayList<>();
  public RunInstancesRequest lastLaunch;
  private int ids;

  /** The next call of {@code operation} fails with this AWS error code and message. */
  public ScriptedEc2 failNext(String operation, String code, int status, String message) {
    failures.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(AwsServiceException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("EC2").build())
        .build());
    return this;
  }

  /** States the launched instance reports on each following read, e.g. pending, pending, running. */
  public ScriptedEc2 instanceStates(String... states) {
    instanceStates.addAll(List.of(states));
    return this;
  }

  /** RunInstances with this token returns an instance that was terminated since (the token is spent). */
  public ScriptedEc2 spentToken(String token) {
    instancesByToken.put(token, instance("i-spent", "terminated"));
    return this;
  }

  public int liveInstances() {
    return (int) instances.values().stream().filter(i -> !"terminated".equals(i.state().nameAsString())).count();
  }

  private void maybeFail(String operation) {
    Deque<RuntimeException> queue = failures.get(operation);
    if (queue != null && !queue.isEmpty()) {
      throw queue.poll();
    }
  }

  @Override
  public DescribeVpcsResponse describeVpcs(DescribeVpcsRequest request) {
    maybeFail("DescribeVpcs");
    return DescribeVpcsResponse.builder().vpcs(Vpc.builder().vpcId("vpc-1").isDefault(true).build()).build();
  }

  @Override
  public DescribeInternetGatewaysResponse describeInternetGateways(DescribeInternetGatewaysRequest request) {
    return DescribeInternetGatewaysResponse.builder().internetGateways(InternetGateway.builder()
        .internetGatewayId("igw-1").attachments(a -> a.vpcId("vpc-1")).build()).build();
  }

  @Override
  public DescribeRouteTablesResponse describeRouteTables(DescribeRouteTablesRequest request) {
    return DescribeRouteTablesResponse.builder().routeTables(RouteTable.builder().routeTableId("rtb-1")
        .routes(Route.builder().destinationCidrBlock("0.0.0.0/0").gatewayId("igw-1").state(RouteState.ACTIVE).build())
        .build()).build();
  }

  @Override
  public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest request) {
    return DescribeSubnetsResponse.builder().subnets(
        Subnet.builder().subnetId("subnet-1").availabilityZone("us-east-1a").defaultForAz(true)
            .mapPublicIpOnLaunch(true).build(),
        Subnet.builder().subnetId("subnet-2").availabilityZone("us-east-1b").defaultForAz(true)
            .mapPublicIpOnLaunch(true).build()).build();
  }

  @Override
  public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest request) {
    return DescribeSecurityGroupsResponse.builder().securityGroups(groups.values().stream()
        .filter(g -> request.filters().stream().allMatch(f -> matches(g, f))).toList()).build();
  }

  /** The filters the components use: tags and group name. */
  private static boolean matches(SecurityGroup group, Filter filter) {
    if (filter.name().startsWith("tag:")) {
      String key = filter.name().substring(4);
      return group.tags().stream().anyMatch(t -> t.key().equals(key) && filter.values().contains(t.value()));
    }
    return !"group-name".equals(filter.name()) || filter.values().contains(group.groupName());
  }

  @Override
  public CreateSecurityGroupResponse createSecurityGroup(CreateSecurityGroupRequest request) {
    String id = "sg-" + (++ids);
    groups.put(id, SecurityGroup.builder().groupId(id).groupName(request.groupName()).vpcId(request.vpcId())
        .tags(request.tagSpecifications().get(0).tags()).build());
    return CreateSecurityGroupResponse.builder().groupId(id).build();
  }

  @Override
  public AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(
      AuthorizeSecurityGroupIngressRequest request) {
    SecurityGroup group = groups.get(request.groupId());
    List<IpPermission> permissions = new ArrayList<>(group.ipPermissions());
    permissions.addAll(request.ipPermissions());
    groups.put(group.groupId(), group.toBuilder().ipPermissions(permissions).build());
    return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true).build();
  }

  @Override
  public DescribeImagesResponse describeImages(DescribeImagesRequest request) {
    return DescribeImagesResponse.builder().images(Image.builder().imageId("ami-0123456789").rootDeviceName("/dev/xvda")
        .creationDate("2026-01-01T00:00:00Z").build()).build();
  }

  @Override
  public RunInstancesResponse runInstances(RunInstancesRequest request) {
    maybeFail("RunInstances");
    clientTokens.add(request.clientToken());
    lastLaunch = request;
    Instance launched = instancesByToken.computeIfAbsent(request.clientToken(), token -> {
      Instance created = instance("i-" + (++ids), nextState()).toBuilder()
          .tags(request.tagSpecifications().get(0).tags()).instanceType(request.instanceTypeAsString())
          .subnetId(request.subnetId()).imageId(request.imageId())
          .securityGroups(request.securityGroupIds().stream().map(g -> GroupIdentifier.builder().groupId(g).build())
              .toList())
          .iamInstanceProfile(p -> p.arn(request.iamInstanceProfile() == null ? null : request.iamInstanceProfile().arn()))
          .build();
      instances.put(created.instanceId(), created);
      return created;
    });
    return RunInstancesResponse.builder().instances(launched).build();
  }

  /** Puts another instance profile on the instance, as someone with EC2 rights could. */
  public void swapInstanceProfile(String instanceId, String profileArn) {
    instances.computeIfPresent(instanceId, (id, i) -> i.toBuilder().iamInstanceProfile(p -> p.arn(profileArn)).build());
  }

  @Override
  public DescribeIamInstanceProfileAssociationsResponse describeIamInstanceProfileAssociations(
      DescribeIamInstanceProfileAssociationsRequest request) {
    String instanceId = request.filters().stream().filter(f -> "instance-id".equals(f.name()))
        .flatMap(f -> f.values().stream()).findFirst().orElseThrow();
    Instance instance = instances.get(instanceId);
    return DescribeIamInstanceProfileAssociationsResponse.builder().iamInstanceProfileAssociations(
        instance.iamInstanceProfile() == null || instance.iamInstanceProfile().arn() == null ? List.of()
            : List.of(IamInstanceProfileAssociation.builder().associationId("iip-assoc-" + instanceId)
                .instanceId(instanceId).build())).build();
  }

  @Override
  public ReplaceIamInstanceProfileAssociationResponse replaceIamInstanceProfileAssociation(
      ReplaceIamInstanceProfileAssociationRequest request) {
    swapInstanceProfile(request.associationId().substring("iip-assoc-".length()), request.iamInstanceProfile().arn());
    return ReplaceIamInstanceProfileAssociationResponse.builder().build();
  }

  @Override
  public DescribeInstancesResponse describeInstances(DescribeInstancesRequest request) {
    maybeFail("DescribeInstances");
    instances.replaceAll((id, i) -> "pending".equals(i.state().nameAsString())
        ? i.toBuilder().state(s -> s.name(nextState())).build() : i);
    return DescribeInstancesResponse.builder().reservations(Reservation.builder()
        .instances(instances.values().stream().filter(i -> !"terminated".equals(i.state().nameAsString())).toList())
        .build()).build();
  }

  private String nextState() {
    return instanceStates.isEmpty() ? "running" : instanceStates.poll();
  }

  private static Instance instance(String id, String state) {
    return Instance.builder().instanceId(id).state(s -> s.name(state)).launchTime(Instant.EPOCH).build();
  }

  @Override
  public String serviceName() {
    return "ec2";
  }

  @Override
  public void close() {}
}
