package io.rockofages.bench;

import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.util.Arrays;

/**
 * Prints what one resync of a ready stack costs: wall time per pass (against moto on loopback, so
 * mostly our own overhead plus moto's), AWS calls per pass, and heap after the run. Not a test:
 * run it with
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.rockofages.bench.PassBenchmark}
 * (optional argument: number of passes, default 200).
 */
public final class PassBenchmark {
  private PassBenchmark() {}

  public static void main(String[] args) {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    MotoServer moto = MotoServer.get();
    moto.reset();
    AwsCallMeter meter = new AwsCallMeter();
    try (AwsClients clients = moto.clients(meter)) {
      Passes driver = new Passes(new StackId("bench", "rock"), clients.forRegion(MotoServer.REGION));
      var spec = Specs.minimal();
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
