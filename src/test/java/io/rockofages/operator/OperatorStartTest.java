package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.AwsSettings;
import io.rockofages.testing.KubeMock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

/** Starting: JOSDK gets the settings it should, and an unreachable API server is one sentence that says what to check. */
class OperatorStartTest {
  @Test
  void josdkRunsAsManyPassesAtOnceAsConfigured() {
    AwsCallMeter meter = new AwsCallMeter();
    try (KubeMock kube = new KubeMock();
        AwsClients aws = new AwsClients(new AwsSettings(Optional.empty(), AnonymousCredentialsProvider.create(), 1),
            meter);
        OperatorMetrics metrics = new OperatorMetrics(meter)) {
      Operator operator = OperatorMain.start(kube.client(), aws, new OperatorConfig(Set.of(), Duration.ofSeconds(60),
          Duration.ofSeconds(10), "us-east-1", 0, Optional.empty(), "test", 3), metrics);
      try {
        assertEquals(3, operator.getConfigurationService().concurrentReconciliationThreads());
        PassQueue passes = (PassQueue) operator.getConfigurationService().getExecutorService();
        assertEquals(3, passes.getMaximumPoolSize(), "the passes run on the pass queue's threads");
      } finally {
        operator.stop();
      }
    }
  }

  @Test
  void anUnreachableApiServerIsAClearError() {
    AwsCallMeter meter = new AwsCallMeter();
    try (KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0)
                .build()).build();
        AwsClients aws = new AwsClients(new AwsSettings(Optional.empty(), AnonymousCredentialsProvider.create(), 1),
            meter)) {
      IllegalStateException error = assertThrows(IllegalStateException.class, () -> OperatorMain.start(client, aws,
          new OperatorConfig(Set.of(), Duration.ofSeconds(60), Duration.ofSeconds(10), "us-east-1", 0),
          new OperatorMetrics(meter)));
      assertTrue(error.getMessage().startsWith("the operator could not start against http://127.0.0.1:1/"),
          error.getMessage());
      assertTrue(error.getMessage().contains("kubectl apply -f crds/"), error.getMessage());
      assertTrue(meter.total() == 0, "nothing touched AWS");
    }
  }
}
