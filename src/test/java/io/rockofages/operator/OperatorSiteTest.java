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
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void theSeedsWholeStackComesUpAndGoesAwayCompletely() throws Exception {
    try (var manifest = Files.newInputStream(Path.of("examples/seed-stack.yaml"))) {
      harness.client.load(manifest).inNamespace(NAMESPACE).resources().map(r -> r.item()).toList()
          .forEach(item -> harness.client.resource(item).inNamespace(NAMESPACE).create());
    }
    var resources = harness.client.resources(RockOfAges.class).inNamespace(NAMESPACE);
    RockOfAges ready = Await.until("Ready", () -> resources.withName("rock-of-ages-seed").get(),
        r -> r != null && r.getStatus() != null && r.getStatus().isReady(),
        r -> r == null || r.getStatus() == null ? "no status" : r.getStatus().getComponents().stream()
            .map(c -> c.getName() + "=" + c.getState() + ":" + c.getMessage()).toList().toString());
    for (String condition : new String[] {"NetworkReady", "ApiReady", "DatabaseReady", "SiteReady", "CdnReady",
        "SecurityAdvisory"}) {
      assertEquals("True", ready.getStatus().condition(condition).orElseThrow().getStatus(), condition);
    }
    assertEquals(4, ready.getStatus().getWarnings().size(), ready.getStatus().getWarnings().toString());

    harness.client.resource(ready).delete();

    Await.until("object gone", () -> resources.withName("rock-of-ages-seed").get(), r -> r == null);
    assertEquals(0, s3.listBuckets().buckets().size());
    assertEquals(0, harness.aws.cloudFront().listDistributions(r -> { }).distributionList().items().size());
    assertEquals(0, harness.aws.rds(MotoServer.REGION).describeDBInstances().dbInstances().size());
    assertEquals(0, harness.aws.ec2(MotoServer.REGION).describeInstances(r -> r.filters(f -> f
        .name("instance-state-name").values("pending", "running", "stopped"))).reservations().size());
  }

  private String read(String bucket) {
    return s3.getObjectAsBytes(r -> r.bucket(bucket).key("index.html")).asUtf8String();
  }
}
