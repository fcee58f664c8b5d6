package io.rockofages.aws;

import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The clients of one region that components use (CloudFront is global), and the tagging API that
 * lists what a stack owns; tests put scripted fakes in here.
 */
public record AwsServices(String region, Ec2Client ec2, RdsClient rds, S3Client s3, CloudFrontClient cloudFront,
    ResourceGroupsTaggingApiClient tagging) {
  /** Only the clients a test needs; the others are absent (a stack without tagging sees no leftovers). */
  public static AwsServices of(String region, Ec2Client ec2, RdsClient rds) {
    return new AwsServices(region, ec2, rds, null, null, null);
  }
}
