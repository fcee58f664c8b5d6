package io.rockofages.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.rockofages.aws.AwsCallMeter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The operator's metrics in one Prometheus registry (micrometer): AWS calls by service, operation,
 * outcome and whether they change AWS; passes by kind and result; JOSDK's own reconcile metrics;
 * and the JVM's (memory, GC, threads, classes, CPU, uptime). Served with the liveness and
 * readiness endpoints on one small JDK HTTP server.
 */
public final class OperatorMetrics implements AutoCloseable {
  private final AwsCallMeter awsCalls;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Set<AwsCallMeter.Call> registeredCalls = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean ready = new AtomicBoolean();
  private volatile RuntimeInfo runtime;
  private HttpServer server;

  public OperatorMetrics(AwsCallMeter awsCalls) {
    this.awsCalls = awsCalls;
    for (MeterBinder jvm : List.<MeterBinder>of(new JvmMemoryMetrics(), new JvmGcMetrics(), new JvmThreadMetrics(),
        new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics())) {
      jvm.bindTo(registry);
    }
  }

  /** Where JOSDK records its reconcile metrics. */
  MeterRegistry registry() {
    return registry;
  }

  void countPass(String kind, String result) {
    registry.counter("rockofages.passes", "kind", kind, "result", result).increment();
  }

  /** How long a look of the drift watch took: drift made in AWS is seen within its interval and this. */
  void lookTook(Duration took) {
    Timer.builder("rockofages.drift.watch.looks").description("How long the drift watch's looks took")
        .register(registry).record(took);
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

  /** The Prometheus text exposition of every metric. */
  public String render() {
    // AWS calls are counted by the SDK interceptor; each new (service, operation, outcome) becomes a counter here.
    awsCalls.snapshot().keySet().stream().filter(registeredCalls::add).forEach(call -> FunctionCounter
        .builder("rockofages.aws.calls", awsCalls, meter -> meter.count(call))
        .description("AWS API calls made, by service, operation and outcome")
        .tags("service", call.service(), "operation", call.operation(), "outcome", call.outcome(),
            "mutating", String.valueOf(call.mutating()))
        .register(registry));
    return registry.scrape();
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
    registry.close();
  }
}
