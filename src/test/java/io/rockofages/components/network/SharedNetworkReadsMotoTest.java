package io.rockofages.components.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The stacks of one process share one observation of their VPC's network while it is fresh: a
 * second stack's pass reads none of it; a repair forgets it, so the next reader sees AWS again.
 */
class SharedNetworkReadsMotoTest {
  private static final List<String> NETWORK_READS = List.of("DescribeVpcs", "DescribeInternetGateways",
      "DescribeRouteTables", "DescribeSubnets");

  @Test
  void aSecondStackInTheVpcReadsNoneOfTheNetworkAndARepairIsSeenByTheNext() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    AwsCallMeter meter = new AwsCallMeter();
    try (AwsClients aws = new AwsClients(moto.settings().withSharedReadsFor(Duration.ofHours(1)), meter)) {
      Passes first = new Passes(new StackId("shop", "one"), aws.forRegion(MotoServer.REGION));
      Passes second = new Passes(new StackId("shop", "two"), aws.forRegion(MotoServer.REGION));

      PassResult repaired = first.reconcileUntilReady(Specs.minimal());
      meter.reset();
      PassResult sharing = second.reconcileUntilReady(Specs.minimal());

      assertTrue(repaired.outcome("network").isPresent());
      assertEquals("Ready", sharing.outcome("network").orElseThrow().state().name(),
          "the repair the first stack made is what the second one sees");
      assertEquals(0, NETWORK_READS.stream().mapToLong(meter::count).sum(), meter.snapshot().toString());
    }
  }

  @Test
  void anObservationServesUntilItsWindowEndsOrSomeoneForgetsIt() {
    MutableClock clock = new MutableClock();
    SharedReads shared = new SharedReads(Duration.ofSeconds(5), clock);
    AtomicInteger reads = new AtomicInteger();

    shared.get("vpc", Integer.class, reads::incrementAndGet);
    clock.advance(Duration.ofSeconds(4));
    shared.get("vpc", Integer.class, reads::incrementAndGet);
    assertEquals(1, reads.get(), "fresh for 5 s");
    clock.advance(Duration.ofSeconds(1));
    shared.get("vpc", Integer.class, reads::incrementAndGet);
    assertEquals(2, reads.get(), "read again once the window is over");
    shared.forget("vpc");
    assertEquals(3, shared.get("vpc", Integer.class, reads::incrementAndGet), "read again after a change");
    assertEquals(4, SharedReads.NONE.get("vpc", Integer.class, reads::incrementAndGet), "NONE keeps nothing");
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
