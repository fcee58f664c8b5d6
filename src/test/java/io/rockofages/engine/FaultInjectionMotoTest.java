package io.rockofages.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.AwsSettings;
import io.rockofages.testing.Census;
import io.rockofages.testing.FaultProxy;
import io.rockofages.testing.FaultProxy.Fault;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole stack against moto through a {@link FaultProxy}: the process killed just before or just
 * after every write of a full create and of a destroy, and every write's answer lost once (the SDK
 * retries it). Each case must end with exactly one of each resource, nothing left after destroy, and
 * no more than three times the calls of a clean run.
 */
class FaultInjectionMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private static final Map<String, String> FILES = Map.of("index.html", "<h1>Rock</h1>", "app.js", "1");
  private static final int MAX_PASSES = 12;
  private static final int UNRELIABLE_PASSES = 40;
  private static final List<Fault> FAULTS = List.of(Fault.KILL_BEFORE, Fault.KILL_AFTER, Fault.LOSE_ANSWER);
  private static FaultProxy proxy;
  private static AwsCallMeter meter;
  private static AwsClients clients;
  private static Passes passes;

  @BeforeAll
  static void connect() {
    proxy = FaultProxy.forMoto();
    meter = new AwsCallMeter();
    clients = new AwsClients(proxy.settings(AwsSettings.DEFAULT_MAX_ATTEMPTS), meter, List.of(proxy.labels()));
    passes = new Passes(STACK, clients.forRegion(MotoServer.REGION)).withSiteContent(FILES);
  }

  @AfterAll
  static void disconnect() {
    clients.close();
    proxy.close();
  }

  /** What a clean create and destroy cost: mutating executions of each, and AWS calls in all. */
  private record Baseline(int createWrites, int destroyWrites, long calls) {}

  private static Baseline baseline;

  /** The clean run, measured once: it is the same for every case. */
  private static synchronized Baseline clean() {
    if (baseline == null) {
      baseline = measureCleanRun();
    }
    return baseline;
  }

  private static Baseline measureCleanRun() {
    MotoServer.get().reset();
    proxy.script(call -> Fault.NONE).restart().resetCount();
    meter.reset();
    RockOfAgesSpec spec = Specs.fullStack();
    run(passes::reconcile, PassResult::allReady, spec);
    int createWrites = proxy.mutatingExecutions();
    proxy.resetCount();
    run(passes::destroy, PassResult::allGone, spec);
    return new Baseline(createWrites, proxy.mutatingExecutions(), meter.total());
  }

  @TestFactory
  Stream<DynamicTest> aKillOrALostAnswerAtAnyWriteLeavesOneOfEachAndNothingAfterDestroy() {
    Baseline baseline = clean();
    assertTrue(baseline.createWrites() > 10, "the clean create writes: " + baseline);
    System.out.printf("clean run: %d writes to create, %d to destroy, %d calls in all%n", baseline.createWrites(),
        baseline.destroyWrites(), baseline.calls());
    List<DynamicTest> cases = new ArrayList<>();
    for (Fault fault : FAULTS) {
      for (int write = 0; write < baseline.createWrites(); write++) {
        int at = write;
        cases.add(DynamicTest.dynamicTest("create, write " + at + ": " + fault, () -> faultInCreate(fault, at, baseline)));
      }
      for (int write = 0; write < baseline.destroyWrites(); write++) {
        int at = write;
        cases.add(DynamicTest.dynamicTest("destroy, write " + at + ": " + fault, () -> faultInDestroy(fault, at, baseline)));
      }
    }
    return cases.stream();
  }

  /**
   * Throttling, 5xx and slow answers on a share of all attempts (reads too), at random but
   * repeatably: the stack still comes up and goes away completely, within three times the calls of
   * a clean run.
   */
  @ParameterizedTest(name = "{0}% of attempts throttled, failing or slow")
  @ValueSource(ints = {20, 50})
  void throttlingServerErrorsAndSlowAnswersSlowTheStackDownButLeaveNothingBehind(int percent) {
    Baseline baseline = clean();
    MotoServer.get().reset();
    meter.reset();
    Random random = new Random(percent);
    List<Fault> kinds = List.of(Fault.THROTTLE, Fault.SERVER_ERROR, Fault.SLOW);
    proxy.restart().resetCount().script(call -> random.nextInt(100) < percent
        ? kinds.get(random.nextInt(kinds.size())) : Fault.NONE);
    RockOfAgesSpec spec = Specs.fullStack();
    run(passes::reconcile, PassResult::allReady, spec, UNRELIABLE_PASSES);
    assertEquals(oneOfEach(), Census.of(STACK), "after the create");
    run(passes::destroy, PassResult::allGone, spec, UNRELIABLE_PASSES);
    assertEquals(nothingLeft(), Census.of(STACK), "after the destroy");
    assertTrue(proxy.faulted().size() > 10, "faults were injected: " + proxy.faulted().size());
    System.out.printf("%d%% faulty: %d attempts faulted, %d calls (clean run: %d)%n", percent, proxy.faulted().size(),
        meter.total(), baseline.calls());
    assertTrue(meter.total() <= 3 * baseline.calls(), meter.total() + " calls; a clean run makes " + baseline.calls());
  }

  private static void faultInCreate(Fault fault, int write, Baseline baseline) {
    MotoServer.get().reset();
    meter.reset();
    proxy.restart().resetCount().script(call -> call.mutatingIndex() == write && call.attempt() == 1 ? fault : Fault.NONE);
    RockOfAgesSpec spec = Specs.fullStack();
    run(passes::reconcile, PassResult::allReady, spec);
    assertEquals(1, proxy.faulted().stream().filter(c -> c.mutatingIndex() == write).count(), "the fault happened");
    assertEquals(oneOfEach(), Census.of(STACK), "after the create");
    proxy.script(call -> Fault.NONE);
    run(passes::destroy, PassResult::allGone, spec);
    assertEquals(nothingLeft(), Census.of(STACK), "after the destroy");
    assertTrue(meter.total() <= 3 * baseline.calls(), meter.total() + " calls; a clean run makes " + baseline.calls());
  }

  private static void faultInDestroy(Fault fault, int write, Baseline baseline) {
    MotoServer.get().reset();
    meter.reset();
    proxy.restart().script(call -> Fault.NONE);
    RockOfAgesSpec spec = Specs.fullStack();
    run(passes::reconcile, PassResult::allReady, spec);
    proxy.resetCount().script(call -> call.mutatingIndex() == write && call.attempt() == 1 ? fault : Fault.NONE);
    run(passes::destroy, PassResult::allGone, spec);
    assertFalse(proxy.faulted().isEmpty(), "the fault happened");
    assertEquals(nothingLeft(), Census.of(STACK), "after the destroy");
    assertTrue(meter.total() <= 3 * baseline.calls(), meter.total() + " calls; a clean run makes " + baseline.calls());
  }

  /** Passes until {@code done}, each one a new process: a kill in one pass does not reach the next. */
  private static PassResult run(Function<RockOfAgesSpec, PassResult> pass, Predicate<PassResult> done,
      RockOfAgesSpec spec) {
    return run(pass, done, spec, MAX_PASSES);
  }

  private static PassResult run(Function<RockOfAgesSpec, PassResult> pass, Predicate<PassResult> done,
      RockOfAgesSpec spec, int maxPasses) {
    PassResult last = null;
    for (int i = 0; i < maxPasses; i++) {
      proxy.restart();
      last = pass.apply(spec);
      PassResult result = last;
      // A killed process's last words are not a verdict; any other stall is.
      last.stall().filter(stall -> !proxy.killed()).ifPresent(stall -> {
        throw new AssertionError("stalled: " + stall + "\nfaulted: " + proxy.faulted() + "\n" + result.outcomes());
      });
      if (done.test(last)) {
        return last;
      }
    }
    throw new AssertionError("not done after " + maxPasses + " passes: " + last.outcomes() + "\nfaulted: "
        + proxy.faulted());
  }

  private static Map<String, Integer> oneOfEach() {
    return counts(1, 1);
  }

  /** The network is shared by every stack of the VPC: its gateway and route stay. */
  private static Map<String, Integer> nothingLeft() {
    return counts(0, 1);
  }

  /** {@code each} of every kind the stack owns (two security groups), {@code shared} of the network's. */
  private static Map<String, Integer> counts(int each, int shared) {
    return Map.ofEntries(Map.entry("instance", each), Map.entry("security-group", 2 * each),
        Map.entry("db-instance", each), Map.entry("db-subnet-group", each), Map.entry("bucket", each),
        Map.entry("distribution", each), Map.entry("oac", each), Map.entry("role", each),
        Map.entry("instance-profile", each), Map.entry("secret", each), Map.entry("gateway", shared),
        Map.entry("route", shared));
  }
}
