package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.ComponentStatus;
import io.rockofages.api.RockOfAges;
import io.rockofages.aws.SharedReads;
import io.rockofages.testing.Await;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.MutableClock;
import io.rockofages.testing.OperatorHarness;
import io.rockofages.testing.PrometheusText;
import io.rockofages.testing.Specs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * With reads shared, as in {@code rockofages run}, a change made in AWS starts the stack's pass
 * at the drift watch's next look (every 5 s here), not at its resync (an hour here, and JOSDK's
 * own maximum interval is a fifth above it). Which stacks a look names is {@code SharedReadsMotoTest}'s.
 */
class DriftWatchTest {
  /** Its own: its operator's last writes to moto may land after the next test's reset, under this stack's tags. */
  private static final String NAMESPACE = "drift";

  @Test
  void anInstanceTerminatedOutsideIsReplacedLongBeforeTheResync() {
    try (OperatorHarness harness = OperatorHarness.sharingReads(Duration.ofHours(1), List.of())) {
      harness.client.resource(Specs.resource(NAMESPACE, "rock", Specs.minimal())).create();
      String instance = Await.until("Ready", () -> readyInstance(harness), Optional::isPresent).orElseThrow();

      harness.aws.ec2(MotoServer.REGION).terminateInstances(r -> r.instanceIds(instance));

      Await.until("a new instance Ready, within " + Await.DEFAULT.toSeconds() + " s", () -> readyInstance(harness),
          id -> id.isPresent() && !id.get().equals(instance));
      assertTrue(PrometheusText.sum(harness.metrics.render(), "rockofages_drift_watch_looks_seconds_count", Map.of())
          > 0, "the looks that found it are timed in /metrics");
    }
  }

  /**
   * The first passes after a start (or after the replica became the leader: JOSDK starts the watch
   * with the controller) observe every stack: the watch reads nothing until they are done.
   */
  @Test
  void theWatchBeginsTheStartRoundAndDoesNotLookInIt() {
    SharedReads shared = new SharedReads(new SharedReads.Windows(Duration.ofSeconds(5), Duration.ofSeconds(15)),
        new MutableClock());
    AtomicInteger reads = new AtomicInteger();
    List<Duration> looks = new ArrayList<>();
    DriftWatch watch = new DriftWatch(shared, stack -> { }, Duration.ofHours(1), Duration.ofMinutes(1), looks::add);
    watch.start();
    watch.stop();
    assertTrue(shared.inStartRound(), "begun as the watch started");
    shared.watched("api-instance", "in us-east-1", () -> List.of("i-" + Math.min(1, reads.incrementAndGet())),
        new SharedReads.Watch<>(instance -> NAMESPACE + "/rock", instance -> instance));

    watch.look();
    assertEquals(1, reads.get(), "the first pass's read only");
    assertEquals(List.of(), looks, "no look to time");
    shared.endStartRound();
    watch.look();
    assertEquals(2, reads.get(), "read again by the look");
    assertEquals(1, looks.size(), "the look timed (the metric rockofages_drift_watch_looks_seconds)");
  }

  /** The API instance's id once the stack is Ready. */
  private static Optional<String> readyInstance(OperatorHarness harness) {
    RockOfAges stack = harness.client.resources(RockOfAges.class).inNamespace(NAMESPACE).withName("rock").get();
    return Optional.ofNullable(stack).map(RockOfAges::getStatus).filter(status -> status.isReady())
        .flatMap(status -> status.getComponents().stream().filter(c -> "api-instance".equals(c.getName()))
            .map(ComponentStatus::getId).findFirst());
  }
}
