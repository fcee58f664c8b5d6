package io.rockofages.aws;

import java.util.HashMap;
import java.util.Map;

/** Adds tags to a resource named by its ARN, with its own service's call (the tagging API cannot tag them all). */
public final class ArnTags {
  private ArnTags() {}

  /** Adds {@code tags} to the resource, keeping the tags it has. */
  public static void add(AwsServices aws, OwnedResource resource, Map<String, String> tags) {
    String arn = resource.arn();
    String id = resource.id();
    if (arn.contains(":ec2:")) {
      aws.ec2().createTags(r -> r.resources(id).tags(Tags.ec2(tags)));
    } else if (arn.contains(":rds:")) {
      aws.rds().addTagsToResource(r -> r.resourceName(arn).tags(Tags.rds(tags)));
    } else if (arn.contains(":s3:")) {
      // S3 replaces a bucket's whole tag set: what is there is read and kept.
      Map<String, String> all = new HashMap<>(Tags.fromS3(aws.s3().getBucketTagging(r -> r.bucket(id)).tagSet()));
      all.putAll(tags);
      aws.s3().putBucketTagging(r -> r.bucket(id).tagging(t -> t.tagSet(Tags.s3(all))));
    } else if (arn.contains(":cloudfront:")) {
      aws.cloudFront().tagResource(r -> r.resource(arn).tags(t -> t.items(Tags.cloudFront(tags))));
    } else if (arn.contains(":iam:") && arn.contains(":role/")) {
      aws.iam().tagRole(r -> r.roleName(id).tags(Tags.iam(tags)));
    } else if (arn.contains(":iam:") && arn.contains(":instance-profile/")) {
      aws.iam().tagInstanceProfile(r -> r.instanceProfileName(id).tags(Tags.iam(tags)));
    } else if (arn.contains(":secretsmanager:")) {
      aws.secretsManager().tagResource(r -> r.secretId(arn).tags(Tags.secretsManager(tags)));
    } else {
      throw new StackException(ErrorKind.INVALID, "rockofages does not know how to tag " + arn);
    }
  }
}
