package io.rockofages.components.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rockofages.api.Endpoints;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.Ownership;
import io.rockofages.components.cdn.DistributionComponent;
import io.rockofages.components.cdn.OriginAccessControlComponent;
import io.rockofages.engine.Action;
import io.rockofages.engine.ComponentState;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The site and its CDN against moto: create, no-op, drift, content changes, non-blocking teardown. */
class SiteMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private static final Map<String, String> FILES = Map.of("index.html", "<h1>Rock of Ages</h1>",
      "app.js", "console.log('rock')", "style.css", "h1 { color: teal }");
  private final AwsFixture aws = new AwsFixture(STACK);
  private final MotoServer moto = MotoServer.get();
  private final AwsCallMeter meter = aws.meter;
  private final S3Client s3 = aws.clients.s3(MotoServer.REGION);
  private final CloudFrontClient cloudFront = aws.clients.cloudFront();
  private final Passes passes = aws.passes.withSiteContent(FILES);
  private final RockOfAgesSpec spec = Specs.minimal();
  private String bucket;

  @BeforeEach
  void addTheSite() {
    spec.setSite(new SiteSpec());
    spec.getSite().setContentFrom(new SiteSpec.ContentSource());
    spec.getSite().getContentFrom().setConfigMapRef(new SiteSpec.NameRef("site-files"));
    bucket = SiteNames.bucket(STACK, spec.getSite());
  }

  @AfterEach
  void tearDown() {
    aws.close();
  }

  @Test
  void createsAPrivateBucketBehindItsDistributionWithTheFiles() throws Exception {
    PassResult result = passes.reconcileUntilReady(spec);

    assertEquals("shop/rock", s3.getBucketTagging(r -> r.bucket(bucket)).tagSet().stream()
        .filter(t -> t.key().equals(Ownership.STACK_TAG)).findFirst().orElseThrow().value());
    var block = s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration();
    assertTrue(block.blockPublicAcls() && block.blockPublicPolicy() && block.ignorePublicAcls()
        && block.restrictPublicBuckets());
    assertEquals("AES256", s3.getBucketEncryption(r -> r.bucket(bucket)).serverSideEncryptionConfiguration().rules()
        .get(0).applyServerSideEncryptionByDefault().sseAlgorithmAsString());
    assertEquals("text/html; charset=utf-8", s3.headObject(r -> r.bucket(bucket).key("index.html")).contentType());
    assertEquals("text/javascript; charset=utf-8", s3.headObject(r -> r.bucket(bucket).key("app.js")).contentType());

    DistributionSummary distribution = single(cloudFront.listDistributions().distributionList().items());
    var config = cloudFront.getDistributionConfig(r -> r.id(distribution.id())).distributionConfig();
    assertTrue(config.enabled());
    assertEquals("index.html", config.defaultRootObject());
    assertEquals(SiteNames.restEndpoint(bucket, MotoServer.REGION), config.origins().items().get(0).domainName());
    assertEquals("redirect-to-https", config.defaultCacheBehavior().viewerProtocolPolicyAsString());
    assertEquals(1, cloudFront.listOriginAccessControls(r -> { }).originAccessControlList().items().size());

    var policy = new ObjectMapper().readTree(s3.getBucketPolicy(r -> r.bucket(bucket)).policy());
    assertEquals(distribution.arn(), policy.at("/Statement/0/Condition/StringEquals/AWS:SourceArn").asText());
    assertEquals("cloudfront.amazonaws.com", policy.at("/Statement/0/Principal/Service").asText());
    assertEquals("https://" + distribution.domainName() + "/", result.endpoints().get(Endpoints.SITE));
    assertTrue(result.warnings().isEmpty());
  }

  @Test
  void secondPassMakesNoMutatingCall() {
    passes.assertSecondPassChangesNothing(spec, meter);
  }


  @Test
  void driftIsPutBack() {
    spec.getSite().setAccess(SiteSpec.Access.PublicWebsite);
    passes.reconcileUntilReady(spec);
    String id = single(cloudFront.listDistributions().distributionList().items()).id();
    s3.deleteBucketWebsite(r -> r.bucket(bucket));
    s3.putBucketPolicy(r -> r.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}"));
    var current = cloudFront.getDistributionConfig(r -> r.id(id));
    cloudFront.updateDistribution(r -> r.id(id).ifMatch(current.eTag())
        .distributionConfig(current.distributionConfig().toBuilder().defaultRootObject("other.html").build()));

    PassResult plan = passes.plan(spec);
    for (String component : List.of(SiteBucketComponent.REF.name(), BucketPolicyComponent.REF.name(), DistributionComponent.REF.name())) {
      assertEquals(Action.UPDATE, plan.outcome(component).orElseThrow().action(), component);
    }
    passes.reconcileUntilReady(spec);

    assertEquals("index.html", s3.getBucketWebsite(r -> r.bucket(bucket)).indexDocument().suffix());
    assertTrue(s3.getBucketPolicy(r -> r.bucket(bucket)).policy().contains("s3:GetObject"));
    assertEquals("index.html", cloudFront.getDistributionConfig(r -> r.id(id)).distributionConfig().defaultRootObject());
  }

  @Test
  void aPublicWebsiteMadePrivateLosesItsWebsiteAndGetsItsBlockBack() {
    spec.getSite().setAccess(SiteSpec.Access.PublicWebsite);
    passes.reconcileUntilReady(spec);
    spec.getSite().setAccess(SiteSpec.Access.CloudFrontOnly);
    meter.reset();

    passes.reconcileUntilReady(spec);

    assertEquals(1, meter.count("DeleteBucketWebsite"));
    assertEquals("NoSuchWebsiteConfiguration", assertThrows(S3Exception.class,
        () -> s3.getBucketWebsite(r -> r.bucket(bucket))).awsErrorDetails().errorCode());
    assertTrue(s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration().blockPublicPolicy());
  }

  @Test
  void encryptionAndThePublicAccessBlockArePutBack() {
    passes.reconcileUntilReady(spec);
    s3.deleteBucketEncryption(r -> r.bucket(bucket));
    s3.deletePublicAccessBlock(r -> r.bucket(bucket));

    var planned = passes.plan(spec).outcome(SiteBucketComponent.REF.name()).orElseThrow();
    assertEquals(Set.of("encryption", "publicAccessBlock"),
        planned.changes().stream().map(c -> c.field()).collect(Collectors.toSet()));
    passes.reconcileUntilReady(spec);

    var block = s3.getPublicAccessBlock(r -> r.bucket(bucket)).publicAccessBlockConfiguration();
    assertTrue(block.blockPublicAcls() && block.blockPublicPolicy() && block.ignorePublicAcls()
        && block.restrictPublicBuckets());
    assertEquals("AES256", s3.getBucketEncryption(r -> r.bucket(bucket)).serverSideEncryptionConfiguration().rules()
        .get(0).applyServerSideEncryptionByDefault().sseAlgorithmAsString());
  }

  @Test
  void aContentEditUploadsOnlyWhatChangedDeletesWhatWentAndInvalidatesOnce() {
    passes.reconcileUntilReady(spec);
    String id = single(cloudFront.listDistributions().distributionList().items()).id();
    passes.withSiteContent(Map.of("index.html", "<h1>Rock of Ages II</h1>", "app.js", "console.log('rock')"));
    meter.reset();

    passes.reconcileUntilReady(spec);

    assertEquals(2, meter.count("PutObject"), "the changed file, and first the note of the invalidation it owes");
    assertEquals(1, meter.count("DeleteObjects"));
    assertEquals(1, meter.count("CreateInvalidation"));
    assertEquals(1, meter.count("DeleteObject"), "the note, once CloudFront has the paths");
    assertEquals(Set.of("app.js", "index.html"), s3.listObjectsV2(r -> r.bucket(bucket)).contents().stream()
        .map(o -> o.key()).collect(Collectors.toSet()));
    assertEquals("<h1>Rock of Ages II</h1>", s3.getObjectAsBytes(r -> r.bucket(bucket).key("index.html")).asUtf8String());
    var invalidation = single(cloudFront.listInvalidations(r -> r.distributionId(id)).invalidationList().items());
    assertEquals(List.of("/index.html", "/style.css"), cloudFront.getInvalidation(r -> r.distributionId(id)
        .id(invalidation.id())).invalidation().invalidationBatch().paths().items());
  }

  @Test
  void aPassThatDiesBetweenItsUploadsAndItsInvalidationLeavesANoteTheNextPassInvalidates() {
    passes.reconcileUntilReady(spec);
    String id = single(cloudFront.listDistributions().distributionList().items()).id();
    Map<String, String> edited = Map.of("index.html", "<h1>Rock of Ages II</h1>", "app.js", "console.log('rock')",
        "style.css", "h1 { color: teal }");
    ExecutionInterceptor diesBeforeInvalidating = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if ("CreateInvalidation".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
          throw new IllegalStateException("the process died here");
        }
      }
    };
    try (AwsClients dying = moto.clients(new AwsCallMeter(), List.of(diesBeforeInvalidating))) {
      new Passes(STACK, dying.forRegion(MotoServer.REGION)).withSiteContent(edited).reconcile(spec);
    }
    assertEquals("<h1>Rock of Ages II</h1>", s3.getObjectAsBytes(r -> r.bucket(bucket).key("index.html")).asUtf8String());
    assertTrue(cloudFront.listInvalidations(r -> r.distributionId(id)).invalidationList().items().isEmpty());
    meter.reset();

    passes.withSiteContent(edited).reconcileUntilReady(spec);

    assertEquals(0, meter.count("PutObject"), "the files were in place already");
    var invalidation = single(cloudFront.listInvalidations(r -> r.distributionId(id)).invalidationList().items());
    assertEquals(List.of("/index.html"), cloudFront.getInvalidation(r -> r.distributionId(id).id(invalidation.id()))
        .invalidation().invalidationBatch().paths().items());
    assertEquals(Set.of("app.js", "index.html", "style.css"), s3.listObjectsV2(r -> r.bucket(bucket)).contents()
        .stream().map(o -> o.key()).collect(Collectors.toSet()), "the note is gone");
  }

  @Test
  void aDistributionStillDeployingBlocksNothing() {
    moto.holdDistributionsInProgress(1000);

    PassResult first = passes.reconcile(spec);

    assertEquals(ComponentState.Creating, first.outcome(DistributionComponent.REF.name()).orElseThrow().state());
    assertEquals(ComponentState.Ready, first.outcome(BucketPolicyComponent.REF.name()).orElseThrow().state(),
        "the policy only needs the distribution's ARN");
    assertEquals(ComponentState.Ready, first.outcome(SiteContentComponent.REF.name()).orElseThrow().state());
    assertEquals(3, s3.listObjectsV2(r -> r.bucket(bucket)).contents().size());
    assertFalse(first.allReady());

    PassResult deleting = passes.destroy(spec);
    assertEquals(ComponentState.Deleting, deleting.outcome(DistributionComponent.REF.name()).orElseThrow().state());
    assertEquals(ComponentState.Waiting, deleting.outcome(SiteBucketComponent.REF.name()).orElseThrow().state());
    PassResult stillDeploying = passes.destroy(spec);
    assertTrue(stillDeploying.outcome(DistributionComponent.REF.name()).orElseThrow().message().contains("to deploy"),
        stillDeploying.outcome(DistributionComponent.REF.name()).orElseThrow().message());
  }

  @Test
  void destroyLeavesNoBucketDistributionOrAccessControl() {
    passes.reconcileUntilReady(spec);

    PassResult done = passes.destroyUntilGone(spec);

    assertEquals(ComponentState.Deleted, done.outcome(SiteBucketComponent.REF.name()).orElseThrow().state());
    assertTrue(cloudFront.listDistributions().distributionList().items().isEmpty());
    assertTrue(cloudFront.listOriginAccessControls(r -> { }).originAccessControlList().items().isEmpty());
    AwsServiceException gone = org.junit.jupiter.api.Assertions.assertThrows(AwsServiceException.class,
        () -> s3.headBucket(r -> r.bucket(bucket)));
    assertEquals(404, gone.statusCode());
    assertEquals(ComponentState.Deleted, done.outcome(OriginAccessControlComponent.REF.name()).orElseThrow().state());
  }

  private static <T> T single(List<T> items) {
    assertEquals(1, items.size(), items.toString());
    return items.get(0);
  }
}
