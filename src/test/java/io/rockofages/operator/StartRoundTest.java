package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.rockofages.api.RockOfAges;
import io.rockofages.aws.SharedReads;
import io.rockofages.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start round lasts until every stack the operator knows had a pass since it started, or a
 * resync after the last stack's first pass.
 */
class StartRoundTest {
  private final MutableClock clock = new MutableClock();
  private final SharedReads shared = new SharedReads(
      new SharedReads.Windows(Duration.ofSeconds(5), Duration.ofMinutes(10)), clock);
  private final ResourceID one = new ResourceID("one", "shop");
  private final ResourceID two = new ResourceID("two", "shop");
  private final ResourceID three = new ResourceID("three", "shop");
  private final StartRound round = new StartRound(shared);

  @BeforeEach
  void begin() {
    shared.beginStartRound(); // as the drift watch does when JOSDK starts it
  }

  @Test
  void theRoundEndsOnceEveryKnownStackHadAPass() {
    round.passed(one, stacks(one, two));
    round.passed(one, stacks(one, two));
    assertTrue(shared.inStartRound(), "one stack's two passes are not every stack's");
    round.passed(two, stacks(one, two, three));
    assertTrue(shared.inStartRound(), "a stack made meanwhile is waited for too");
    round.passed(three, stacks(one, two, three));
    assertFalse(shared.inStartRound());
  }

  @Test
  void aStackDeletedBeforeItsPassIsNotWaitedFor() {
    round.passed(one, stacks(one, two));
    round.passed(three, stacks(one, three));
    assertFalse(shared.inStartRound());
  }

  /**
   * A restart slower than a resync: the round goes on while stacks have their first passes, and ends
   * a resync after the last one when another stack's never comes.
   */
  @Test
  void theRoundLastsWhileStacksHaveTheirFirstPassesAndAResyncAfterTheLast() {
    clock.advance(Duration.ofMinutes(8));
    round.passed(one, stacks(one, two, three));
    clock.advance(Duration.ofMinutes(8));
    assertTrue(shared.inStartRound(), "over a resync since it began, within one of a stack's first pass");
    round.passed(two, stacks(one, two, three));
    clock.advance(Duration.ofMinutes(8));
    round.passed(one, stacks(one, two, three));
    clock.advance(Duration.ofMinutes(3));
    assertFalse(shared.inStartRound(), "a stack's second pass does not move the round on");
  }

  /** The operator's cache of RockOfAges, as far as the round looks at it: which stacks it holds. */
  private static Cache<RockOfAges> stacks(ResourceID... ids) {
    return new Cache<>() {
      @Override
      public Optional<RockOfAges> get(ResourceID id) {
        return Optional.empty();
      }

      @Override
      public Stream<ResourceID> keys() {
        return Set.of(ids).stream();
      }

      @Override
      public Stream<RockOfAges> list(Predicate<RockOfAges> predicate) {
        return Stream.empty();
      }
    };
  }
}
