package io.rockofages.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.operator.OperatorConfig;
import io.rockofages.operator.OperatorMain;
import io.rockofages.operator.OperatorMetrics;
import java.util.Map;

/**
 * An operator on the real API server acting as its service account, so it has exactly the rights
 * deploy/ grants it, with its own metrics to tell what it did.
 */
public record RunningOperator(Operator operator, OperatorMetrics metrics, KubernetesClient client) {
  public static final String SERVICE_ACCOUNT = "system:serviceaccount:rockofages-system:rockofages-operator";

  public static RunningOperator start(OperatorConfig config, AwsClients aws) {
    KubernetesClient client = RealApiServer.get().as(SERVICE_ACCOUNT);
    OperatorMetrics metrics = new OperatorMetrics(new AwsCallMeter());
    return new RunningOperator(OperatorMain.start(client, aws, config, metrics), metrics, client);
  }

  /** Passes of a kind (reconcile, cleanup) this operator ran. */
  public long passes(String kind) {
    return (long) PrometheusText.sum(metrics.render(), "rockofages_passes_total", Map.of("kind", kind));
  }

  public void stop() {
    operator.stop();
    client.close();
    metrics.close();
  }
}
