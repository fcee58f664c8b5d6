package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.SiteSpec;
import io.rockofages.api.StackId;
import io.rockofages.components.site.SiteNames;
import io.rockofages.testing.Await;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.OperatorHarness;
import io.rockofages.testing.Specs;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The site through the operator: files from a watched ConfigMap reach S3 and CloudFront forgets the old ones. */
class OperatorSiteTest {
  private static final String NAMESPACE = "shop";
  private OperatorHarness harness;
  private S3Client s3;

  @BeforeEach
  void start() {
    harness = new OperatorHarness(Duration.ofSeconds(60)); // long resync: only the ConfigMap watch can explain a change
    s3 = harness.aws.s3(MotoServer.REGION);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void aConfigMapEditReachesTheBucketAndInvalidatesThePath() {
    ConfigMap files = harness.client.resource(new ConfigMapBuilder().withNewMetadata().withName("site-files")
        .withNamespace(NAMESPACE).endMetadata().withData(Map.of("index.html", "<h1>v1</h1>")).build()).create();
    var spec = Specs.minimal();
    spec.setSite(new SiteSpec());
    spec.getSite().setContentFrom(new SiteSpec.ContentSource());
    spec.getSite().getContentFrom().setConfigMapRef(new SiteSpec.NameRef("site-files"));
    harness.client.resource(Specs.resource(NAMESPACE, "rock", spec)).create();
    RockOfAges ready = Await.until("Ready", () -> harness.client.resources(RockOfAges.class).inNamespace(NAMESPACE)
        .withName("rock").get(), r -> r != null && r.getStatus() != null && r.getStatus().isReady());
    String bucket = SiteNames.bucket(new StackId(NAMESPACE, "rock"), spec.getSite());
    assertEquals("<h1>v1</h1>", read(bucket));
    assertTrue(ready.getStatus().getEndpoints().getSite().startsWith("https://"));
    assertEquals("True", ready.getStatus().condition("CdnReady").orElseThrow().getStatus());

    files.setData(Map.of("index.html", "<h1>v2</h1>"));
    harness.client.resource(files).update();

    Await.until("the new file in S3", () -> read(bucket), "<h1>v2</h1>"::equals);
    Await.until("one invalidation", () -> harness.meter.count("CreateInvalidation"), n -> n == 1);
  }

  private String read(String bucket) {
    return s3.getObjectAsBytes(r -> r.bucket(bucket).key("index.html")).asUtf8String();
  }
}
