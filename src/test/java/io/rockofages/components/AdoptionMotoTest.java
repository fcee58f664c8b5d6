package io.rockofages.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.AdoptSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.Tags;
import io.rockofages.components.apihost.ApiInstanceComponent;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.components.cdn.DistributionComponent;
import io.rockofages.components.database.DatabaseComponent;
import io.rockofages.components.database.DatabaseSecurityGroup;
import io.rockofages.components.database.SubnetGroupComponent;
import io.rockofages.components.site.SiteBucketComponent;
import io.rockofages.engine.Action;
import io.rockofages.engine.ComponentOutcome;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * spec.adopt on moto: resources made by hand, without rockofages' tags and under their own names,
 * are shown as adoptions in the plan, then tagged and managed by the stack (no second of any kind
 * is made, a tag of their own is kept); one tagged for another stack is refused, and nothing changes.
 */
class AdoptionMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
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
  void handMadeResourcesArePlannedAsAdoptionsThenTaggedAndManagedInPlace() {
    String vpc = defaultVpc();
    String apiGroup = ec2.createSecurityGroup(r -> r.groupName("legacy-api").description("by hand").vpcId(vpc))
        .groupId();
    String dbGroup = ec2.createSecurityGroup(r -> r.groupName("legacy-db").description("by hand").vpcId(vpc))
        .groupId();
    List<String> subnets = ec2.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
        .subnets().stream().map(s -> s.subnetId()).toList();
    rds.createDBSubnetGroup(r -> r.dbSubnetGroupName("legacy-subnets").dbSubnetGroupDescription("by hand")
        .subnetIds(subnets));
    rds.createDBInstance(r -> r.dbInstanceIdentifier("legacy-pg").engine("postgres").engineVersion("16")
        .dbInstanceClass("db.t3.micro").allocatedStorage(20).dbName("rockofages").masterUsername("rockofages")
        .manageMasterUserPassword(true).dbSubnetGroupName("legacy-subnets").vpcSecurityGroupIds(dbGroup)
        .storageEncrypted(true));
    s3.createBucket(r -> r.bucket("legacy-site"));
    s3.putBucketTagging(r -> r.bucket("legacy-site").tagging(t -> t.tagSet(Tags.s3(Map.of("team", "web")))));
    String distribution = cloudFront.createDistribution(r -> r.distributionConfig(c -> c.callerReference("by-hand")
        .comment("by hand").enabled(true)
        .origins(o -> o.quantity(1).items(i -> i.id("legacy").domainName("legacy-site.s3.us-east-1.amazonaws.com")
            .s3OriginConfig(s -> s.originAccessIdentity(""))))
        .defaultCacheBehavior(b -> b.targetOriginId("legacy").viewerProtocolPolicy("allow-all")
            .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6")))).distribution().id();
    RockOfAgesSpec spec = Specs.fullStack();
    spec.getAdopt().setApiSecurityGroupId(apiGroup);
    spec.getAdopt().setDatabaseSecurityGroupId(dbGroup);
    spec.getAdopt().setDbSubnetGroupName("legacy-subnets");
    spec.getAdopt().setDatabaseIdentifier("legacy-pg");
    spec.getAdopt().setBucketName("legacy-site");
    spec.getAdopt().setDistributionId(distribution);
    Map<String, String> adopted = Map.of(ApiSecurityGroup.REF.name(), apiGroup,
        DatabaseSecurityGroup.REF.name(), dbGroup, SubnetGroupComponent.REF.name(), "legacy-subnets",
        DatabaseComponent.REF.name(), "legacy-pg", SiteBucketComponent.REF.name(), "legacy-site",
        DistributionComponent.REF.name(), distribution);
    aws.meter.reset();

    PassResult plan = passes.plan(spec);

    assertEquals(0, aws.meter.mutatingCalls(), "a plan adopts nothing: " + aws.meter.snapshot());
    adopted.forEach((component, id) -> {
      ComponentOutcome planned = plan.outcome(component).orElseThrow();
      assertEquals(Action.UPDATE, planned.action(), component);
      assertTrue(planned.message().startsWith("will adopt " + id + " (spec.adopt): tag it for the stack, then manage "
          + "it"), planned.message());
    });
    assertTrue(plan.outcome(ApiSecurityGroup.REF.name()).orElseThrow().message().endsWith("; then will update: "
        + "ingress: (none) -> [tcp/80 from 0.0.0.0/0]"), "what makes it fit, before anything is written: "
        + plan.outcome(ApiSecurityGroup.REF.name()));

    PassResult ready = passes.reconcileUntilReady(spec);

    adopted.forEach((component, id) -> assertTrue(ready.outcome(component).orElseThrow().id().contains(id),
        component + " is the adopted " + id + ": " + ready.outcome(component)));
    assertEquals(2, ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("vpc-id").values(vpc).build()))
        .securityGroups().stream().filter(g -> !"default".equals(g.groupName())).count(), "no group of our own");
    assertEquals(1, rds.describeDBInstances().dbInstances().size(), "no database of our own");
    assertEquals(1, s3.listBuckets().buckets().size(), "no bucket of our own");
    assertEquals(1, cloudFront.listDistributions(r -> { }).distributionList().items().size());
    Map<String, String> bucketTags = Tags.fromS3(s3.getBucketTagging(r -> r.bucket("legacy-site")).tagSet());
    assertEquals("web", bucketTags.get("team"), "the bucket's own tag is kept");
    assertEquals(STACK.tagValue(), bucketTags.get(Ownership.STACK_TAG));
    assertEquals(STACK.tagValue(), Tags.fromRds(rds.describeDBInstances(r -> r.dbInstanceIdentifier("legacy-pg"))
        .dbInstances().get(0).tagList()).get(Ownership.STACK_TAG));
    assertFalse(passes.plan(spec).hasChanges(), "managed from now on: " + passes.plan(spec).outcomes());
    passes.destroyUntilGone(spec);
    assertTrue(rds.describeDBInstances().dbInstances().isEmpty(), "an adopted database goes with the stack");
  }

  @Test
  void anAdoptedInstanceIsTaggedButNeverReplacedWhileSpecAdoptNamesIt() {
    String image = ec2.describeImages(r -> r.owners("amazon")).images().get(0).imageId();
    String legacy = ec2.runInstances(r -> r.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1))
        .instances().get(0).instanceId();
    RockOfAgesSpec spec = Specs.minimal();
    spec.getAdopt().setInstanceId(legacy);
    aws.meter.reset();

    assertTrue(passes.plan(spec).outcome(ApiInstanceComponent.REF.name()).orElseThrow().message().startsWith(
        "needs replacement, which rockofages does not do to a resource spec.adopt names"),
        "the plan shows the hold before anything is tagged");
    PassResult adopted = passes.reconcile(spec);
    PassResult next = passes.reconcile(spec);

    ComponentOutcome held = next.outcome(ApiInstanceComponent.REF.name()).orElseThrow();
    assertEquals(legacy, held.id());
    assertEquals(ErrorKind.INVALID, held.error(), held.message());
    assertTrue(held.message().startsWith("needs replacement, which rockofages does not do to a resource spec.adopt "
        + "names (remove the entry to allow it): "), held.message());
    assertEquals(STACK.tagValue(), Tags.fromEc2(ec2.describeInstances(r -> r.instanceIds(legacy)).reservations().get(0)
        .instances().get(0).tags()).get(Ownership.STACK_TAG), "tagged for the stack: " + adopted.outcomes());
    assertEquals(0, aws.meter.count("RunInstances"), "no instance of our own while the adopted one is held");

    spec.getAdopt().setInstanceId(null);
    PassResult replaced = passes.reconcileUntilReady(spec);

    assertFalse(legacy.equals(replaced.outcome(ApiInstanceComponent.REF.name()).orElseThrow().id()),
        "without the entry, the replacement the diff asks for is made");
  }

  @Test
  void aResourceTaggedForAnotherStackIsRefusedAndNothingIsChanged() {
    String group = ec2.createSecurityGroup(r -> r.groupName("theirs").description("another stack's")
        .vpcId(defaultVpc())).groupId();
    ec2.createTags(r -> r.resources(group).tags(t -> t.key(Ownership.STACK_TAG).value("shop/other")));
    RockOfAgesSpec spec = Specs.minimal();
    spec.getAdopt().setApiSecurityGroupId(group);
    aws.meter.reset();

    PassResult pass = passes.reconcile(spec);

    ComponentOutcome refused = pass.outcome(ApiSecurityGroup.REF.name()).orElseThrow();
    assertEquals(ErrorKind.CONFLICT, refused.error());
    assertTrue(refused.message().contains("belongs to stack shop/other"), refused.message());
    assertEquals(0, aws.meter.mutatingCalls(), "nothing of the stack is made beside a refused adoption: "
        + aws.meter.snapshot());
  }

  private String defaultVpc() {
    return ec2.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build())).vpcs().get(0)
        .vpcId();
  }
}
