package io.rockofages.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AwsCallMeterTest {
  @Test
  void readsAreNotMutating() {
    assertFalse(new AwsCallMeter.Call("EC2", "DescribeInstances", "success").mutating());
    assertFalse(new AwsCallMeter.Call("S3", "GetObject", "success").mutating());
    assertFalse(new AwsCallMeter.Call("S3", "ListObjectsV2", "success").mutating());
    assertFalse(new AwsCallMeter.Call("S3", "HeadBucket", "success").mutating());
    assertTrue(new AwsCallMeter.Call("EC2", "RunInstances", "success").mutating());
    assertTrue(new AwsCallMeter.Call("EC2", "AuthorizeSecurityGroupIngress", "success").mutating());
  }
}
