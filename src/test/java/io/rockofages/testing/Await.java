package io.rockofages.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits, through Awaitility, until a condition holds, for tests that watch an operator work in the
 * background; on a timeout it says what was last seen, which Awaitility's own message does not.
 */
public final class Await {
  private Await() {}

  public static final Duration DEFAULT = Duration.ofSeconds(30);

  public static <T> T until(String what, Supplier<T> read, Predicate<T> done) {
    return until(what, read, done, String::valueOf);
  }

  /** @param describe how to show the last value read when the wait times out */
  public static <T> T until(String what, Supplier<T> read, Predicate<T> done, Function<T, String> describe) {
    AtomicReference<T> last = new AtomicReference<>();
    try {
      // Polled as a boolean: Awaitility's value-and-predicate form never matches a null value (a deleted object).
      Awaitility.await(what).atMost(DEFAULT).pollInterval(Duration.ofMillis(100)).until(() -> {
        last.set(read.get());
        return done.test(last.get());
      });
      return last.get();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out waiting for " + what + "; last: " + describe.apply(last.get()), e);
    }
  }
}
