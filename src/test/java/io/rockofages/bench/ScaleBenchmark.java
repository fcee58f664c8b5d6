package io.rockofages.bench;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rockofages.api.ComponentStatus;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.testing.KubeMock;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Specs;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator at scale, measured from outside it: {@code target/rockofages.jar run} in its own
 * process, against fabric8's CRUD mock API server (in this process) and moto, with N stacks.
 * Prints: create → all Ready, stacks a minute, AWS calls a stack a resync by operation (the
 * operator's own counters, scraped from its /metrics as Prometheus would), writes at steady state,
 * drift repair latency, RSS and heap after a GC (from /proc and jcmd), and restart → a full round.
 * Not a test. Build the jar first, then:
 * {@code mvn -B -ntp -q package -DskipTests && mvn -q exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.rockofages.bench.ScaleBenchmark -Dexec.args="20 light 20"}
 * (stacks, {@code light} = API host only or {@code full} = database, site and CDN too, resync seconds).
 */
public final class ScaleBenchmark {
  private ScaleBenchmark() {}

  private static final String NAMESPACE = "bench";
  private static final Pattern CALLS = Pattern.compile(
      "^rockofages_aws_calls_total\\{(.*)\\} (\\S+)$");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    int stacks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    boolean full = args.length > 1 && "full".equals(args[1]);
    Duration resync = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 20);
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    MotoServer moto = MotoServer.get();
    moto.reset();
    try (KubeMock kube = new KubeMock(); AwsClients aws = moto.clients(new AwsCallMeter())) {
      KubernetesClient client = kube.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .create();
      client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
          .withName("site-files").endMetadata().withData(Map.of("index.html", "<h1>bench</h1>")).build()).create();
      Path kubeconfig = kubeconfig(client.getMasterUrl().toString());
      int port = freePort();
      Process operator = start(kubeconfig, moto, port, resync);
      until("the operator ready", Duration.ofSeconds(60), () -> alive(operator) && ready(port));

      long start = System.nanoTime();
      for (int i = 0; i < stacks; i++) {
        RockOfAgesSpec spec = full ? Specs.fullStack() : Specs.minimal();
        client.resource(Specs.resource(NAMESPACE, "bench-" + i, spec)).create();
      }
      until("all Ready", Duration.ofMinutes(30), () -> readyCount(client) == stacks);
      double createSeconds = (System.nanoTime() - start) / 1e9;

      Map<String, Double> before = calls(port);
      double passesBefore = passes(port);
      Thread.sleep(resync.multipliedBy(3).toMillis()); // a benchmark: it measures what three resyncs cost
      Map<String, Double> after = calls(port);
      double steadyPasses = passes(port) - passesBefore;

      RockOfAges victim = client.resources(RockOfAges.class).inNamespace(NAMESPACE).withName("bench-0").get();
      String instance = componentId(victim, "api-instance");
      long drift = System.nanoTime();
      aws.ec2(MotoServer.REGION).terminateInstances(r -> r.instanceIds(instance));
      until("the drift repaired", resync.multipliedBy(4), () -> {
        RockOfAges now = client.resources(RockOfAges.class).inNamespace(NAMESPACE).withName("bench-0").get();
        return now.getStatus().isReady() && !instance.equals(componentId(now, "api-instance"));
      });
      double driftSeconds = (System.nanoTime() - drift) / 1e9;

      long pid = operator.pid();
      String heap = run("jcmd", String.valueOf(pid), "GC.run") + run("jcmd", String.valueOf(pid), "GC.heap_info");
      String rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
          .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
      operator.destroy();
      operator.waitFor();

      long restart = System.nanoTime();
      Process again = start(kubeconfig, moto, port, resync);
      until("a full round after the restart", Duration.ofMinutes(10), () -> alive(again) && passes(port) >= stacks);
      double restartSeconds = (System.nanoTime() - restart) / 1e9;
      again.destroy();
      again.waitFor();

      print(stacks, full, resync, createSeconds, before, after, steadyPasses, driftSeconds, rss, heap, restartSeconds);
    }
    System.exit(0);
  }

  private static void print(int stacks, boolean full, Duration resync, double createSeconds,
      Map<String, Double> before, Map<String, Double> after, double steadyPasses, double driftSeconds, String rss,
      String heap, double restartSeconds) {
    System.out.printf("stacks: %d %s, resync %d s%n", stacks, full ? "full (API host, database, site, CDN)"
        : "light (API host)", resync.toSeconds());
    System.out.printf("create -> all Ready: %.1f s (%.1f stacks/min)%n", createSeconds, stacks / createSeconds * 60);
    System.out.printf("steady state, three resyncs: %.0f passes, %.2f a stack a resync (1 = resyncs keep up)%n",
        steadyPasses, steadyPasses / stacks / 3);
    double perPass = 0;
    double writes = 0;
    System.out.println("AWS calls a stack a resync (a pass), steady state (operation: calls):");
    for (var entry : after.entrySet()) {
      double delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
      if (delta > 0) {
        System.out.printf("  %-50s %.2f%n", entry.getKey(), delta / steadyPasses);
        perPass += delta / steadyPasses;
        writes += entry.getKey().endsWith("(write)") ? delta : 0;
      }
    }
    System.out.printf("  %-50s %.2f%n", "all", perPass);
    System.out.printf("writes at steady state (all stacks, three resyncs): %.0f%n", writes);
    System.out.printf("drift repaired (instance terminated -> a new one Ready): %.1f s%n", driftSeconds);
    System.out.printf("operator %s; heap after GC: %s%n", rss, heap.lines().filter(l -> l.contains("used"))
        .findFirst().orElse("?").trim());
    System.out.printf("restart -> a pass for every stack: %.1f s%n", restartSeconds);
  }

  private static Process start(Path kubeconfig, MotoServer moto, int port, Duration resync) throws IOException {
    ProcessBuilder builder = new ProcessBuilder("java", "-jar", "target/rockofages.jar", "run")
        .redirectErrorStream(true).redirectOutput(Path.of("target/scale-benchmark-operator.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_REGION", MotoServer.REGION);
    env.put("METRICS_PORT", String.valueOf(port));
    env.put("RESYNC_INTERVAL", resync.toSeconds() + "s");
    env.put("WATCH_NAMESPACES", NAMESPACE);
    env.put("LOG_LEVEL", "WARN");
    // The mock server speaks HTTP/1.1 only; the JDK client's HTTP/2 upgrade attempt sometimes trips on it.
    env.put("KUBERNETES_HTTP2_DISABLE", "true");
    return builder.start();
  }

  /** Calls by "Service Operation (read|write)", as the operator's /metrics counts them. */
  private static Map<String, Double> calls(int port) throws Exception {
    Map<String, Double> calls = new TreeMap<>();
    for (String line : get(port, "/metrics").lines().toList()) {
      Matcher sample = CALLS.matcher(line);
      if (sample.matches()) {
        Map<String, String> labels = labels(sample.group(1));
        calls.merge(labels.get("service") + " " + labels.get("operation") + ("true".equals(labels.get("mutating"))
            ? " (write)" : " (read)"), Double.parseDouble(sample.group(2)), Double::sum);
      }
    }
    return calls;
  }

  private static boolean alive(Process operator) {
    if (!operator.isAlive()) {
      throw new IllegalStateException("the operator exited; see target/scale-benchmark-operator.log");
    }
    return true;
  }

  private static double passes(int port) {
    try {
      return get(port, "/metrics").lines().filter(l -> l.startsWith("rockofages_passes_total{")
          && l.contains("kind=\"reconcile\"")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .sum();
    } catch (Exception e) {
      return 0; // not serving yet
    }
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new TreeMap<>();
    Matcher label = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(text);
    while (label.find()) {
      labels.put(label.group(1), label.group(2));
    }
    return labels;
  }

  private static boolean ready(int port) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static String get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static long readyCount(KubernetesClient client) {
    return client.resources(RockOfAges.class).inNamespace(NAMESPACE).list().getItems().stream()
        .filter(r -> r.getStatus() != null && r.getStatus().isReady()).count();
  }

  private static String componentId(RockOfAges resource, String component) {
    return Optional.ofNullable(resource.getStatus()).map(s -> s.getComponents().stream()
        .filter(c -> component.equals(c.getName())).map(ComponentStatus::getId).findFirst().orElse(null)).orElse(null);
  }

  private static void until(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("not " + what + " within " + limit.toSeconds() + " s");
      }
      Thread.sleep(250); // a benchmark polls; tests wait on conditions
    }
  }

  private static Path kubeconfig(String server) throws IOException {
    Path file = Files.createTempFile("scale-benchmark", ".kubeconfig");
    Files.writeString(file, String.join("\n", "apiVersion: v1", "kind: Config", "clusters:",
        "- name: mock", "  cluster: {server: \"" + server + "\"}", "users:", "- name: bench", "  user: {token: bench}",
        "contexts:", "- name: mock", "  context: {cluster: mock, user: bench}", "current-context: mock", ""));
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes());
      process.waitFor();
      return out;
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }
}
