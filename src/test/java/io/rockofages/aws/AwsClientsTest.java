package io.rockofages.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.testing.MotoServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.retries.AdaptiveRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;

/** The client factory: endpoint override and path-style S3, the meter on every client. */
class AwsClientsTest {
  @Test
  void everyClientGoesToTheEndpointAndS3UsesPathStyle() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    AwsCallMeter meter = new AwsCallMeter();
    try (AwsClients clients = moto.clients(meter)) {
      S3Client s3 = clients.s3(MotoServer.REGION);
      s3.createBucket(r -> r.bucket("path-style-check"));
      s3.putObject(r -> r.bucket("path-style-check").key("a.txt"), RequestBody.fromString("hello"));
      assertEquals("hello", s3.getObjectAsBytes(r -> r.bucket("path-style-check").key("a.txt")).asUtf8String(),
          "a bucket subdomain of 127.0.0.1 would not resolve: path-style it is");
      clients.cloudFront().listDistributions(r -> r.maxItems("1"));
      clients.rds(MotoServer.REGION).describeDBInstances();
      clients.ec2(MotoServer.REGION).describeVpcs();
      assertEquals(6, meter.total(), meter.snapshot().toString());
      assertTrue(meter.snapshot().keySet().stream().map(AwsCallMeter.Call::service).toList()
          .containsAll(List.of("S3", "CloudFront", "Rds", "Ec2")), meter.snapshot().toString());
    }
  }

  @Test
  void clientsBuiltAheadAreTheOnesThePassesThenUse() {
    try (AwsClients clients = MotoServer.get().clients(new AwsCallMeter())) {
      AwsServices builtAhead = clients.buildAhead(MotoServer.REGION).join();
      AwsServices pass = clients.forRegion(MotoServer.REGION);

      assertEquals(List.of(builtAhead.ec2(), builtAhead.rds(), builtAhead.s3(), builtAhead.cloudFront(),
          builtAhead.iam(), builtAhead.secretsManager(), builtAhead.tagging(), builtAhead.globalTagging()),
          List.of(pass.ec2(), pass.rds(), pass.s3(), pass.cloudFront(), pass.iam(), pass.secretsManager(),
              pass.tagging(), pass.globalTagging()), "no client is built twice");
    }
  }

  @Test
  void fromItsDeadlineOnAClientSendsNothing() {
    AtomicInteger sent = new AtomicInteger();
    ExecutionInterceptor transmissions = new ExecutionInterceptor() {
      @Override
      public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        sent.incrementAndGet();
      }
    };
    try (AwsClients clients = MotoServer.get().clients(new AwsCallMeter(), List.of(transmissions))) {
      clients.ec2(MotoServer.REGION).describeVpcs();
      assertEquals(1, sent.get());
      clients.deadline().set(Instant.now().minusSeconds(1));

      SdkClientException refused = assertThrows(SdkClientException.class,
          () -> clients.ec2(MotoServer.REGION).describeVpcs());

      assertTrue(refused.getMessage().contains("(--timeout) ran out"), refused.getMessage());
      assertEquals(1, sent.get(), "nothing more reached the wire");
    }
  }

  @Test
  void everyClientRetriesAdaptivelySlowingItselfOnceThrottled() {
    try (AwsClients clients = MotoServer.get().clients(new AwsCallMeter())) {
      for (var client : List.of(clients.ec2(MotoServer.REGION), clients.rds(MotoServer.REGION), clients.s3(
          MotoServer.REGION), clients.cloudFront(), clients.iam(), clients.secretsManager(MotoServer.REGION),
          clients.tagging(MotoServer.REGION))) {
        assertTrue(client.serviceClientConfiguration().overrideConfiguration().retryStrategy().orElseThrow()
            instanceof AdaptiveRetryStrategy, client.serviceName());
      }
    }
  }

  @Test
  void environmentDecidesEndpointAndStaticKeys() {
    AwsSettings settings = AwsSettings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
        "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "secret"));
    assertEquals("http://127.0.0.1:1", settings.endpoints().of("EC2").orElseThrow().toString());
    assertEquals("AKID", settings.credentials().resolveCredentials().accessKeyId());
    assertTrue(AwsSettings.fromEnvironment(Map.of()).endpoints().of("EC2").isEmpty());
  }

  @Test
  void aServicesOwnEndpointVariableSendsItAloneElsewhere() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    AwsSettings settings = AwsSettings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
        "AWS_ENDPOINT_URL_S3", moto.endpoint().toString(),
        "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"));
    try (AwsClients clients = new AwsClients(settings, new AwsCallMeter())) {
      S3Client s3 = clients.s3(MotoServer.REGION);
      s3.createBucket(r -> r.bucket("own-endpoint"));
      assertEquals(List.of("own-endpoint"), s3.listBuckets().buckets().stream().map(b -> b.name()).toList(),
          "S3 reached at its own endpoint, path-style (an emulator serves no bucket subdomains)");
      for (var elsewhere : List.of(clients.ec2(MotoServer.REGION), clients.rds(MotoServer.REGION),
          clients.cloudFront(), clients.iam(), clients.secretsManager(MotoServer.REGION),
          clients.tagging(MotoServer.REGION))) {
        assertEquals("http://127.0.0.1:1", elsewhere.serviceClientConfiguration().endpointOverride().orElseThrow()
            .toString(), elsewhere.serviceName());
      }
    }
  }
}
