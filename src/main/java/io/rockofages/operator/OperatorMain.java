package io.rockofages.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.rockofages.api.SpecSchema;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.AwsSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the operator: Kubernetes client, AWS clients, the reconciler, metrics and health. */
public final class OperatorMain {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);
  /** The Lease replicas compete for (in LEADER_ELECTION_NAMESPACE). */
  public static final String LEASE = "rockofages-operator";

  private OperatorMain() {}

  /**
   * Starts a JOSDK operator for RockOfAges on {@code client}. Server-side apply is off (the fabric8
   * mock server answers 415 to it): JOSDK adds the finalizer with a JSON patch, and the reconciler
   * replaces status itself (see {@code RockOfAgesReconciler.replaceStatus}).
   */
  public static Operator start(KubernetesClient client, AwsClients aws, OperatorConfig config,
      OperatorMetrics metrics) {
    PassQueue passes = new PassQueue(config.reconcileThreads());
    Operator operator = new Operator(o -> {
      // A stop (SIGTERM) lets the passes under way finish, up to the pod's grace period.
      o.withKubernetesClient(client).withUseSSAToPatchPrimaryResource(false).withCloseClientOnStop(false)
          .withReconciliationTerminationTimeout(Duration.ofSeconds(25))
          .withConcurrentReconciliationThreads(config.reconcileThreads()).withExecutorService(passes)
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics.registry()));
      config.leaderElection().ifPresent(election -> o.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder
          .aLeaderElectionConfiguration(LEASE).withLeaseNamespace(election.leaseNamespace())
          .withIdentity(election.identity()).withLeaseDuration(election.leaseDuration())
          .withRenewDeadline(election.renewDeadline()).withRetryPeriod(election.retryPeriod())
          .withExitOnStopLeading(election.exitOnLostLeadership()).build()));
    });
    RockOfAgesReconciler reconciler = new RockOfAgesReconciler(aws, config,
        new EventRecorder(client, Clock.systemUTC()), metrics, new DatabaseSecrets(client), client, passes,
        Clock.systemUTC());
    operator.register(reconciler, c -> {
      // The passes' own (spread) reschedule paces resyncs; JOSDK's maximum is only a net beyond the spread.
      c.withFinalizer(RockOfAgesReconciler.FINALIZER).withReconciliationMaxInterval(config.resync().multipliedBy(6)
          .dividedBy(5))
          // JOSDK's generation filter would drop the pause and reconcile-now annotations; ours accepts them too.
          .withGenerationAware(false).withOnUpdateFilter(RockOfAgesReconciler::worthAPass);
      if (config.namespaces().isEmpty()) {
        c.watchingAllNamespaces();
      } else {
        c.settingNamespaces(config.namespaces());
      }
    });
    try {
      operator.start();
    } catch (OperatorException e) {
      operator.stop();
      throw new IllegalStateException("the operator could not start against " + client.getMasterUrl() + " ("
          + rootCause(e) + "): check KUBECONFIG or the in-cluster service account, and that the CRD is "
          + "installed (kubectl apply -f crds/)", e);
    }
    metrics.markReady(operator.getRuntimeInfo());
    return operator;
  }

  /**
   * One quick request (the API server's version, which any client may read) before an informer
   * starts, so a wrong kubeconfig or an unreachable cluster is one clear line, not a page of
   * informer errors.
   */
  static void checkReachable(KubernetesClient client) {
    Config quick = new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0)
        .withConnectionTimeout(5_000).withRequestTimeout(5_000).build();
    try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(quick).build()) {
      probe.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      throw new IllegalStateException("the operator cannot reach the Kubernetes API at " + client.getMasterUrl()
          + " (" + rootCause(e) + "): check KUBECONFIG or the in-cluster service account", e);
    }
  }

  private static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /**
   * Compiles the CRD's schema, which every pass validates its stack with, on a thread of its own:
   * about a quarter of a second on two cores that the first passes would otherwise wait for. A
   * pass that comes sooner waits for the same compilation (the class's initialisation).
   */
  private static void compileSchemaAhead() {
    Thread compiler = new Thread(SpecSchema::get, "spec-schema-ahead");
    compiler.setDaemon(true);
    compiler.start();
  }

  /** `rockofages run`: until SIGTERM. */
  public static void runUntilStopped(OperatorConfig config, Map<String, String> env)
      throws IOException, InterruptedException {
    AwsCallMeter meter = new AwsCallMeter();
    AwsClients aws = new AwsClients(AwsSettings.fromEnvironment(env).withSharedReads(config.sharedReads()), meter);
    // While the informers sync: what every first pass needs and is slow to make the first time.
    Optional.ofNullable(config.defaultRegion()).ifPresent(aws::buildAhead);
    compileSchemaAhead();
    KubernetesClient client = new KubernetesClientBuilder().build();
    checkReachable(client);
    OperatorMetrics metrics = new OperatorMetrics(meter);
    if (config.metricsPort() > 0) {
      metrics.serve(config.metricsPort());
    }
    Operator operator = start(client, aws, config, metrics);
    LOG.info("rockofages operator started (namespaces: {}, resync {}s)",
        config.namespaces().isEmpty() ? "all" : config.namespaces(), config.resync().toSeconds());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.stop();
      metrics.close();
      aws.close();
      client.close();
      stopped.countDown();
    }));
    stopped.await();
  }

}
