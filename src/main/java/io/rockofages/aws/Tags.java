package io.rockofages.aws;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tags as one map, converted to and from each service's own Tag type (EC2, RDS, S3 and CloudFront
 * each have one). Written once here so ownership reads the same everywhere.
 */
public final class Tags {
  private Tags() {}

  public static List<software.amazon.awssdk.services.ec2.model.Tag> ec2(Map<String, String> tags) {
    return toList(tags, (k, v) -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(k).value(v).build());
  }

  public static Map<String, String> fromEc2(List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
    return toMap(tags, software.amazon.awssdk.services.ec2.model.Tag::key,
        software.amazon.awssdk.services.ec2.model.Tag::value);
  }

  public static List<software.amazon.awssdk.services.rds.model.Tag> rds(Map<String, String> tags) {
    return toList(tags, (k, v) -> software.amazon.awssdk.services.rds.model.Tag.builder().key(k).value(v).build());
  }

  public static Map<String, String> fromRds(List<software.amazon.awssdk.services.rds.model.Tag> tags) {
    return toMap(tags, software.amazon.awssdk.services.rds.model.Tag::key,
        software.amazon.awssdk.services.rds.model.Tag::value);
  }

  public static List<software.amazon.awssdk.services.s3.model.Tag> s3(Map<String, String> tags) {
    return toList(tags, (k, v) -> software.amazon.awssdk.services.s3.model.Tag.builder().key(k).value(v).build());
  }

  public static Map<String, String> fromS3(List<software.amazon.awssdk.services.s3.model.Tag> tags) {
    return toMap(tags, software.amazon.awssdk.services.s3.model.Tag::key,
        software.amazon.awssdk.services.s3.model.Tag::value);
  }

  public static List<software.amazon.awssdk.services.cloudfront.model.Tag> cloudFront(Map<String, String> tags) {
    return toList(tags,
        (k, v) -> software.amazon.awssdk.services.cloudfront.model.Tag.builder().key(k).value(v).build());
  }

  public static Map<String, String> fromCloudFront(List<software.amazon.awssdk.services.cloudfront.model.Tag> tags) {
    return toMap(tags, software.amazon.awssdk.services.cloudfront.model.Tag::key,
        software.amazon.awssdk.services.cloudfront.model.Tag::value);
  }

  public static List<software.amazon.awssdk.services.iam.model.Tag> iam(Map<String, String> tags) {
    return toList(tags, (k, v) -> software.amazon.awssdk.services.iam.model.Tag.builder().key(k).value(v).build());
  }

  public static Map<String, String> fromIam(List<software.amazon.awssdk.services.iam.model.Tag> tags) {
    return toMap(tags, software.amazon.awssdk.services.iam.model.Tag::key,
        software.amazon.awssdk.services.iam.model.Tag::value);
  }

  public static List<software.amazon.awssdk.services.secretsmanager.model.Tag> secretsManager(Map<String, String> tags) {
    return toList(tags,
        (k, v) -> software.amazon.awssdk.services.secretsmanager.model.Tag.builder().key(k).value(v).build());
  }

  public static Map<String, String> fromSecretsManager(
      List<software.amazon.awssdk.services.secretsmanager.model.Tag> tags) {
    return toMap(tags, software.amazon.awssdk.services.secretsmanager.model.Tag::key,
        software.amazon.awssdk.services.secretsmanager.model.Tag::value);
  }

  public static Map<String, String> fromTagging(
      List<software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag> tags) {
    return toMap(tags, software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag::key,
        software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag::value);
  }

  /** Sorted by key, so requests read the same every time. */
  private static <T> List<T> toList(Map<String, String> tags, BiFunction<String, String, T> tag) {
    return tags.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> tag.apply(e.getKey(), e.getValue()))
        .toList();
  }

  /** The first value wins where a key repeats. */
  private static <T> Map<String, String> toMap(List<T> tags, Function<T, String> key, Function<T, String> value) {
    return tags.stream().collect(Collectors.toMap(key, value, (first, second) -> first));
  }
}
