package io.rockofages.components.site;

import io.rockofages.api.AdoptSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.rockofages.api.StackId;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;

/**
 * The bucket's name: the adopted one, the spec's, or roa-<namespace>-<name>-<hash>, valid under S3's
 * rules for every Kubernetes name.
 */
public final class SiteNames {
  private SiteNames() {}

  private static final int MAX = 63;
  private static final int HASH = 8;

  /** The stack's bucket: the one spec.adopt names, else the site's. */
  public static String bucket(StackId stack, RockOfAgesSpec spec) {
    return spec.getAdopt().named(AdoptSpec::getBucketName).orElseGet(() -> bucket(stack, spec.getSite()));
  }

  public static String bucket(StackId stack, SiteSpec site) {
    if (site.getBucketName() != null && !site.getBucketName().isBlank()) {
      return site.getBucketName();
    }
    // Dots become hyphens: dotted bucket names break TLS to the virtual-host endpoint.
    String base = ("roa-" + stack.namespace() + "-" + stack.name()).toLowerCase().replace('.', '-')
        .replaceAll("-{2,}", "-");
    int room = MAX - HASH - 1;
    if (base.length() > room) {
      base = base.substring(0, room);
    }
    return base.replaceAll("-+$", "") + "-" + stack.shortHash(HASH);
  }

  /** S3's website endpoint for the bucket (the seed's PublicWebsite mode). */
  public static String websiteEndpoint(String bucket, String region) {
    return bucket + ".s3-website-" + region + ".amazonaws.com";
  }

  /** The bucket's ARN, in the partition of {@code region} (aws, aws-cn, aws-us-gov). */
  public static String bucketArn(String bucket, String region) {
    return "arn:" + PartitionMetadata.of(Region.of(region)).id() + ":s3:::" + bucket;
  }

  /** The bucket's REST endpoint, CloudFront's origin with origin access control. */
  public static String restEndpoint(String bucket, String region) {
    return bucket + ".s3." + region + ".amazonaws.com";
  }
}
