package io.rockofages.testing;

import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.Tags;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * How many of each kind of resource moto holds for one stack, read directly (not through any proxy
 * under test): the figure fault tests compare with "exactly one of each" and "nothing left".
 */
public final class Census {
  private Census() {}

  /**
   * Counts by kind: instance (live), security-group, db-instance, db-subnet-group, bucket, distribution,
   * oac, gateway, route, role, instance-profile, secret (the one RDS keeps the password in, or the stack's).
   */
  public static Map<String, Integer> of(StackId stack) {
    try (AwsClients direct = MotoServer.get().clients(new AwsCallMeter())) {
      Ec2Client ec2 = direct.ec2(MotoServer.REGION);
      Map<String, Integer> counts = new TreeMap<>();
      Filter ours = Filter.builder().name("tag:" + Ownership.STACK_TAG).values(stack.tagValue()).build();
      counts.put("instance", (int) ec2.describeInstances(r -> r.filters(ours,
              Filter.builder().name("instance-state-name").values("pending", "running", "stopping", "stopped").build()))
          .reservations().stream().mapToLong(r -> r.instances().size()).sum());
      counts.put("security-group", ec2.describeSecurityGroups(r -> r.filters(ours)).securityGroups().size());
      counts.put("db-instance", (int) direct.rds(MotoServer.REGION).describeDBInstances().dbInstances().stream()
          .filter(db -> stack.tagValue().equals(Tags.fromRds(db.tagList()).get(Ownership.STACK_TAG))).count());
      counts.put("db-subnet-group", direct.rds(MotoServer.REGION).describeDBSubnetGroups().dbSubnetGroups().size());
      counts.put("bucket", direct.s3(MotoServer.REGION).listBuckets().buckets().size());
      var distributions = direct.cloudFront().listDistributions(r -> { }).distributionList();
      counts.put("distribution", distributions.items() == null ? 0 : distributions.items().size());
      var accessControls = direct.cloudFront().listOriginAccessControls(r -> { }).originAccessControlList();
      counts.put("oac", accessControls.items() == null ? 0 : accessControls.items().size());
      String vpc = ec2.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build()))
          .vpcs().get(0).vpcId();
      counts.put("gateway", ec2.describeInternetGateways().internetGateways().size());
      counts.put("route", (int) ec2.describeRouteTables(r -> r.filters(
              Filter.builder().name("vpc-id").values(vpc).build(),
              Filter.builder().name("association.main").values("true").build()))
          .routeTables().stream().flatMap(t -> t.routes().stream())
          .filter(route -> "0.0.0.0/0".equals(route.destinationCidrBlock())).count());
      counts.put("role", direct.iam().listRoles().roles().size());
      counts.put("instance-profile", direct.iam().listInstanceProfiles().instanceProfiles().size());
      counts.put("secret", direct.secretsManager(MotoServer.REGION).listSecrets().secretList().size());
      return counts;
    }
  }

  /** Every instance in the region that is not terminated or shutting down, whoever's. */
  public static List<Instance> liveInstances(Ec2Client ec2) {
    return ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name")
            .values("pending", "running", "stopping", "stopped").build()))
        .reservations().stream().flatMap(r -> r.instances().stream()).toList();
  }
}
