package io.rockofages.operator;

import io.rockofages.engine.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Operator settings from environment variables.
 *
 * @param namespaces WATCH_NAMESPACES, comma-separated; empty: all namespaces
 * @param resync RESYNC_INTERVAL (default 60s): how often AWS is compared even without a Kubernetes event
 * @param progress PROGRESS_INTERVAL (default 10s): requeue while something is still on its way
 * @param defaultRegion AWS_REGION (or AWS_DEFAULT_REGION): for specs without spec.region
 * @param metricsPort METRICS_PORT (default 8080; 0 turns the metrics and health endpoints off)
 */
public record OperatorConfig(Set<String> namespaces, Duration resync, Duration progress, String defaultRegion,
    int metricsPort) {

  public static OperatorConfig fromEnvironment(Map<String, String> env) {
    Set<String> namespaces = Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return new OperatorConfig(namespaces,
        Durations.parse(env.getOrDefault("RESYNC_INTERVAL", "60s")),
        Durations.parse(env.getOrDefault("PROGRESS_INTERVAL", "10s")),
        env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION")),
        Integer.parseInt(env.getOrDefault("METRICS_PORT", "8080")));
  }
}
