package io.rockofages.components.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.engine.FieldChange;
import io.rockofages.engine.Readiness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Diff, readiness and the config the distribution is built from. */
class DistributionComponentTest {
  private final DistributionComponent component = new DistributionComponent(true);
  private final DistributionComponent.Desired desired = new DistributionComponent.Desired("ref", "rockofages site of a/b",
      true, "index.html", "PriceClass_100", "redirect-to-https", "658327ea-f89d-4fab-a63d-7e88639e58f6", List.of(),
      null, "bkt.s3.us-east-1.amazonaws.com", "OAC1");

  private DistributionState observed(String status, String rootObject, String oac, String policy) {
    return new DistributionState("E1", "arn:e1", "d1.cloudfront.net", status, "etag", null, true, rootObject,
        "PriceClass_100", policy, desired.cachePolicyId(), true, List.of(), null, desired.originDomain(), oac);
  }

  @Test
  void inProgressIsProgressingAndDeployedIsReady() {
    assertEquals(Readiness.State.PROGRESSING,
        component.readiness(observed("InProgress", "index.html", "OAC1", "redirect-to-https")).state());
    assertTrue(component.readiness(observed("Deployed", "index.html", "OAC1", "redirect-to-https")).isReady());
  }

  @Test
  void driftedFieldsAreInPlaceChanges() {
    var diff = component.diff(desired, observed("Deployed", "other.html", "OAC-X", "allow-all"));
    assertEquals(List.of("defaultRootObject", "viewerProtocolPolicy", "originAccessControl"),
        diff.changes().stream().map(FieldChange::field).toList());
    assertTrue(!diff.needsReplacement());
  }

  @Test
  void anOriginWithoutAReportedAccessControlIsNotDrift() {
    assertTrue(component.diff(desired, observed("Deployed", "index.html", null, "redirect-to-https")).isEmpty(),
        "emulators drop the OAC id; CloudFront itself always reports it");
  }

  @Test
  void configUsesOriginAccessControlOrTheWebsiteOriginAndTheRightCertificate() {
    var config = DistributionComponent.config(desired, "ref");
    var origin = config.origins().items().get(0);
    assertEquals("OAC1", origin.originAccessControlId());
    assertEquals("", origin.s3OriginConfig().originAccessIdentity());
    assertTrue(config.viewerCertificate().cloudFrontDefaultCertificate());
    assertTrue(config.defaultCacheBehavior().compress());

    var website = new DistributionComponent.Desired("ref", "c", true, "index.html", "PriceClass_All", "https-only",
        desired.cachePolicyId(), List.of("www.example.com"),
        "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
        "bkt.s3-website-us-east-1.amazonaws.com", null);
    var websiteConfig = DistributionComponent.config(website, "ref");
    assertEquals("http-only", websiteConfig.origins().items().get(0).customOriginConfig().originProtocolPolicyAsString());
    assertEquals(List.of("www.example.com"), websiteConfig.aliases().items());
    assertEquals("sni-only", websiteConfig.viewerCertificate().sslSupportMethodAsString());
  }

  @Test
  void plainHttpEarnsAWarning() {
    var open = new DistributionComponent.Desired("ref", "c", true, "index.html", "PriceClass_100", "allow-all",
        desired.cachePolicyId(), List.of(), null, "o", "OAC1");
    assertEquals(1, component.warnings(open).size());
    assertTrue(component.warnings(desired).isEmpty());
  }
}
