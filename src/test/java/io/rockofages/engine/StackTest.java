package io.rockofages.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.aws.StackException;
import io.rockofages.components.StackCatalog;
import io.rockofages.testing.FakeComponent;
import io.rockofages.testing.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StackTest {
  private final FakeComponent.World world = new FakeComponent.World();

  private FakeComponent named(String name, String... dependsOn) {
    return FakeComponent.named(world, name, dependsOn);
  }

  @Test
  void dependenciesComeFirstAndDeclaredOrderIsKeptOtherwise() {
    Stack stack = new Stack(List.of(named("instance", "group", "network"),
        named("group", "network"), named("network"), named("bucket")));
    assertEquals(List.of("network", "group", "instance", "bucket"),
        stack.components().stream().map(Component::name).toList());
    assertEquals(List.of("bucket", "instance", "group", "network"),
        stack.teardownOrder().stream().map(Component::name).toList());
    assertEquals(List.of("instance"), stack.dependentsOf("group"));
  }

  @Test
  void cyclesAndUnknownDependenciesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Stack(List.of(named("a", "b"),
        named("b", "a"))));
    assertThrows(IllegalArgumentException.class, () -> new Stack(List.of(named("a", "ghost"))));
  }

  @Test
  void theCatalogStackIsNetworkThenGroupThenInstance() {
    assertEquals(List.of("network", "api-security-group", "api-role", "api-instance-profile", "api-instance"),
        StackCatalog.stackFor(Specs.minimal()).components().stream().map(Component::name).toList());
  }

  @Test
  void regionIsImmutableOnceRecorded() {
    assertEquals("eu-west-1", StackRegion.resolve("eu-west-1", null, "us-east-1"));
    assertEquals("us-east-1", StackRegion.resolve(null, null, "us-east-1"));
    assertEquals("eu-west-1", StackRegion.resolve(null, "eu-west-1", "us-east-1"), "recorded beats a new default");
    StackException moved = assertThrows(StackException.class, () -> StackRegion.resolve("eu-west-2", "eu-west-1", null));
    assertTrue(moved.getMessage().contains("immutable"));
    assertThrows(StackException.class, () -> StackRegion.resolve("", null, null));
  }

  @Test
  void timingNeverHotLoopsOnAStall() {
    Timing timing = Timing.defaults(Duration.ofSeconds(60));
    PassResult stalled = StatusAggregatorTest.pass(ComponentState.Failed, io.rockofages.aws.ErrorKind.INVALID, List.of());
    PassResult throttled = StatusAggregatorTest.pass(ComponentState.Failed, io.rockofages.aws.ErrorKind.THROTTLED,
        List.of());
    PassResult creating = StatusAggregatorTest.pass(ComponentState.Creating, null, List.of());
    PassResult ready = StatusAggregatorTest.pass(ComponentState.Ready, null, List.of());
    Duration justNow = Duration.ZERO;
    assertEquals(timing.resync(), timing.next(stalled, justNow));
    assertEquals(timing.throttled(), timing.next(throttled, justNow));
    assertEquals(timing.progress().dividedBy(4), timing.next(creating, justNow));
    assertEquals(timing.resync(), timing.next(ready, justNow));
    assertEquals(List.of(false, false, true, false), Stream.of(stalled, throttled, creating, ready)
        .map(timing::underWay).toList(), "only the creating pass leaves work under way to follow up");
    Timing sameIntervals = new Timing(timing.resync(), timing.resync(), timing.resync(), timing.resync());
    assertFalse(sameIntervals.underWay(ready), "under way by what the pass left, whatever the intervals");
  }

  @Test
  void aFollowUpComesAfterAsLongAsTheStackWasOnItsWayFromAQuarterOfTheProgressIntervalToAllOfIt() {
    Timing timing = Timing.defaults(Duration.ofSeconds(60));
    PassResult creating = StatusAggregatorTest.pass(ComponentState.Creating, null, List.of());
    assertEquals(List.of(2_500L, 2_500L, 4_000L, 10_000L, 10_000L), Stream.of(0, 1, 4, 10, 300)
        .map(seconds -> timing.next(creating, Duration.ofSeconds(seconds)).toMillis()).toList());
    Instant started = Instant.EPOCH;
    List<Long> followUps = new ArrayList<>();
    for (Instant now = started; now.isBefore(started.plusSeconds(60)); ) {
      followUps.add(now.getEpochSecond());
      now = now.plus(timing.next(creating, Duration.between(started, now)));
    }
    assertEquals(List.of(0L, 2L, 5L, 10L, 20L, 30L, 40L, 50L), followUps,
        "two passes more than a follow-up every progress interval, both in the first ten seconds");
  }

  @Test
  void resyncsAreSpreadByATenthEitherWaySoStacksStartedTogetherDriftApart() {
    Duration minute = Duration.ofSeconds(60);
    Set<Duration> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Duration spread = Timing.spread(minute);
      assertTrue(spread.compareTo(Duration.ofSeconds(54)) >= 0
          && spread.compareTo(Duration.ofSeconds(66)) <= 0, spread.toString());
      seen.add(spread);
    }
    assertTrue(seen.size() > 100, "spread at random, not to a few values: " + seen.size());
  }
}
