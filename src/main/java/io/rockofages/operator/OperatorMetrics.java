package io.rockofages.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.rockofages.aws.AwsCallMeter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prometheus text metrics (AWS calls by service, operation and outcome; passes by kind and result)
 * and the liveness/readiness endpoints, on one small JDK HTTP server.
 */
public final class OperatorMetrics implements AutoCloseable {
  private final AwsCallMeter awsCalls;
  private final Map<String, LongAdder> passes = new ConcurrentHashMap<>();
  private final AtomicBoolean ready = new AtomicBoolean();
  private volatile RuntimeInfo runtime;
  private HttpServer server;

  public OperatorMetrics(AwsCallMeter awsCalls) {
    this.awsCalls = awsCalls;
  }

  void countPass(String kind, String result) {
    passes.computeIfAbsent(kind + "\u0000" + result, k -> new LongAdder()).increment();
  }

  /** Called once the operator has started: its informers have synced, so it can be sent traffic. */
  void markReady(RuntimeInfo operatorRuntime) {
    runtime = operatorRuntime;
    ready.set(true);
  }

  /** Healthy while starting, and once started while it runs and every informer is healthy; otherwise what is not. */
  private Optional<String> unhealthy() {
    RuntimeInfo current = runtime;
    if (current == null) {
      return Optional.empty();
    }
    if (!current.isStarted()) {
      return Optional.of("the operator has stopped");
    }
    return current.allEventSourcesAreHealthy() ? Optional.empty()
        : Optional.of("unhealthy event sources: " + current.unhealthyEventSources().keySet());
  }

  public String render() {
    StringBuilder text = new StringBuilder();
    text.append("# HELP rockofages_aws_calls_total AWS API calls made, by service, operation and outcome.\n")
        .append("# TYPE rockofages_aws_calls_total counter\n");
    awsCalls.snapshot().forEach((call, n) -> text.append("rockofages_aws_calls_total{service=\"")
        .append(call.service()).append("\",operation=\"").append(call.operation()).append("\",outcome=\"")
        .append(call.outcome()).append("\",mutating=\"").append(call.mutating()).append("\"} ").append(n).append('\n'));
    text.append("# HELP rockofages_passes_total Reconcile and cleanup passes, by kind and result.\n")
        .append("# TYPE rockofages_passes_total counter\n");
    new TreeMap<>(passes).forEach((key, n) -> {
      String[] parts = key.split("\u0000");
      text.append("rockofages_passes_total{kind=\"").append(parts[0]).append("\",result=\"").append(parts[1])
          .append("\"} ").append(n.sum()).append('\n');
    });
    return text.toString();
  }

  /** Serves /metrics, /healthz and /readyz on the port (0 binds any free port). */
  public OperatorMetrics serve(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/metrics", exchange -> respond(exchange, 200, render()));
    server.createContext("/healthz", exchange -> {
      Optional<String> problem = unhealthy();
      respond(exchange, problem.isEmpty() ? 200 : 503, problem.orElse("ok") + "\n");
    });
    server.createContext("/readyz", exchange -> {
      boolean serving = ready.get() && unhealthy().isEmpty();
      respond(exchange, serving ? 200 : 503, serving ? "ready\n" : "not ready\n");
    });
    server.start();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop(0);
    }
  }
}
