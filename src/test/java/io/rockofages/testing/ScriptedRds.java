package io.rockofages.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.*;

/** A scripted RDS whose instance walks through the statuses a test queues (moto is always "available"). */
public final class ScriptedRds implements RdsClient {
  private final Deque<String> statuses = new ArrayDeque<>();
  private DBInstance instance;
  private DBSubnetGroup subnetGroup;
  private List<Tag> subnetGroupTags = List.of();
  public final List<ModifyDbInstanceRequest> modifications = new ArrayList<>();

  /** Statuses the instance reports on each following describe; the last one stays. */
  public ScriptedRds statuses(String... next) {
    statuses.addAll(List.of(next));
    return this;
  }

  @Override
  public CreateDbSubnetGroupResponse createDBSubnetGroup(CreateDbSubnetGroupRequest request) {
    subnetGroup = DBSubnetGroup.builder().dbSubnetGroupName(request.dbSubnetGroupName()).dbSubnetGroupArn("arn:sg")
        .vpcId("vpc-1").subnets(request.subnetIds().stream().map(id -> Subnet.builder().subnetIdentifier(id).build())
            .toList()).build();
    subnetGroupTags = request.tags();
    return CreateDbSubnetGroupResponse.builder().dbSubnetGroup(subnetGroup).build();
  }

  @Override
  public DescribeDbSubnetGroupsResponse describeDBSubnetGroups(DescribeDbSubnetGroupsRequest request) {
    if (subnetGroup == null) {
      throw DbSubnetGroupNotFoundException.builder().statusCode(404).awsErrorDetails(AwsErrorDetails.builder()
          .errorCode("DBSubnetGroupNotFoundFault").errorMessage("not found").build()).build();
    }
    return DescribeDbSubnetGroupsResponse.builder().dbSubnetGroups(subnetGroup).build();
  }

  @Override
  public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
    return ListTagsForResourceResponse.builder().tagList(subnetGroupTags).build();
  }

  @Override
  public CreateDbInstanceResponse createDBInstance(CreateDbInstanceRequest request) {
    instance = DBInstance.builder().dbInstanceIdentifier(request.dbInstanceIdentifier()).dbInstanceArn("arn:db")
        .dbInstanceStatus(next("creating")).engineVersion(request.engineVersion())
        .dbInstanceClass(request.dbInstanceClass()).allocatedStorage(request.allocatedStorage())
        .storageType(request.storageType()).dbName(request.dbName()).masterUsername(request.masterUsername())
        .multiAZ(request.multiAZ()).publiclyAccessible(request.publiclyAccessible())
        .backupRetentionPeriod(request.backupRetentionPeriod()).deletionProtection(request.deletionProtection())
        .storageEncrypted(request.storageEncrypted())
        .vpcSecurityGroups(request.vpcSecurityGroupIds().stream()
            .map(id -> VpcSecurityGroupMembership.builder().vpcSecurityGroupId(id).build()).toList())
        .dbSubnetGroup(subnetGroup).tagList(request.tags())
        .masterUserSecret(Boolean.TRUE.equals(request.manageMasterUserPassword())
            ? MasterUserSecret.builder().secretArn("arn:aws:secretsmanager:us-east-1:1:secret:rds!db").build() : null)
        .build();
    return CreateDbInstanceResponse.builder().dbInstance(instance).build();
  }

  @Override
  public DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest request) {
    if (instance == null) {
      throw DbInstanceNotFoundException.builder().statusCode(404).awsErrorDetails(AwsErrorDetails.builder()
          .errorCode("DBInstanceNotFound").errorMessage("not found").build()).build();
    }
    instance = instance.toBuilder().dbInstanceStatus(next(instance.dbInstanceStatus()))
        .endpoint(e -> e.address("db.scripted").port(5432)).build();
    return DescribeDbInstancesResponse.builder().dbInstances(instance).build();
  }

  @Override
  public ModifyDbInstanceResponse modifyDBInstance(ModifyDbInstanceRequest request) {
    modifications.add(request);
    if (request.dbInstanceClass() != null) {
      instance = instance.toBuilder().dbInstanceClass(request.dbInstanceClass()).build();
    }
    return ModifyDbInstanceResponse.builder().dbInstance(instance).build();
  }

  private String next(String current) {
    return statuses.isEmpty() ? current : statuses.poll();
  }

  @Override
  public String serviceName() {
    return "rds";
  }

  @Override
  public void close() {}
}
