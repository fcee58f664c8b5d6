package io.rockofages.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.Ownership;
import io.rockofages.components.cdn.DistributionComponent;
import io.rockofages.components.cdn.OriginAccessControlComponent;
import io.rockofages.components.database.DatabaseComponent;
import io.rockofages.components.database.DatabaseNames;
import io.rockofages.components.database.DatabaseSecurityGroup;
import io.rockofages.components.database.SubnetGroupComponent;
import io.rockofages.components.site.SiteBucketComponent;
import io.rockofages.engine.Action;
import io.rockofages.engine.ComponentOutcome;
import io.rockofages.engine.ComponentState;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A section taken out of the spec is a delete in the plan and is torn down by the next apply, with
 * its own deletion rules, found from AWS's tags alone (every pass starts a fresh engine, as after a
 * restart or from the CLI).
 */
class RemovedSectionsMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private static final Set<String> DATABASE_SECTION = Set.of(DatabaseComponent.REF.name(),
      SubnetGroupComponent.REF.name(), DatabaseSecurityGroup.REF.name());
  private final AwsFixture aws = new AwsFixture(STACK);
  private final Ec2Client ec2 = aws.clients.ec2(MotoServer.REGION);
  private final RdsClient rds = aws.clients.rds(MotoServer.REGION);
  private final S3Client s3 = aws.clients.s3(MotoServer.REGION);
  private final CloudFrontClient cloudFront = aws.clients.cloudFront();
  private final Passes passes = aws.passes.withSiteContent(Map.of("index.html", "<h1>Rock</h1>"));

  @AfterEach
  void tearDown() {
    aws.close();
  }

  @Test
  void aRemovedDatabaseIsPlannedAsDeletesThenTakenDownWithAFinalSnapshot() {
    passes.reconcileUntilReady(withDatabase(DatabaseSpec.OnDelete.Snapshot));
    RockOfAgesSpec without = Specs.minimal();

    PassResult plan = passes.plan(without);
    assertEquals(DATABASE_SECTION, deletes(plan), plan.outcomes().toString());
    assertTrue(plan.hasChanges());
    assertEquals(1, rds.describeDBInstances().dbInstances().size(), "a plan deletes nothing");

    passes.reconcileUntilReady(without);

    assertThrows(DbInstanceNotFoundException.class, () -> rds.describeDBInstances(r -> r.dbInstanceIdentifier(
        DatabaseNames.instanceIdentifier(STACK))));
    assertTrue(rds.describeDBSnapshots().dbSnapshots().stream().anyMatch(s -> s.dbSnapshotIdentifier()
        .startsWith(DatabaseNames.instanceIdentifier(STACK) + "-final-")), "onDelete Snapshot: a final snapshot");
    assertTrue(rds.describeDBSubnetGroups().dbSubnetGroups().isEmpty());
    assertTrue(ec2.describeSecurityGroups(r -> r.filters(Ownership.ec2Filters(STACK, DatabaseSecurityGroup.REF.name())))
        .securityGroups().isEmpty());
    PassResult after = passes.assertSecondPassChangesNothing(without, aws.meter);
    assertTrue(after.outcomes().stream().noneMatch(o -> DATABASE_SECTION.contains(o.name())), after.outcomes().toString());
    aws.meter.reset();
    passes.reconcile(without);
    assertEquals(0, aws.meter.count("DescribeDBInstances"), "the final snapshot (tagged for the stack) does not keep "
        + "the removed section alive");
  }

  @Test
  void aProtectedDatabaseTakenOutOfTheSpecStaysWithEverythingOfItsSectionUntilTheSpecLiftsTheProtection() {
    RockOfAgesSpec spec = withDatabase(DatabaseSpec.OnDelete.Snapshot);
    spec.getDatabase().setDeletionProtection(true);
    passes.reconcileUntilReady(spec);
    aws.meter.reset();

    PassResult held = passes.reconcile(Specs.minimal());

    assertTrue(held.stall().map(s -> s.name().equals(DatabaseComponent.REF.name())
        && s.message().contains("if the database section was taken out of the spec, put it back")).orElse(false),
        held.outcomes().toString());
    assertEquals(0, aws.meter.count("ModifyDBInstance") + aws.meter.count("DeleteDBInstance")
        + aws.meter.count("DeleteDBSubnetGroup") + aws.meter.count("DeleteSecurityGroup"),
        "nothing of the section deleted, its protection not lifted (the API host follows the spec: no database)");
    assertEquals(1, rds.describeDBInstances().dbInstances().size());

    spec.getDatabase().setDeletionProtection(false);
    passes.reconcileUntilReady(spec);
    passes.reconcileUntilReady(Specs.minimal());
    assertTrue(rds.describeDBInstances().dbInstances().isEmpty());
  }

  @Test
  void aRemovedDatabaseFollowsTheOnDeleteItLastHad() {
    passes.reconcileUntilReady(withDatabase(DatabaseSpec.OnDelete.Delete));

    passes.reconcileUntilReady(Specs.minimal());

    assertTrue(rds.describeDBInstances().dbInstances().isEmpty());
    assertTrue(rds.describeDBSnapshots().dbSnapshots().stream().noneMatch(s -> s.dbSnapshotIdentifier()
        .contains("-final-")), "onDelete Delete: no snapshot");
  }

  @Test
  void aRemovedDatabaseWithOnDeleteRetainStaysAndIsNoOrphan() {
    passes.reconcileUntilReady(withDatabase(DatabaseSpec.OnDelete.Retain));

    PassResult done = passes.reconcileUntilReady(Specs.minimal());

    assertEquals("available", rds.describeDBInstances().dbInstances().get(0).dbInstanceStatus());
    ComponentOutcome database = done.outcome(DatabaseComponent.REF.name()).orElseThrow();
    assertEquals(ComponentState.Retained, database.state());
    assertTrue(done.orphans().isEmpty(), done.orphans().toString());
  }

  @Test
  void aChangedOnDeleteIsWrittenToTheInstanceBeforeTheSectionGoes() {
    RockOfAgesSpec spec = withDatabase(DatabaseSpec.OnDelete.Snapshot);
    passes.reconcileUntilReady(spec);
    spec.getDatabase().setOnDelete(DatabaseSpec.OnDelete.Delete);

    PassResult changed = passes.reconcileUntilReady(spec);

    assertTrue(changed.outcomes().stream().noneMatch(o -> o.action() == Action.REPLACE));
    passes.reconcileUntilReady(Specs.minimal());
    assertTrue(rds.describeDBSnapshots().dbSnapshots().stream().noneMatch(s -> s.dbSnapshotIdentifier()
        .contains("-final-")), "the Delete set later is the one that counted");
  }

  @Test
  void aRemovedSiteIsEmptiedAndDeletedWithItsDistributionAndAccessControlEvenUnderAGivenName() {
    RockOfAgesSpec spec = Specs.minimal();
    spec.setSite(new SiteSpec());
    spec.getSite().setBucketName("my-own-site-bucket");
    spec.getSite().setContentFrom(new SiteSpec.ContentSource());
    spec.getSite().getContentFrom().setConfigMapRef(new SiteSpec.NameRef("site-files"));
    passes.reconcileUntilReady(spec);
    RockOfAgesSpec without = Specs.minimal();

    PassResult plan = passes.plan(without);
    assertTrue(deletes(plan).containsAll(Set.of(SiteBucketComponent.REF.name(), DistributionComponent.REF.name(),
        OriginAccessControlComponent.REF.name())), plan.outcomes().toString());

    passes.reconcileUntilReady(without);

    AwsServiceException gone = assertThrows(AwsServiceException.class,
        () -> s3.headBucket(r -> r.bucket("my-own-site-bucket")));
    assertEquals(404, gone.statusCode());
    assertTrue(cloudFront.listDistributions().distributionList().items().isEmpty());
    assertTrue(cloudFront.listOriginAccessControls(r -> { }).originAccessControlList().items().isEmpty());
    assertFalse(passes.plan(without).hasChanges());
  }

  /** A database its deletion protection does not hold: these cases are about what removal does. */
  private static RockOfAgesSpec withDatabase(DatabaseSpec.OnDelete onDelete) {
    RockOfAgesSpec spec = Specs.minimal();
    spec.setDatabase(new DatabaseSpec());
    spec.getDatabase().setOnDelete(onDelete);
    spec.getDatabase().setDeletionProtection(false);
    return spec;
  }

  private static Set<String> deletes(PassResult plan) {
    return plan.outcomes().stream().filter(o -> o.action() == Action.DELETE).map(ComponentOutcome::name)
        .collect(Collectors.toSet());
  }
}
