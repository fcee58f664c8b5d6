package io.rockofages.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.operator.OperatorConfig;
import io.rockofages.operator.OperatorMain;
import io.rockofages.operator.OperatorMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** A real operator on the CRUD mock API server, reconciling against a freshly reset moto. */
public final class OperatorHarness implements AutoCloseable {
  public final AwsCallMeter meter = new AwsCallMeter();
  public final KubeMock kube = new KubeMock();
  public final KubernetesClient client = kube.client();
  public final AwsClients aws;
  public final OperatorMetrics metrics = new OperatorMetrics(meter);
  private final WatchLag watchLag;
  private final KubernetesClient operatorClient;
  private final Operator operator;

  public OperatorHarness(Duration resync) {
    this(resync, List.of());
  }

  /** {@code interceptors} see every AWS call the operator makes (to slow one down, or to fail it). */
  public OperatorHarness(Duration resync, List<ExecutionInterceptor> interceptors) {
    this(resync, interceptors, false, false);
  }

  /**
   * @param sharingReads whether the stacks share their reads (and the drift watch looks), as in
   *     {@code rockofages run}; the other tests read per stack, so each pass shows what it costs
   * @param lagging whether the operator's watches of RockOfAges pass through a {@link WatchLag}
   */
  private OperatorHarness(Duration resync, List<ExecutionInterceptor> interceptors, boolean sharingReads,
      boolean lagging) {
    MotoServer moto = MotoServer.get();
    moto.reset();
    OperatorConfig config = new OperatorConfig(Set.of(), resync, Duration.ofMillis(300), MotoServer.REGION, 0);
    aws = new AwsClients(sharingReads ? moto.settings().withSharedReads(config.sharedReads()) : moto.settings(),
        meter, interceptors);
    watchLag = lagging ? new WatchLag(URI.create(client.getMasterUrl().toString()),
        "GET /apis/rockofages.io/v1alpha1/rockofages?") : null;
    operatorClient = lagging ? kube.clientVia(watchLag.url()) : client;
    operator = OperatorMain.start(operatorClient, aws, config, metrics);
  }

  /** An operator whose stacks share their reads and whose drift watch looks, as {@code rockofages run}'s do. */
  public static OperatorHarness sharingReads(Duration resync, List<ExecutionInterceptor> interceptors) {
    return new OperatorHarness(resync, interceptors, true, false);
  }

  /** An operator whose watch of RockOfAges (so its cache) lags behind the API server as {@link #watchLag()} says. */
  public static OperatorHarness lagging(Duration resync) {
    return new OperatorHarness(resync, List.of(), false, true);
  }

  public WatchLag watchLag() {
    if (watchLag == null) {
      throw new IllegalStateException("this operator's watches do not lag: see lagging()");
    }
    return watchLag;
  }

  /** Stops the operator alone, as a SIGTERM would; close() still releases the rest. */
  public void stopOperator() {
    operator.stop();
  }

  @Override
  public void close() {
    operator.stop();
    metrics.close();
    aws.close();
    if (watchLag != null) {
      operatorClient.close();
      watchLag.close();
    }
    kube.close();
  }
}
