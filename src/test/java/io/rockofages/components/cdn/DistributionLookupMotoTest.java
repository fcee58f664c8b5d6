package io.rockofages.components.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * The stack's distribution and origin access control are read by the ids its status reported: a
 * pass costs the same three CloudFront reads whether the account holds one distribution or many (no
 * listing, no tag read of anyone else's).
 */
class DistributionLookupMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private final AwsFixture aws = new AwsFixture(STACK);
  private final Passes passes = aws.passes.withSiteContent(Map.of("index.html", "<h1>Rock</h1>"));

  @AfterEach
  void tearDown() {
    aws.close();
  }

  @Test
  void aPassReadsItsOwnDistributionAndAccessControlByIdWhateverElseTheAccountHolds() {
    RockOfAgesSpec spec = Specs.fullStack();
    spec.setDatabase(null);
    CloudFrontClient cloudFront = aws.clients.cloudFront();
    for (int i = 0; i < 5; i++) {
      String reference = "someone-else-" + i;
      cloudFront.createDistribution(r -> r.distributionConfig(c -> c.callerReference(reference).comment(reference)
          .enabled(true).origins(o -> o.quantity(1).items(origin -> origin.id("o").domainName("example.com")
              .customOriginConfig(x -> x.httpPort(80).httpsPort(443).originProtocolPolicy("http-only"))))
          .defaultCacheBehavior(b -> b.targetOriginId("o").viewerProtocolPolicy("allow-all")
              .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6"))));
    }
    passes.reconcileUntilReady(spec);
    aws.meter.reset();

    passes.reconcile(spec);

    Map<String, Long> cloudFrontReads = new TreeMap<>();
    aws.meter.snapshot().forEach((call, n) -> {
      if ("CloudFront".equals(call.service())) {
        cloudFrontReads.merge(call.operation(), n, Long::sum);
      }
    });
    assertEquals(Map.of("GetDistribution", 1L, "ListTagsForResource", 1L, "GetOriginAccessControl", 1L),
        cloudFrontReads,
        aws.meter.snapshot().toString());
  }
}
