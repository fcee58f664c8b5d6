package io.rockofages.bench;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.rockofages.api.ComponentStatus;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.CallRates;
import io.rockofages.testing.ImageCommand;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator at scale, measured from outside it: its {@code run} in its own process, with the
 * command and classes of the image ({@link ImageCommand}: the jar unpacked), against fabric8's CRUD
 * mock API server (in this process) and moto, with N stacks; S3 is served by a moto of its own
 * ({@code AWS_ENDPOINT_URL_S3}), as AWS serves each service apart, so that one Python process is not
 * the limit of all of them.
 * Prints: create → all Ready, stacks a minute, the AWS calls a stack took until then and the CPU the
 * motos and the operator spent on it, AWS calls a stack a resync by operation (the operator's own
 * counters, scraped from its /metrics as Prometheus would), writes at steady state, drift repair latency, RSS and heap after a GC (from /proc and
 * jcmd), CPU of the operator and of the motos apart (from /proc), and after a restart: start-up to
 * the first pass, the busiest second of EC2 calls, and a full round with the CPU each process spent
 * on it. The operator's JVM runs with the flags and malloc setting {@code deploy/base/deployment.yaml}
 * gives it. Not a test. Build first, then:
 * {@code mvn -B -ntp -q package -DskipTests && mvn -q exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.rockofages.bench.ScaleBenchmark -Dexec.args="20 light 20"}
 * (stacks, {@code light} = API host only or {@code full} = database, site and CDN too, resync seconds,
 * restarts: 3 unless given).
 */
public final class ScaleBenchmark {
  private ScaleBenchmark() {}

  private static final String NAMESPACE = "bench";
  private static final Pattern CALLS = Pattern.compile(
      "^rockofages_aws_calls_total\\{(.*)\\} (\\S+)$");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Stacks whose API instance is terminated one after another, to time drift repair more than once a run. */
  private static final int DRIFT_SAMPLES = 3;
  private static final String LOOKS = "rockofages_drift_watch_looks_seconds";
  /** The output of the operator and then of the restarted one. */
  private static final Path OPERATOR_LOG = Path.of("target/scale-benchmark-operator.log");
  private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");
  /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  public static void main(String[] args) throws Exception {
    int stacks = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    boolean full = args.length > 1 && "full".equals(args[1]);
    Duration resync = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 20);
    int restarts = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    Files.deleteIfExists(OPERATOR_LOG);
    Emulators moto = new Emulators(MotoServer.get(), MotoServer.another());
    moto.rest().reset();
    try (KubeMock kube = new KubeMock(); AwsClients aws = moto.rest().clients(new AwsCallMeter())) {
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
      long operatorTicksCreating = cpuTicks(operator.pid());
      long motoTicksCreating = moto.cpuTicks();
      long s3TicksCreating = moto.s3CpuTicks();
      for (int i = 0; i < stacks; i++) {
        RockOfAgesSpec spec = full ? Specs.fullStack() : Specs.minimal();
        client.resource(Specs.resource(NAMESPACE, "bench-" + i, spec)).create();
      }
      until("all Ready", Duration.ofMinutes(30), () -> readyCount(client) == stacks);
      double createSeconds = (System.nanoTime() - start) / 1e9;
      String highestCreating = memory(operator.pid(), "VmHWM");
      System.out.printf("stacks: %d %s, resync %d s%n", stacks, full ? "full (API host, database, site, CDN)"
          : "light (API host)", resync.toSeconds());
      System.out.printf("create -> all Ready: %.1f s (%.1f stacks/min)%n", createSeconds, stacks / createSeconds * 60);
      printCreateCalls(Metrics.of(port).calls(), stacks);
      System.out.printf("CPU of the creation: moto %.1f s (S3's moto %.1f s of it), the operator %.1f s%n",
          (moto.cpuTicks() - motoTicksCreating) / 100.0, (moto.s3CpuTicks() - s3TicksCreating) / 100.0,
          (cpuTicks(operator.pid()) - operatorTicksCreating) / 100.0);
      long settling = System.nanoTime();
      boolean settled = false;
      while (!settled && System.nanoTime() - settling < Duration.ofMinutes(10).toNanos()) {
        settled = settled(port, resync, stacks);
      }
      System.out.printf("%s %.1f s after all Ready (a resync with no write and a pass for nine stacks in ten)%n",
          settled ? "settled" : "NOT settled (measured anyway)", (System.nanoTime() - settling) / 1e9);

      Metrics before = Metrics.of(port);
      long operatorTicks = cpuTicks(operator.pid());
      long motoTicks = moto.cpuTicks();
      Thread.sleep(resync.multipliedBy(3).toMillis()); // a benchmark: it measures what three resyncs cost
      Metrics after = Metrics.of(port);
      double steadyPasses = after.passes() - before.passes();
      String cpu = String.format("operator %.1f ms a pass, moto %.1f ms a pass; a pass took %.0f ms on average",
          (cpuTicks(operator.pid()) - operatorTicks) * 10.0 / steadyPasses,
          (moto.cpuTicks() - motoTicks) * 10.0 / steadyPasses,
          (after.passSeconds() - before.passSeconds()) * 1000 / steadyPasses);
      printSteadyState(stacks, before.calls(), after.calls(), steadyPasses, cpu);
      String highestSteady = memory(operator.pid(), "VmHWM");
      double steadyLooks = after.looks() - before.looks();
      System.out.printf("drift watch at steady state: %.0f looks, %.2f s each on average%n", steadyLooks,
          (after.lookSeconds() - before.lookSeconds()) / steadyLooks);

      int victims = Math.min(stacks, DRIFT_SAMPLES);
      double longestRepair = 0;
      for (int victim = 0; victim < victims; victim++) {
        longestRepair = Math.max(longestRepair, repairDrift(client, aws, "bench-" + victim, resync));
      }
      System.out.printf("drift repaired: the longest of %d, %.1f s%n", victims, longestRepair);

      long pid = operator.pid();
      String asItRuns = memory(pid, "VmRSS") + " (its highest, " + memory(pid, "VmHWM") + ")";
      String heap = run("jcmd", String.valueOf(pid), "GC.run") + run("jcmd", String.valueOf(pid), "GC.heap_info");
      String afterGc = memory(pid, "VmRSS");
      operator.destroy();
      operator.waitFor();

      System.out.printf("operator RSS as it runs %s; after a full GC %s, heap used %d KiB%n", asItRuns, afterGc,
          heapUsedKib(heap));
      System.out.printf("operator RSS at its highest by the end of the creation %s, of the steady state %s%n",
          highestCreating, highestSteady);

      Restart restart = restart(kubeconfig, moto, port, resync, stacks);
      System.out.printf("restart, from the JVM's start: ready (/readyz) %.1f s, first reconcile begun %.1f s, first "
          + "AWS call answered %.1f s, first pass done %.1f s, a pass for every stack %.1f s; EC2 calls at most %.1f a "
          + "second over 5 s (the limiter allows %d reads a second)%n", restart.readySeconds(),
          restart.firstReconcileSeconds(), restart.firstCallSeconds(), restart.firstPassSeconds(),
          restart.fullRoundSeconds(), restart.busiestEc2Rate(), CallRates.DEFAULT_READS_PER_SECOND);
      System.out.println("AWS calls until every stack had a pass after the restart, by service: "
          + restart.callsByService() + "; until the first pass ended: " + restart.callsByFirstPass());
      System.out.printf("CPU after the restart: moto %.1f s until the first pass ended, %.1f s until every stack "
          + "had one (S3's moto %.1f s of it; a moto busy 1 s a second is the limit); the operator %.1f s from its "
          + "start (two cores here)%n", restart.motoSecondsByFirstPass(), restart.motoSeconds(),
          restart.s3MotoSeconds(), restart.operatorSeconds());
      printRestartsAgain(kubeconfig, moto, port, resync, stacks, restarts - 1);
      System.out.println("operator JVM: " + jvmEnvironment());
    }
    System.exit(0);
  }

  /**
   * Restarts the operator {@code times} times more and prints the figures that vary most from one
   * restart to the next: one restart is one sample of a machine whose speed varies by the minute.
   */
  private static void printRestartsAgain(Path kubeconfig, Emulators moto, int port, Duration resync, int stacks,
      int times) throws Exception {
    List<Restart> again = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      again.add(restart(kubeconfig, moto, port, resync, stacks));
    }
    if (!again.isEmpty()) {
      System.out.printf("restarted %d times more: ready %s s, first reconcile begun %s s, first pass done %s s, a "
          + "pass for every stack %s s; CPU until then: moto %s s, the operator %s s%n", times,
          each(again, Restart::readySeconds), each(again, Restart::firstReconcileSeconds),
          each(again, Restart::firstPassSeconds), each(again, Restart::fullRoundSeconds),
          each(again, Restart::motoSeconds), each(again, Restart::operatorSeconds));
    }
  }

  private static String each(List<Restart> restarts, ToDoubleFunction<Restart> figure) {
    return restarts.stream().map(restart -> String.format("%.1f", figure.applyAsDouble(restart)))
        .collect(Collectors.joining(", "));
  }

  private record Restart(double readySeconds, double firstReconcileSeconds, double firstCallSeconds,
      double firstPassSeconds, double fullRoundSeconds, double busiestEc2Rate, Map<String, Long> callsByService,
      Map<String, Long> callsByFirstPass, double motoSecondsByFirstPass, double motoSeconds, double s3MotoSeconds,
      double operatorSeconds) {}

  /** moto for every service but S3, and one for S3 alone. */
  private record Emulators(MotoServer rest, MotoServer s3) {
    long cpuTicks() throws IOException {
      return s3CpuTicks() + ScaleBenchmark.cpuTicks(rest.pid());
    }

    long s3CpuTicks() throws IOException {
      return ScaleBenchmark.cpuTicks(s3.pid());
    }
  }

  /**
   * A new operator process: when it is ready, begins its first reconcile, has its first AWS call
   * answered, ends its first pass, and when every stack had one; its highest rate of EC2 calls; its
   * calls and moto's CPU until the first pass ended and until every stack had one, and its own CPU
   * until then.
   */
  private static Restart restart(Path kubeconfig, Emulators moto, int port, Duration resync, int stacks)
      throws Exception {
    long started = System.nanoTime();
    long motoTicks = moto.cpuTicks();
    long s3MotoTicks = moto.s3CpuTicks();
    Process again = start(kubeconfig, moto, port, resync);
    Map<Long, Double> ec2Calls = new TreeMap<>(Map.of(started, 0.0)); // a new process has made no call
    double ready = -1;
    double firstReconcile = -1;
    double firstCall = -1;
    double firstPass = -1;
    Map<String, Long> callsByFirstPass = Map.of();
    long motoTicksByFirstPass = 0;
    // One scrape a poll: the operator answering many would spend on them what the round is measured in.
    for (Metrics metrics = Metrics.of(port); alive(again) && metrics.passes() < stacks; metrics = Metrics.of(port)) {
      double now = (System.nanoTime() - started) / 1e9;
      ready = ready < 0 && ready(port) ? now : ready;
      firstReconcile = firstReconcile < 0 && metrics.reconcilesBegun() > 0 ? now : firstReconcile;
      firstCall = firstCall < 0 && metrics.callsSoFar(call -> true).orElse(0.0) > 0 ? now : firstCall;
      if (firstPass < 0 && metrics.passes() >= 1) {
        firstPass = now;
        callsByFirstPass = callsByService(metrics.calls());
        motoTicksByFirstPass = moto.cpuTicks() - motoTicks;
      }
      metrics.callsSoFar(call -> call.startsWith("Ec2 ")).ifPresent(calls -> ec2Calls.put(System.nanoTime(), calls));
      if (System.nanoTime() - started > Duration.ofMinutes(10).toNanos()) {
        throw new IllegalStateException("no full round within 10 min of the restart");
      }
      Thread.sleep(100); // a benchmark polls
    }
    double fullRound = (System.nanoTime() - started) / 1e9;
    Map<String, Long> byService = callsByService(Metrics.of(port).calls());
    long motoTicksByFullRound = moto.cpuTicks() - motoTicks;
    long s3MotoTicksByFullRound = moto.s3CpuTicks() - s3MotoTicks;
    long operatorTicks = cpuTicks(again.pid());
    again.destroy();
    again.waitFor();
    return new Restart(ready, firstReconcile, firstCall, firstPass < 0 ? fullRound : firstPass, fullRound,
        busiestRate(ec2Calls), byService, callsByFirstPass, motoTicksByFirstPass / 100.0, motoTicksByFullRound / 100.0,
        s3MotoTicksByFullRound / 100.0, operatorTicks / 100.0);
  }

  private static Map<String, Long> callsByService(Map<String, Double> calls) {
    return new TreeMap<>(calls.entrySet().stream().collect(Collectors.groupingBy(
        call -> call.getKey().split(" ")[0], Collectors.summingLong(call -> Math.round(call.getValue())))));
  }

  /**
   * The highest rate of calls a second over any five seconds, from samples of a running total taken
   * every 100 ms or so. Five, not one: a scrape the busy operator answers late would skew a
   * one-second window by most of its length. Calls made within less than five seconds (a short
   * round, or its beginning) count over five seconds.
   */
  private static double busiestRate(Map<Long, Double> totals) {
    List<Map.Entry<Long, Double>> samples = List.copyOf(totals.entrySet());
    long window = Duration.ofSeconds(5).toNanos();
    double busiest = 0;
    for (int from = 0, to = 0; to < samples.size(); to++) {
      while (from + 1 < to && samples.get(to).getKey() - samples.get(from + 1).getKey() >= window) {
        from++; // the shortest span of at least five seconds that ends here
      }
      long span = Math.max(window, samples.get(to).getKey() - samples.get(from).getKey());
      busiest = Math.max(busiest, (samples.get(to).getValue() - samples.get(from).getValue()) / (span / 1e9));
    }
    return busiest;
  }

  /**
   * Whether, during one resync, the operator made no write (it marks what it created the pass
   * after) and passed nine stacks in ten (the first passes after creating read what the stacks own).
   */
  private static boolean settled(int port, Duration resync, int stacks) throws Exception {
    Metrics before = Metrics.of(port);
    Thread.sleep(resync.toMillis()); // a benchmark: it watches the operator for a resync
    Metrics after = Metrics.of(port);
    return writes(after) == writes(before) && after.passes() - before.passes() >= 0.9 * stacks;
  }

  private static double writes(Metrics metrics) {
    return metrics.callsSoFar(call -> call.endsWith("(write)")).orElse(0.0);
  }

  /** The AWS calls a stack took to be made, by service, and the operations called most. */
  private static void printCreateCalls(Map<String, Double> calls, int stacks) {
    Map<String, String> byService = new TreeMap<>();
    callsByService(calls).forEach((service, total) -> byService.put(service,
        String.format("%.1f", (double) total / stacks)));
    String most = calls.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(5)
        .map(call -> String.format("%s %.1f", call.getKey(), call.getValue() / stacks))
        .collect(Collectors.joining(", "));
    System.out.printf("AWS calls a stack until all were Ready: %s; the most: %s%n", byService, most);
  }

  private static void printSteadyState(int stacks, Map<String, Double> before, Map<String, Double> after,
      double steadyPasses, String cpu) {
    System.out.printf("steady state, three resyncs: %.0f passes, %.2f a stack a resync (1 = resyncs keep up)%n",
        steadyPasses, steadyPasses / stacks / 3);
    double perPass = 0;
    double writes = 0;
    double bulkServices = 0;
    double ec2 = 0;
    System.out.println("AWS calls a stack a resync (a pass), steady state (operation: calls):");
    for (var entry : after.entrySet()) {
      double delta = entry.getValue() - before.getOrDefault(entry.getKey(), 0.0);
      if (delta > 0) {
        System.out.printf("  %-50s %.2f%n", entry.getKey(), delta / steadyPasses);
        perPass += delta / steadyPasses;
        bulkServices += entry.getKey().matches("(Ec2|Rds|CloudFront) .*") ? delta : 0;
        ec2 += entry.getKey().startsWith("Ec2 ") ? delta : 0;
        writes += entry.getKey().endsWith("(write)") ? delta : 0;
      }
    }
    System.out.printf("  %-50s %.2f%n", "all", perPass);
    System.out.printf("  %-50s %.2f%n", "EC2 + RDS + CloudFront", bulkServices / steadyPasses);
    System.out.printf("a resync for all stacks: EC2 + RDS + CloudFront %.1f calls, of them EC2 %.1f%n",
        bulkServices / 3, ec2 / 3);
    System.out.println("CPU at steady state: " + cpu);
    System.out.printf("writes at steady state (all stacks, three resyncs): %.0f%n", writes);
  }

  /**
   * Terminates {@code stack}'s API instance through the SDK and waits for its status to show a new
   * one Ready; prints when a pass first showed the loss (status not Ready) and the repair.
   *
   * @return seconds from the termination to the repair (the limit when not repaired within four resyncs)
   */
  private static double repairDrift(KubernetesClient client, AwsClients aws, String stack, Duration resync)
      throws InterruptedException {
    Resource<RockOfAges> resource = client.resources(RockOfAges.class).inNamespace(NAMESPACE).withName(stack);
    String instance = componentId(resource.get(), "api-instance");
    long terminated = System.nanoTime();
    aws.ec2(MotoServer.REGION).terminateInstances(r -> r.instanceIds(instance));
    double seen = Double.NaN;
    while (System.nanoTime() - terminated < resync.multipliedBy(4).toNanos()) {
      RockOfAges now = resource.get();
      double since = (System.nanoTime() - terminated) / 1e9;
      boolean replaced = !instance.equals(componentId(now, "api-instance"));
      if (Double.isNaN(seen) && (!now.getStatus().isReady() || replaced)) {
        seen = since;
      }
      if (now.getStatus().isReady() && replaced) {
        System.out.printf("drift repaired on %s (instance terminated -> a new one Ready): seen %.1f s, repaired "
            + "%.1f s%n", stack, seen, since);
        return since;
      }
      Thread.sleep(250); // a benchmark polls; tests wait on conditions
    }
    RockOfAges now = resource.get();
    System.out.printf("drift NOT repaired on %s within %d s (seen %.1f s); now: phase %s, components %s%n", stack,
        resync.multipliedBy(4).toSeconds(), seen, now.getStatus().getPhase(), now.getStatus().getComponents().stream()
            .map(c -> c.getName() + "=" + c.getState() + " " + c.getId() + " " + c.getMessage()).toList());
    return resync.multipliedBy(4).toSeconds();
  }

  /** A memory figure of the process from /proc/<pid>/status, such as VmRSS, in MiB. */
  private static String memory(long pid, String figure) throws IOException {
    return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith(figure + ":"))
        .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 + " MiB").orElse("?");
  }

  /** The used KiB of every heap generation or region jcmd's GC.heap_info lists (class metadata is not heap). */
  private static long heapUsedKib(String heapInfo) {
    return heapInfo.lines().filter(l -> !l.contains("Metaspace") && !l.contains("class space"))
        .map(USED::matcher).filter(Matcher::find).mapToLong(m -> Long.parseLong(m.group(1))).sum();
  }

  /** JAVA_TOOL_OPTIONS and MALLOC_ARENA_MAX as the operator's container in deploy/ sets them. */
  private static Map<String, String> jvmEnvironment() throws IOException {
    Deployment deployment = Serialization.unmarshal(Files.readString(Path.of("deploy/base/deployment.yaml")),
        Deployment.class);
    Map<String, String> env = new TreeMap<>();
    deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> Set.of("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX").contains(e.getName()))
        .forEach(e -> env.put(e.getName(), e.getValue()));
    return env;
  }

  /** User and system CPU a process used so far, in clock ticks (10 ms). */
  private static long cpuTicks(long pid) throws IOException {
    String[] fields = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst(".*\\) ", "").split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static Process start(Path kubeconfig, Emulators moto, int port, Duration resync) throws IOException {
    List<String> command = new ArrayList<>(ImageCommand.onThisMachine());
    command.add("run");
    // Appended: the restarted operator's lines follow the first one's, which the drift repairs are traced in.
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(OPERATOR_LOG.toFile()));
    Map<String, String> env = builder.environment();
    env.put("KUBECONFIG", kubeconfig.toString());
    env.putAll(moto.rest().environment());
    env.put("AWS_ENDPOINT_URL_S3", moto.s3().endpoint().toString());
    env.put("METRICS_PORT", String.valueOf(port));
    env.put("RESYNC_INTERVAL", resync.toSeconds() + "s");
    env.put("WATCH_NAMESPACES", NAMESPACE);
    env.put("LOG_LEVEL", "WARN");
    // The JDK client's HTTP/2 sometimes trips on the mock server; fabric8 7.5 reads this variable (not KUBERNETES_...).
    env.put("HTTP2_DISABLE", "true");
    env.putAll(jvmEnvironment());
    return builder.start();
  }

  /** One scrape of the operator's /metrics; empty while it serves none. */
  private record Metrics(String text) {
    static Metrics of(int port) {
      try {
        return new Metrics(get(port, "/metrics"));
      } catch (Exception e) {
        return new Metrics(""); // not serving yet
      }
    }

    /** Calls by "Service Operation (read|write)", as the operator counts them. */
    Map<String, Double> calls() {
      Map<String, Double> calls = new TreeMap<>();
      for (String line : text.lines().toList()) {
        Matcher sample = CALLS.matcher(line);
        if (sample.matches()) {
          Map<String, String> labels = labels(sample.group(1));
          calls.merge(labels.get("service") + " " + labels.get("operation") + ("true".equals(labels.get("mutating"))
              ? " (write)" : " (read)"), Double.parseDouble(sample.group(2)), Double::sum);
        }
      }
      return calls;
    }

    /** The calls so far whose "Service Operation" {@code which} takes; none while the operator serves no metrics. */
    Optional<Double> callsSoFar(Predicate<String> which) {
      return text.isEmpty() ? Optional.empty() : Optional.of(calls().entrySet().stream()
          .filter(e -> which.test(e.getKey())).mapToDouble(Map.Entry::getValue).sum());
    }

    double passes() {
      return sum(l -> l.startsWith("rockofages_passes_total{") && l.contains("kind=\"reconcile\""));
    }

    /** Reconciles JOSDK handed to the passes' threads so far (a pass begins as its thread takes it). */
    double reconcilesBegun() {
      return sum(l -> l.startsWith("operator_sdk_reconciliations_started_total"));
    }

    /** How long the operator's passes took so far, in seconds (JOSDK's reconcile timer). */
    double passSeconds() {
      return sum(l -> l.startsWith("operator_sdk_controllers_execution_reconcile_seconds_sum"));
    }

    /** The drift watch's looks so far, and how long they took in seconds. */
    double looks() {
      return sum(l -> l.startsWith(LOOKS + "_count"));
    }

    double lookSeconds() {
      return sum(l -> l.startsWith(LOOKS + "_sum"));
    }

    /** The sum of the samples whose lines {@code which} takes. */
    private double sum(Predicate<String> which) {
      return text.lines().filter(which).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .sum();
    }
  }

  private static boolean alive(Process operator) {
    if (!operator.isAlive()) {
      throw new IllegalStateException("the operator exited; see " + OPERATOR_LOG);
    }
    return true;
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
    file.toFile().deleteOnExit();
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
