package io.rockofages.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.Tags;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.components.database.DatabaseComponent;
import io.rockofages.components.database.DatabaseNames;
import io.rockofages.components.site.SiteBucketComponent;
import io.rockofages.components.site.SiteNames;
import io.rockofages.engine.ComponentOutcome;
import io.rockofages.engine.ComponentState;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.Census;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Untagged is not ours: a resource that has the stack's name but not its tag is refused before the
 * first write of the pass and left alone by destroy. The one exception is the bucket's crash window.
 */
class OwnershipMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private final AwsFixture aws = new AwsFixture(STACK);
  private final S3Client s3 = aws.clients.s3(MotoServer.REGION);
  private final Ec2Client ec2 = aws.clients.ec2(MotoServer.REGION);
  private final RdsClient rds = aws.clients.rds(MotoServer.REGION);
  private final Passes passes = aws.passes;
  private final RockOfAgesSpec spec = Specs.minimal();

  @AfterEach
  void tearDown() {
    aws.close();
  }

  @Test
  void aBucketTheUserNamedThatExistsUntaggedIsRefusedBeforeAnythingIsCreatedAndSurvivesDestroy() {
    s3.createBucket(r -> r.bucket("precious-data"));
    s3.putObject(r -> r.bucket("precious-data").key("precious/data.csv"), RequestBody.fromString("a,b\n1,2\n"));
    spec.setSite(new SiteSpec());
    spec.getSite().setBucketName("precious-data");
    spec.getSite().setContentFrom(new SiteSpec.ContentSource());
    spec.getSite().getContentFrom().setConfigMapRef(new SiteSpec.NameRef("site-files"));
    aws.meter.reset();

    PassResult apply = passes.withSiteContent(Map.of("index.html", "<h1>ours</h1>")).reconcile(spec);

    ComponentOutcome refused = apply.stall().orElseThrow();
    assertEquals(SiteBucketComponent.REF.name(), refused.name());
    assertEquals(ErrorKind.CONFLICT, refused.errorKind().orElseThrow());
    assertTrue(refused.message().contains("precious-data") && refused.message().contains("not made by stack shop/rock"),
        refused.message());
    assertEquals(0, aws.meter.mutatingCalls(), "nothing at all was changed: " + aws.meter.snapshot());
    assertTrue(apply.outcomes().stream().filter(o -> o != refused).allMatch(o -> o.state() == ComponentState.Waiting),
        apply.outcomes().toString());

    PassResult destroy = passes.destroyUntilGone(spec);

    assertEquals(ComponentState.Retained, destroy.outcome(SiteBucketComponent.REF.name()).orElseThrow().state());
    assertEquals("a,b\n1,2\n", s3.getObjectAsBytes(r -> r.bucket("precious-data").key("precious/data.csv"))
        .asUtf8String(), "the user's object is untouched");
    assertEquals(0, aws.meter.count("PutObject") + aws.meter.count("DeleteObjects") + aws.meter.count("DeleteBucket"));
  }

  @Test
  void aBucketUnderTheDerivedNameLeftUntaggedByACrashIsTaggedAndUsed() {
    spec.setSite(new SiteSpec());
    String bucket = SiteNames.bucket(STACK, spec.getSite());
    s3.createBucket(r -> r.bucket(bucket));

    PassResult apply = passes.reconcileUntilReady(spec);

    assertEquals(bucket, apply.outcome(SiteBucketComponent.REF.name()).orElseThrow().id());
    assertEquals(STACK.tagValue(), Tags.fromS3(s3.getBucketTagging(r -> r.bucket(bucket)).tagSet())
        .get(Ownership.STACK_TAG));
    assertEquals(1, Census.of(STACK).get("bucket"));
  }

  @Test
  void aDatabaseWithTheStacksIdentifierButNoTagIsNeitherChangedNorDeleted() {
    String identifier = DatabaseNames.instanceIdentifier(STACK);
    rds.createDBInstance(r -> r.dbInstanceIdentifier(identifier).engine("postgres").dbInstanceClass("db.t3.micro")
        .allocatedStorage(20).masterUsername("someone").masterUserPassword("their-own-password"));
    spec.setDatabase(new DatabaseSpec());
    aws.meter.reset();

    PassResult apply = passes.reconcile(spec);

    ComponentOutcome refused = apply.stall().orElseThrow();
    assertEquals(DatabaseComponent.REF.name(), refused.name());
    assertTrue(refused.message().contains("database " + identifier), refused.message());
    assertEquals(0, aws.meter.mutatingCalls(), aws.meter.snapshot().toString());

    passes.destroyUntilGone(spec);

    assertEquals(1, rds.describeDBInstances(r -> r.dbInstanceIdentifier(identifier)).dbInstances().size());
    assertEquals(0, aws.meter.count("DeleteDBInstance") + aws.meter.count("ModifyDBInstance"));
  }

  @Test
  void aSecurityGroupWithTheStacksNameButNoTagKeepsItsRulesAndIsNotDeleted() {
    String vpc = ec2.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build()))
        .vpcs().get(0).vpcId();
    String name = STACK.namePrefix(240) + "-api";
    String id = ec2.createSecurityGroup(r -> r.groupName(name).description("by hand").vpcId(vpc)).groupId();
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipProtocol("tcp").fromPort(3389).toPort(3389)
        .cidrIp("192.0.2.0/24"));
    aws.meter.reset();

    PassResult apply = passes.reconcile(spec);

    ComponentOutcome refused = apply.stall().orElseThrow();
    assertEquals(ApiSecurityGroup.REF.name(), refused.name());
    assertTrue(refused.message().contains(id), refused.message());
    passes.destroyUntilGone(spec);
    var group = ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups().get(0);
    assertEquals(3389, group.ipPermissions().get(0).fromPort(), "its rule is untouched");
    assertEquals(0, aws.meter.count("RevokeSecurityGroupIngress") + aws.meter.count("DeleteSecurityGroup"));
  }
}
