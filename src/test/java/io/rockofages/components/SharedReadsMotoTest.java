package io.rockofages.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.SharedReads;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The stacks of one process share what they read of the VPC's network, of the API instances and of
 * the security groups while it is fresh: a second stack's steady pass reads none of it; whatever a
 * stack writes is forgotten, so the next reader sees AWS again.
 */
class SharedReadsMotoTest {
  private static final List<String> SHARED = List.of("DescribeVpcs", "DescribeInternetGateways",
      "DescribeRouteTables", "DescribeSubnets", "DescribeInstances", "DescribeSecurityGroups");

  @Test
  void aSecondStacksSteadyPassReadsNoneOfWhatTheFirstJustReadAndAWriteIsSeenByTheNextReader() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    AwsCallMeter meter = new AwsCallMeter();
    try (AwsClients aws = new AwsClients(moto.settings().withSharedReadsFor(Duration.ofHours(1)), meter)) {
      Passes first = new Passes(new StackId("shop", "one"), aws.forRegion(MotoServer.REGION));
      Passes second = new Passes(new StackId("shop", "two"), aws.forRegion(MotoServer.REGION));
      RockOfAgesSpec spec = Specs.minimal();
      first.reconcileUntilReady(spec);
      second.reconcileUntilReady(spec);
      first.reconcile(spec);

      meter.reset();
      PassResult steady = second.reconcile(spec);

      assertTrue(steady.allReady() && !steady.hasChanges(), steady.outcomes().toString());
      assertEquals(0, SHARED.stream().mapToLong(meter::count).sum(), meter.snapshot().toString());

      RockOfAgesSpec withSsh = Specs.minimal();
      withSsh.getApi().getSsh().setCidrs(List.of("203.0.113.0/24"));
      second.reconcileUntilReady(withSsh);
      meter.reset();
      first.reconcile(spec);
      assertEquals(1, meter.count("DescribeSecurityGroups"), "the second stack's change is read again: "
          + meter.snapshot());
      assertEquals(0, meter.count("DescribeInstances"), "what nobody changed is still shared");
    }
  }

  @Test
  void anObservationServesUntilItsWindowEndsOrSomeoneForgetsIt() {
    MutableClock clock = new MutableClock();
    SharedReads shared = new SharedReads(Duration.ofSeconds(5), clock);
    AtomicInteger reads = new AtomicInteger();

    shared.get("network", "vpc", reads::incrementAndGet);
    clock.advance(Duration.ofSeconds(4));
    shared.get("network", "vpc", reads::incrementAndGet);
    assertEquals(1, reads.get(), "fresh for 5 s");
    clock.advance(Duration.ofSeconds(1));
    shared.get("network", "vpc", reads::incrementAndGet);
    assertEquals(2, reads.get(), "read again once the window is over");
    shared.forget("network");
    assertEquals(3, shared.get("network", "vpc", reads::incrementAndGet), "read again after a change");
    assertEquals(4, SharedReads.NONE.get("network", "vpc", reads::incrementAndGet), "NONE keeps nothing");
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-26T21:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
