package io.rockofages.aws;

import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The clients of one region that components use (CloudFront and IAM are global), the tagging API that
 * lists what a stack owns, the one where AWS lists CloudFront's resources ({@code globalTagging},
 * us-east-1), and the observations the stacks of the process share; tests put scripted fakes in here.
 */
public record AwsServices(String region, Ec2Client ec2, RdsClient rds, S3Client s3, CloudFrontClient cloudFront,
    IamClient iam, SecretsManagerClient secretsManager, ResourceGroupsTaggingApiClient tagging,
    ResourceGroupsTaggingApiClient globalTagging, SharedReads shared) {
  /** Only the clients a test needs; the others are absent (a stack without tagging sees no leftovers). */
  public static AwsServices of(String region, Ec2Client ec2, RdsClient rds) {
    return of(region, ec2, rds, null);
  }

  public static AwsServices of(String region, Ec2Client ec2, RdsClient rds, IamClient iam) {
    return new AwsServices(region, ec2, rds, null, null, iam, null, null, null, SharedReads.NONE);
  }
}
