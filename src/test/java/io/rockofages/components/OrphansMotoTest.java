package io.rockofages.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.OrphanPolicy;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.Ownership;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Specs;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Resources tagged for a stack that no component claims (a leftover security group, a gateway from
 * an old race) are reported, and with orphanPolicy Delete deleted; what a component looks after is
 * never an orphan.
 */
class OrphansMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private final AwsFixture aws = new AwsFixture(STACK);
  private final Ec2Client ec2 = aws.clients.ec2(MotoServer.REGION);
  private final RockOfAgesSpec spec = Specs.minimal();
  private final String vpcId = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0)
      .vpcId();

  @AfterEach
  void tearDown() {
    aws.close();
  }

  @Test
  void aHealthyStackHasNoOrphans() {
    PassResult ready = aws.passes.reconcileUntilReady(spec);
    assertTrue(ready.orphans().isEmpty(), ready.orphans().toString());
  }

  @Test
  void aTerminatedInstanceAndTheDatabasesBackupsAreNoOrphans() {
    spec.setDatabase(new DatabaseSpec());
    aws.passes.reconcileUntilReady(spec);
    String instance = ec2.describeInstances(r -> r.filters(f -> f.name("instance-state-name").values("running")))
        .reservations().get(0).instances().get(0).instanceId();
    ec2.terminateInstances(r -> r.instanceIds(instance));

    PassResult plan = aws.passes.plan(spec);

    assertTrue(aws.clients.rds(MotoServer.REGION).describeDBSnapshots().dbSnapshots().stream()
        .anyMatch(s -> s.dbSnapshotIdentifier().startsWith("rds:")), "the database has an automated backup");
    assertTrue(plan.orphans().isEmpty(), "the API host replaces its own; backups are meant to outlive it: "
        + plan.orphans());
  }

  @Test
  void leftoversAreReportedAndLeftAlone() {
    aws.passes.reconcileUntilReady(spec);
    String group = leftoverGroup();
    String gateway = leftoverGateway();

    PassResult pass = aws.passes.reconcile(spec);

    assertEquals(Map.of(group, "Reported", gateway, "Reported"), states(pass));
    assertTrue(groupExists(group));
    assertEquals(states(pass), states(aws.passes.plan(spec)), "the plan shows them the same way");
  }

  @Test
  void withOrphanPolicyDeleteTheyAreDeleted() {
    spec.setOrphanPolicy(OrphanPolicy.Delete);
    aws.passes.reconcileUntilReady(spec);
    String group = leftoverGroup();
    String gateway = leftoverGateway();

    PassResult pass = aws.passes.reconcile(spec);

    assertEquals(Map.of(group, "Deleted", gateway, "Deleted"), states(pass));
    assertFalse(groupExists(group));
    assertTrue(ec2.describeInternetGateways().internetGateways().stream().noneMatch(g -> g.internetGatewayId()
        .equals(gateway)));
    assertTrue(aws.passes.reconcile(spec).orphans().isEmpty());
    assertTrue(aws.passes.reconcile(spec).allReady(), "the stack itself is untouched");
  }

  private String leftoverGroup() {
    return ec2.createSecurityGroup(r -> r.groupName("old-firewall").description("left behind").vpcId(vpcId)
        .tagSpecifications(Ownership.ec2TagSpec(ResourceType.SECURITY_GROUP,
            Ownership.tags(STACK, "old-firewall", "old-firewall")))).groupId();
  }

  /** A gateway an old version made for the stack and never attached. */
  private String leftoverGateway() {
    return ec2.createInternetGateway(r -> r.tagSpecifications(Ownership.ec2TagSpec(ResourceType.INTERNET_GATEWAY,
        Ownership.tags(STACK, "network", "old-igw")))).internetGateway().internetGatewayId();
  }

  private boolean groupExists(String id) {
    return ec2.describeSecurityGroups().securityGroups().stream().anyMatch(g -> g.groupId().equals(id));
  }

  private static Map<String, String> states(PassResult pass) {
    return pass.orphans().stream().collect(Collectors.toMap(o -> o.resource().id(), PassResult.Orphan::state));
  }
}
