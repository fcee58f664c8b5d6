package io.rockofages.components.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.SiteSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsServices;
import io.rockofages.engine.StackContext;
import io.rockofages.engine.StackInputs;
import io.rockofages.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Pure parts of the site: names, content diffing and types, policy documents, ConfigMap files. */
class SiteComponentsTest {
  /** S3's rules for new buckets (general purpose). */
  private static boolean validBucketName(String name) {
    return name.length() >= 3 && name.length() <= 63 && name.matches("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")
        && !name.contains("..") && !name.matches("^\\d+\\.\\d+\\.\\d+\\.\\d+$") && !name.startsWith("xn--")
        && !name.endsWith("-s3alias") && !name.contains("--");
  }

  @Test
  void derivedBucketNamesAreValidForAnyKubernetesNameAndDistinct() {
    Random random = new Random(7);
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-.";
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String namespace = randomName(random, "abcdefghijklmnopqrstuvwxyz0123456789-", 1 + random.nextInt(63));
      String name = randomName(random, alphabet, 1 + random.nextInt(253));
      String bucket = SiteNames.bucket(new StackId(namespace, name), new SiteSpec());
      assertTrue(validBucketName(bucket), namespace + "/" + name + " -> " + bucket);
      assertTrue(seen.add(bucket), "distinct: " + bucket);
    }
    assertEquals(SiteNames.bucket(new StackId("shop", "rock"), new SiteSpec()),
        SiteNames.bucket(new StackId("shop", "rock"), new SiteSpec()), "deterministic");
    SiteSpec named = new SiteSpec();
    named.setBucketName("my-site");
    assertEquals("my-site", SiteNames.bucket(new StackId("shop", "rock"), named));
  }

  /** A DNS-1123 name from the alphabet: starts and ends with a letter or digit. */
  private static String randomName(Random random, String alphabet, int length) {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < length; i++) {
      boolean edge = i == 0 || i == length - 1;
      String pool = edge ? "abcdefghijklmnopqrstuvwxyz0123456789" : alphabet;
      char c = pool.charAt(random.nextInt(pool.length()));
      if (c == '.' && name.charAt(name.length() - 1) == '.') {
        c = 'a';
      }
      name.append(c);
    }
    return name.toString();
  }

  private final SiteContentComponent content = new SiteContentComponent(Optional.empty());

  private SiteContentComponent.Desired desired(Map<String, String> files) {
    var spec = Specs.minimal();
    spec.setSite(new SiteSpec());
    Map<String, byte[]> bytes = new TreeMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    StackContext ctx = new StackContext(new StackId("a", "b"), spec, AwsServices.of("us-east-1", null, null),
        Clock.systemUTC(), StackInputs.none().withSiteContent(bytes));
    return content.desired(ctx);
  }

  @Test
  void onlyChangedAndRemovedObjectsAreADiff() {
    var desired = desired(Map.of("index.html", "new", "same.css", "x"));
    var observed = new SiteContentComponent.StoredObjects("b", Map.of("index.html",
        SiteContentComponent.md5Hex("old".getBytes(StandardCharsets.UTF_8)), "same.css",
        SiteContentComponent.md5Hex("x".getBytes(StandardCharsets.UTF_8)), "gone.js", "abc"));

    var change = content.diff(desired, observed).changes().get(0);

    assertEquals("upload [index.html]", change.to());
    assertEquals("delete [gone.js]", change.from());
    var inSync = new SiteContentComponent.StoredObjects("b", Map.of("index.html",
        SiteContentComponent.md5Hex("new".getBytes(StandardCharsets.UTF_8)), "same.css",
        SiteContentComponent.md5Hex("x".getBytes(StandardCharsets.UTF_8))));
    assertTrue(content.diff(desired, inSync).isEmpty());
  }

  @Test
  void withoutAContentSourceTheBucketContentIsLeftAlone() {
    var spec = Specs.minimal();
    spec.setSite(new SiteSpec());
    StackContext ctx = new StackContext(new StackId("a", "b"), spec, AwsServices.of("us-east-1", null, null),
        Clock.systemUTC());
    assertTrue(content.diff(content.desired(ctx), new SiteContentComponent.StoredObjects("b", Map.of("x", "y")))
        .isEmpty());
  }

  @Test
  void contentTypesByExtension() {
    assertEquals("text/html; charset=utf-8", ContentTypes.of("index.html"));
    assertEquals("text/css; charset=utf-8", ContentTypes.of("a/b/site.CSS"));
    assertEquals("image/png", ContentTypes.of("logo.png"));
    assertEquals("image/svg+xml", ContentTypes.of("icon.svg"));
    assertEquals("application/octet-stream", ContentTypes.of("LICENSE"));
  }

  @Test
  void policiesGrantReadToTheDistributionOnlyOrToEveryoneForTheWebsite() {
    var private_ = BucketPolicyComponent.distributionRead("bkt", "arn:aws:cloudfront::1:distribution/E1");
    assertEquals("s3:GetObject", private_.at("/Statement/0/Action").asText());
    assertEquals("arn:aws:s3:::bkt/*", private_.at("/Statement/0/Resource").asText());
    assertEquals("arn:aws:cloudfront::1:distribution/E1",
        private_.at("/Statement/0/Condition/StringEquals/AWS:SourceArn").asText());
    assertEquals("cloudfront.amazonaws.com", private_.at("/Statement/0/Principal/Service").asText());
    var open = BucketPolicyComponent.publicRead("bkt");
    assertEquals("*", open.at("/Statement/0/Principal").asText());
    assertEquals(1, open.at("/Statement").size());
  }

  @Test
  void aPublicWebsiteEarnsAWarning() {
    var bucket = new SiteBucketComponent();
    assertEquals(1, bucket.warnings(new SiteBucketComponent.Desired("b", false,
        new BucketState.Website("index.html", "error.html"))).size());
    assertTrue(bucket.warnings(new SiteBucketComponent.Desired("b", true, null)).isEmpty());
  }
}
