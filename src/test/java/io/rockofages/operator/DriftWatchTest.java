package io.rockofages.operator;

import io.rockofages.api.ComponentStatus;
import io.rockofages.api.RockOfAges;
import io.rockofages.testing.Await;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.OperatorHarness;
import io.rockofages.testing.Specs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With reads shared, as in {@code rockofages run}, a change made in AWS starts the stack's pass
 * at the drift watch's next look (every 5 s here), not at its resync (an hour here, and JOSDK's
 * own maximum interval is a fifth above it). Which stacks a look names is {@code SharedReadsMotoTest}'s.
 */
class DriftWatchTest {
  private static final String NAMESPACE = "shop";

  @Test
  void anInstanceTerminatedOutsideIsReplacedLongBeforeTheResync() {
    try (OperatorHarness harness = OperatorHarness.sharingReads(Duration.ofHours(1), List.of())) {
      harness.client.resource(Specs.resource(NAMESPACE, "rock", Specs.minimal())).create();
      String instance = Await.until("Ready", () -> readyInstance(harness), Optional::isPresent).orElseThrow();

      harness.aws.ec2(MotoServer.REGION).terminateInstances(r -> r.instanceIds(instance));

      Await.until("a new instance Ready, within " + Await.DEFAULT.toSeconds() + " s", () -> readyInstance(harness),
          id -> id.isPresent() && !id.get().equals(instance));
    }
  }

  /** The API instance's id once the stack is Ready. */
  private static Optional<String> readyInstance(OperatorHarness harness) {
    RockOfAges stack = harness.client.resources(RockOfAges.class).inNamespace(NAMESPACE).withName("rock").get();
    return Optional.ofNullable(stack).map(RockOfAges::getStatus).filter(status -> status.isReady())
        .flatMap(status -> status.getComponents().stream().filter(c -> "api-instance".equals(c.getName()))
            .map(ComponentStatus::getId).findFirst());
  }
}
