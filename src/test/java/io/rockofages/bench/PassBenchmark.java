package io.rockofages.bench;

import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.SiteSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints what one resync of a ready stack costs: wall time per pass (against moto on loopback, so
 * mostly our own overhead plus moto's), AWS calls per pass, and heap after the run. Not a test:
 * run it with
 * {@code mvn -q test-compile && mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.rockofages.bench.PassBenchmark}
 * (two commands: exec.args would also reach the build's own exec step)
 * (optional arguments: number of passes, default 200; {@code full} for the whole stack with a
 * database and a site of 50 files instead of the API host alone), e.g. {@code -Dexec.args="200 full"}.
 */
public final class PassBenchmark {
  private PassBenchmark() {}

  public static void main(String[] args) {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    boolean full = args.length > 1 && "full".equals(args[1]);
    MotoServer moto = MotoServer.get();
    moto.reset();
    AwsCallMeter meter = new AwsCallMeter();
    try (AwsClients clients = moto.clients(meter)) {
      Passes driver = new Passes(new StackId("bench", "rock"), clients.forRegion(MotoServer.REGION));
      var spec = Specs.minimal();
      if (full) {
        spec.setDatabase(new DatabaseSpec());
        spec.setSite(new SiteSpec());
        spec.getSite().setContentFrom(new SiteSpec.ContentSource());
        spec.getSite().getContentFrom().setConfigMapRef(new SiteSpec.NameRef("files"));
        Map<String, String> files = new TreeMap<>();
        for (int i = 0; i < 50; i++) {
          files.put("page-" + i + ".html", "<p>" + "rock ".repeat(200) + i + "</p>");
        }
        driver.withSiteContent(files);
      }
      long start = System.nanoTime();
      driver.reconcileUntilReady(spec);
      double createMs = (System.nanoTime() - start) / 1e6;
      long createCalls = meter.total();
      for (int i = 0; i < 20; i++) {
        driver.reconcile(spec); // warm-up
      }
      meter.reset();
      long[] nanos = new long[passes];
      for (int i = 0; i < passes; i++) {
        long t = System.nanoTime();
        PassResult result = driver.reconcile(spec);
        nanos[i] = System.nanoTime() - t;
        if (result.changedAws()) {
          throw new IllegalStateException("a no-op pass changed AWS: " + result.outcomes());
        }
      }
      Arrays.sort(nanos);
      Runtime rt = Runtime.getRuntime();
      System.gc();
      System.out.printf("stack: %s%n", full ? "network, API host, database, site (50 files) and CDN" : "network and API host");
      System.out.printf("create from scratch: %.0f ms, %d AWS calls%n", createMs, createCalls);
      System.out.printf("no-op pass (n=%d): p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", passes,
          nanos[passes / 2] / 1e6, nanos[(int) (passes * 0.95)] / 1e6, nanos[passes - 1] / 1e6);
      System.out.printf("AWS calls per no-op pass: %.1f (mutating: %d in total)%n",
          (double) meter.total() / passes, meter.mutatingCalls());
      System.out.printf("heap used after GC: %d MiB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
    System.exit(0);
  }
}
