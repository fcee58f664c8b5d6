package io.rockofages.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.testing.MotoServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The pacing every AWS client of a process shares, against moto: a bucket per service, region and
 * kind (read or write), so a spent read bucket holds up no write, no other service and no other
 * region; what finds its bucket empty is not sent and fails as throttled. (The period is an hour and
 * nobody waits, so no clock is involved.)
 */
class CallRatesMotoTest {
  private final List<String> sent = new ArrayList<>();
  /** Runs after the pacing: it sees only what goes on to the wire. */
  private final ExecutionInterceptor wire = new ExecutionInterceptor() {
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      sent.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
  };

  @Test
  void eachServiceRegionAndKindHasItsOwnBucketAndAnEmptyOneSendsNothing() {
    MotoServer moto = MotoServer.get();
    AwsSettings paced = new AwsSettings(moto.settings().endpoints(), moto.settings().credentials(), 1,
        new CallRates(3, 1, Duration.ofHours(1), Duration.ZERO), SharedReads.Windows.NONE);
    try (AwsClients aws = new AwsClients(paced, new AwsCallMeter(), List.of(wire))) {
      for (int i = 0; i < 3; i++) {
        aws.ec2(MotoServer.REGION).describeVpcs();
      }

      RuntimeException refused = assertThrows(RuntimeException.class, () -> aws.ec2(MotoServer.REGION).describeVpcs());

      assertEquals(ErrorKind.THROTTLED, AwsErrors.classify(refused), refused.toString());
      assertTrue(AwsErrors.describe(refused).contains("DescribeVpcs not sent: rockofages' own limit of 3 Ec2 reads in "
          + "us-east-1 per 3600 s is used up (AWS_READS_PER_SECOND)"), AwsErrors.describe(refused));
      aws.ec2(MotoServer.REGION).createKeyPair(r -> r.keyName("paced"));
      aws.rds(MotoServer.REGION).describeDBInstances();
      aws.ec2("eu-west-1").describeVpcs();
      assertThrows(RuntimeException.class, () -> aws.ec2(MotoServer.REGION).deleteKeyPair(r -> r.keyName("paced")));
      assertEquals(List.of("DescribeVpcs", "DescribeVpcs", "DescribeVpcs", "CreateKeyPair", "DescribeDBInstances",
          "DescribeVpcs"), sent, "a write, another service and another region each had a bucket of their own");
    }
  }

  @Test
  void theOperatorAndTheCliArePacedByDefaultS3MoreLooselyAndZeroTurnsPacingOff() {
    CallRates defaults = CallRates.fromEnvironment(Map.of());
    assertEquals(new CallRates.Rate(10, 3), defaults.of("Ec2"));
    assertEquals(new CallRates.Rate(200, 20), defaults.of("S3"), "S3 takes far more than EC2");
    CallRates off = CallRates.fromEnvironment(Map.of("AWS_READS_PER_SECOND", "0", "AWS_WRITES_PER_SECOND", "0"));
    assertEquals(List.of(new CallRates.Rate(0, 0), new CallRates.Rate(0, 0)), List.of(off.of("Ec2"), off.of("S3")),
        "a setting applies to every service");
    assertEquals(defaults.of("Ec2"), AwsSettings.fromEnvironment(Map.of()).rates().of("Ec2"));
  }
}
