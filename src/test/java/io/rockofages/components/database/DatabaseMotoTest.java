package io.rockofages.components.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.Endpoints;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SecretKeyRef;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.Tags;
import io.rockofages.components.apihost.ApiRoleComponent;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.engine.Action;
import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.ComponentOutcome;
import io.rockofages.engine.ComponentState;
import io.rockofages.engine.PassResult;
import io.rockofages.engine.Secret;
import io.rockofages.testing.Census;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/** The database boxes against moto: create, no-op, drift, rotation, refusal, each onDelete. */
class DatabaseMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private final AwsFixture aws = new AwsFixture(STACK);
  private final AwsCallMeter meter = aws.meter;
  private final Ec2Client ec2 = aws.clients.ec2(MotoServer.REGION);
  private final RdsClient rds = aws.clients.rds(MotoServer.REGION);
  private final Passes passes = aws.passes;
  private final RockOfAgesSpec spec = Specs.minimal();

  @BeforeEach
  void addTheDatabase() {
    spec.setDatabase(new DatabaseSpec());
  }

  @AfterEach
  void tearDown() {
    aws.close();
  }

  @Test
  void createsTheFirewallSubnetGroupAndDatabaseAndWiresTheApi() {
    PassResult result = passes.reconcileUntilReady(spec);

    SecurityGroup dbGroup = group(DatabaseSecurityGroup.REF.name());
    String apiGroup = group(ApiSecurityGroup.REF.name()).groupId();
    assertEquals(Set.of("5432 from " + apiGroup), rules(dbGroup), "only the API host, by security group");

    var subnetGroup = rds.describeDBSubnetGroups(r -> r.dbSubnetGroupName(DatabaseNames.subnetGroupName(STACK, spec)))
        .dbSubnetGroups().get(0);
    Set<String> zones = subnetGroup.subnets().stream().map(s -> s.subnetAvailabilityZone().name())
        .collect(Collectors.toSet());
    assertTrue(zones.size() >= 2, "two or more availability zones: " + zones);

    DBInstance db = database();
    assertEquals("postgres", db.engine());
    assertEquals("db.t3.micro", db.dbInstanceClass());
    assertEquals(20, db.allocatedStorage());
    assertTrue(db.storageEncrypted());
    assertTrue(db.deletionProtection());
    assertFalse(db.publiclyAccessible());
    assertEquals(7, db.backupRetentionPeriod());
    assertEquals(List.of(dbGroup.groupId()), db.vpcSecurityGroups().stream().map(g -> g.vpcSecurityGroupId()).toList());
    assertEquals("shop/rock", Tags.fromRds(db.tagList()).get(Ownership.STACK_TAG));
    String secretArn = db.masterUserSecret().secretArn();
    assertFalse(Tags.fromRds(db.tagList()).containsKey(DatabaseComponent.PASSWORD_TAG), "RDS keeps the password");

    String endpoint = db.endpoint().address() + ":" + db.endpoint().port();
    assertEquals(endpoint, result.endpoints().get(Endpoints.DATABASE));
    Instance host = single(liveInstances());
    String userData = userData(host);
    assertTrue(userData.contains("DATABASE_HOST=" + db.endpoint().address()));
    assertTrue(userData.contains("DATABASE_SECRET_ARN=" + secretArn + "\n"), userData);
    assertTrue(userData.lines().noneMatch(line -> line.startsWith("DATABASE_PASSWORD=")
        || line.startsWith("DATABASE_URL=")), "the run script adds them on the host: " + userData);
    String role = ApiRoleComponent.roleName(passes.context(spec));
    assertTrue(host.iamInstanceProfile().arn().endsWith(":instance-profile/" + role));
    String policy = URLDecoder.decode(aws.clients.iam().getRolePolicy(r -> r.roleName(role)
        .policyName("read-database-password")).policyDocument(), StandardCharsets.UTF_8);
    assertTrue(policy.contains("\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"" + secretArn + "\""),
        "the host may read that one secret: " + policy);
    assertTrue(result.warnings().isEmpty(), result.warnings().toString());
  }

  @Test
  void secondPassMakesNoMutatingCall() {
    passes.assertSecondPassChangesNothing(spec, meter);
  }


  @Test
  void driftIsRepaired() {
    passes.reconcileUntilReady(spec);
    SecurityGroup dbGroup = group(DatabaseSecurityGroup.REF.name());
    String apiGroup = group(ApiSecurityGroup.REF.name()).groupId();
    ec2.revokeSecurityGroupIngress(r -> r.groupId(dbGroup.groupId()).ipPermissions(IpPermission.builder()
        .ipProtocol("tcp").fromPort(5432).toPort(5432).userIdGroupPairs(g -> g.groupId(apiGroup)).build()));
    rds.modifyDBInstance(r -> r.dbInstanceIdentifier(DatabaseNames.instanceIdentifier(STACK))
        .dbInstanceClass("db.m5.large").vpcSecurityGroupIds(apiGroup).applyImmediately(true));

    ComponentOutcome planned = passes.plan(spec).outcome(DatabaseComponent.REF.name()).orElseThrow();
    assertEquals(Action.UPDATE, planned.action());
    assertEquals(Set.of("instanceClass", "securityGroups"),
        planned.changes().stream().map(c -> c.field()).collect(Collectors.toSet()));
    passes.reconcileUntilReady(spec);

    assertEquals(Set.of("5432 from " + apiGroup), rules(group(DatabaseSecurityGroup.REF.name())));
    DBInstance db = database();
    assertEquals("db.t3.micro", db.dbInstanceClass());
    assertEquals(List.of(dbGroup.groupId()), db.vpcSecurityGroups().stream().map(g -> g.vpcSecurityGroupId()).toList());
  }

  @Test
  void aStoppedDatabaseIsStartedAgain() {
    passes.reconcileUntilReady(spec);
    rds.stopDBInstance(r -> r.dbInstanceIdentifier(DatabaseNames.instanceIdentifier(STACK)));
    assertEquals("stopped", database().dbInstanceStatus());
    meter.reset();

    passes.reconcileUntilReady(spec);

    assertEquals(1, meter.count("StartDBInstance"));
    assertEquals("available", database().dbInstanceStatus());
  }

  @Test
  void aRotatedPasswordReachesRdsAndTheSecretTheHostReadsWithoutANewHost() {
    spec.getDatabase().setPasswordSecretRef(new SecretKeyRef("app-db", "password"));
    passes.withPassword(Passes.DB_PASSWORD).reconcileUntilReady(spec);
    Instance firstHost = single(liveInstances());
    String secretName = DatabaseNames.passwordSecret(STACK);
    assertEquals("{\"username\":\"rockofages\",\"password\":\"" + Passes.DB_PASSWORD.value() + "\"}",
        secretString(secretName));
    assertTrue(userData(firstHost).contains("DATABASE_SECRET_ARN=" + aws.clients.secretsManager(MotoServer.REGION)
        .describeSecret(r -> r.secretId(secretName)).arn()));
    passes.withPassword(new Secret("rotated-Pa55word-0002"));
    meter.reset();

    PassResult plan = passes.plan(spec);
    assertEquals(List.of("masterPassword"), plan.outcome(DatabaseComponent.REF.name()).orElseThrow().changes().stream()
        .map(c -> c.field()).toList());
    assertEquals(List.of("value"), plan.outcome(PasswordSecretComponent.REF.name()).orElseThrow().changes().stream()
        .map(c -> c.field()).toList());
    assertFalse(plan.toString().contains("rotated"), "the plan never shows the password");
    passes.reconcileUntilReady(spec);

    assertEquals(1, meter.count("ModifyDBInstance"));
    assertEquals(1, meter.count("PutSecretValue"));
    assertEquals(0, meter.count("RunInstances") + meter.count("TerminateInstances"), "the host reads it anew");
    assertEquals(firstHost.instanceId(), single(liveInstances()).instanceId());
    assertTrue(secretString(secretName).contains("\"password\":\"rotated-Pa55word-0002\""));
    meter.reset();
    assertFalse(passes.reconcile(spec).hasChanges());
    assertEquals(0, meter.mutatingCalls());
  }

  private String secretString(String secretId) {
    return aws.clients.secretsManager(MotoServer.REGION).getSecretValue(r -> r.secretId(secretId)).secretString();
  }

  @Test
  void changesRdsCannotMakeInPlaceStallAndTouchNothing() {
    spec.getDatabase().setAllocatedStorage(30);
    passes.reconcileUntilReady(spec);
    spec.getDatabase().setAllocatedStorage(20);
    spec.getDatabase().setDatabaseName("other");
    meter.reset();

    PassResult plan = passes.plan(spec);
    ComponentOutcome planned = plan.outcome(DatabaseComponent.REF.name()).orElseThrow();
    assertEquals(Action.REPLACE, planned.action());
    assertTrue(planned.changes().stream().allMatch(c -> c.kind() == ChangeKind.REPLACE));
    PassResult refused = passes.reconcile(spec);

    ComponentOutcome outcome = refused.outcome(DatabaseComponent.REF.name()).orElseThrow();
    assertEquals(ComponentState.Failed, outcome.state());
    assertTrue(outcome.message().contains("allocatedStorage: 30 GiB -> 20 GiB"), outcome.message());
    assertTrue(outcome.message().contains("databaseName"), outcome.message());
    assertTrue(refused.stall().isPresent());
    assertEquals(0, meter.mutatingCalls());
    assertEquals(30, database().allocatedStorage());
  }

  @Test
  void deletionProtectionHoldsTheWholeDestroyUntilTheSpecTurnsItOffThenAFinalSnapshotIsTaken() {
    passes.reconcileUntilReady(spec);
    meter.reset();

    PassResult held = passes.destroy(spec);

    ComponentOutcome database = held.outcome(DatabaseComponent.REF.name()).orElseThrow();
    assertEquals(ErrorKind.INVALID, database.error());
    assertTrue(database.message().contains("has deletion protection on, so nothing of the stack is deleted: set "
        + "spec.database.deletionProtection to false"), database.message());
    assertTrue(held.stall().isPresent(), "a person must act");
    assertTrue(held.outcomes().stream().filter(o -> o != database).allMatch(o -> o.state() == ComponentState.Waiting),
        held.outcomes().toString());
    assertEquals(0, meter.mutatingCalls(), "nothing deleted, protection not lifted");
    assertEquals(1, liveInstances().size(), "the API host is still there");

    spec.getDatabase().setDeletionProtection(false);
    PassResult done = passes.destroyUntilGone(spec);

    assertTrue(databaseGone());
    List<DBSnapshot> snapshots = rds.describeDBSnapshots(r -> r.dbInstanceIdentifier(
        DatabaseNames.instanceIdentifier(STACK))).dbSnapshots();
    assertTrue(snapshots.stream().anyMatch(s -> s.dbSnapshotIdentifier().startsWith(
        DatabaseNames.instanceIdentifier(STACK) + "-final-")), snapshots.toString());
    assertTrue(rds.describeDBSubnetGroups().dbSubnetGroups().isEmpty());
    assertTrue(ec2.describeSecurityGroups(r -> r.filters(Ownership.ec2Filters(STACK, DatabaseSecurityGroup.REF.name())))
        .securityGroups().isEmpty());
    assertEquals(ComponentState.Deleted, done.outcome(DatabaseComponent.REF.name()).orElseThrow().state());
  }

  @Test
  void onDeleteDeleteLeavesNoSnapshot() {
    spec.getDatabase().setOnDelete(DatabaseSpec.OnDelete.Delete);
    spec.getDatabase().setDeletionProtection(false);
    passes.reconcileUntilReady(spec);

    passes.destroyUntilGone(spec);

    assertTrue(databaseGone());
    assertTrue(rds.describeDBSnapshots().dbSnapshots().stream()
        .noneMatch(s -> s.dbSnapshotIdentifier().contains("-final-")));
  }

  @Test
  void onDeleteRetainKeepsTheDatabaseItsFirewallAndSubnetGroup() {
    spec.getDatabase().setOnDelete(DatabaseSpec.OnDelete.Retain);
    passes.reconcileUntilReady(spec);

    PassResult done = passes.destroyUntilGone(spec);

    assertEquals(ComponentState.Retained, done.outcome(DatabaseComponent.REF.name()).orElseThrow().state());
    assertEquals("available", database().dbInstanceStatus());
    assertEquals(1, rds.describeDBSubnetGroups().dbSubnetGroups().size());
    assertEquals(Set.of(), rules(group(DatabaseSecurityGroup.REF.name())), "the rule naming the API group was released");
    assertTrue(ec2.describeSecurityGroups(r -> r.filters(Ownership.ec2Filters(STACK, ApiSecurityGroup.REF.name())))
        .securityGroups().isEmpty(), "so the API group could be deleted");
    assertTrue(liveInstances().isEmpty());
  }

  @Test
  void openDatabaseSettingsEarnWarnings() {
    spec.getDatabase().setPubliclyAccessible(true);
    spec.getDatabase().setAllowedCidrs(List.of("0.0.0.0/0"));
    spec.getDatabase().setBackupRetentionDays(0);

    PassResult result = passes.reconcileUntilReady(spec);

    assertEquals(3, result.warnings().size(), result.warnings().toString());
    assertTrue(rules(group(DatabaseSecurityGroup.REF.name())).contains("5432 from 0.0.0.0/0"));
    assertTrue(database().publiclyAccessible());
  }

  private DBInstance database() {
    return rds.describeDBInstances(r -> r.dbInstanceIdentifier(DatabaseNames.instanceIdentifier(STACK)))
        .dbInstances().get(0);
  }

  private boolean databaseGone() {
    try {
      database();
      return false;
    } catch (DbInstanceNotFoundException e) {
      return true;
    }
  }

  private SecurityGroup group(String component) {
    return single(ec2.describeSecurityGroups(r -> r.filters(Ownership.ec2Filters(STACK, component))).securityGroups());
  }

  private List<Instance> liveInstances() {
    return Census.liveInstances(ec2);
  }

  private String userData(Instance instance) {
    return new String(Base64.getDecoder().decode(ec2.describeInstanceAttribute(r -> r
        .instanceId(instance.instanceId()).attribute("userData")).userData().value()), StandardCharsets.UTF_8);
  }

  private static Set<String> rules(SecurityGroup group) {
    return group.ipPermissions().stream().flatMap(p -> java.util.stream.Stream.concat(
        p.ipRanges().stream().map(r -> p.fromPort() + " from " + r.cidrIp()),
        p.userIdGroupPairs().stream().map(g -> p.fromPort() + " from " + g.groupId()))).collect(Collectors.toSet());
  }

  private static <T> T single(List<T> items) {
    assertEquals(1, items.size(), items.toString());
    return items.get(0);
  }
}
