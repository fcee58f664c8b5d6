package io.rockofages.operator;

import io.rockofages.aws.SharedReads;
import io.rockofages.engine.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Operator settings from environment variables.
 *
 * @param namespaces WATCH_NAMESPACES, comma-separated; empty: all namespaces
 * @param resync RESYNC_INTERVAL (default 15s): how often AWS is compared even without a Kubernetes event
 * @param progress PROGRESS_INTERVAL (default 10s): the longest requeue while something is still on its way
 * @param defaultRegion AWS_REGION (or AWS_DEFAULT_REGION): for specs without spec.region
 * @param metricsPort METRICS_PORT (default 8080; 0 turns the metrics and health endpoints off)
 * @param leaderElection LEADER_ELECTION_NAMESPACE set: replicas elect one leader through a Lease there
 * @param clusterName CLUSTER_NAME (default {@value #DEFAULT_CLUSTER_NAME}): marked on every AWS resource the
 *     operator manages, so the CLI and other clusters' operators know whose stack it is
 * @param reconcileThreads RECONCILE_THREADS (default {@value #DEFAULT_RECONCILE_THREADS}): passes run at once
 */
public record OperatorConfig(Set<String> namespaces, Duration resync, Duration progress, String defaultRegion,
    int metricsPort, Optional<LeaderElection> leaderElection, String clusterName, int reconcileThreads) {
  public static final String DEFAULT_CLUSTER_NAME = "kubernetes";
  /** Why this many: docs/architecture.md ("Eight passes at once"). */
  public static final int DEFAULT_RECONCILE_THREADS = 8;


  /**
   * One of several replicas acts at a time, holding the Lease {@code rockofages-operator}.
   *
   * @param identity this replica's name in the Lease (POD_NAME, else HOSTNAME)
   * @param exitOnLostLeadership a leader that loses the Lease exits, so it never acts beside the new one
   */
  public record LeaderElection(String leaseNamespace, String identity, Duration leaseDuration, Duration renewDeadline,
      Duration retryPeriod, boolean exitOnLostLeadership) {}

  /** Without leader election (one replica, the CLI's run, tests). */
  public OperatorConfig(Set<String> namespaces, Duration resync, Duration progress, String defaultRegion,
      int metricsPort) {
    this(namespaces, resync, progress, defaultRegion, metricsPort, Optional.empty(), DEFAULT_CLUSTER_NAME,
        DEFAULT_RECONCILE_THREADS);
  }

  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    Set<String> namespaces = Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return new OperatorConfig(namespaces,
        Durations.parse(env.getOrDefault("RESYNC_INTERVAL", "15s")),
        Durations.parse(env.getOrDefault("PROGRESS_INTERVAL", "10s")),
        env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION")),
        Integer.parseInt(env.getOrDefault("METRICS_PORT", "8080")),
        Optional.ofNullable(env.get("LEADER_ELECTION_NAMESPACE")).filter(ns -> !ns.isBlank())
            .map(ns -> new LeaderElection(ns, env.getOrDefault("POD_NAME", env.getOrDefault("HOSTNAME",
                "rockofages-" + UUID.randomUUID())), Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(2), true)),
        env.getOrDefault("CLUSTER_NAME", DEFAULT_CLUSTER_NAME),
        Integer.parseInt(env.getOrDefault("RECONCILE_THREADS", String.valueOf(DEFAULT_RECONCILE_THREADS))));
  }

  /**
   * How long one shared observation serves every stack, and how often the drift watch looks: 5 s
   * (the resync if that is shorter). It sets what the watched listings cost (one read each a
   * window, however many stacks and whatever the resync) and how soon drift is seen.
   */
  public Duration sharedReadsFor() {
    return resync.compareTo(SHARED_READS) < 0 ? resync : SHARED_READS;
  }

  /** Shared observations serve a look ({@link #sharedReadsFor}), or a round: the resync. */
  public SharedReads.Windows sharedReads() {
    return new SharedReads.Windows(sharedReadsFor(), resync);
  }

  private static final Duration SHARED_READS = Duration.ofSeconds(5);
}
