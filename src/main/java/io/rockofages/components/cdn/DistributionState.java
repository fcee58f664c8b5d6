package io.rockofages.components.cdn;

import java.time.Instant;
import java.util.List;

/**
 * The distribution as observed, with the ETag an update must quote.
 *
 * @param lastModified when CloudFront last modified it (null when the answer did not say)
 * @param originAccessControlId null when CloudFront (or an emulator) reports none
 */
public record DistributionState(String id, String arn, String domainName, String status, String etag,
    Instant lastModified, boolean enabled, String defaultRootObject, String priceClass, String viewerProtocolPolicy,
    String cachePolicyId, boolean compress, List<String> aliases, String acmCertificateArn, String originDomain,
    String originAccessControlId) {

  public DistributionState {
    aliases = List.copyOf(aliases);
  }
}
