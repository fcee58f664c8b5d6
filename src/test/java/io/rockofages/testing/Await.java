package io.rockofages.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds, for tests that watch an operator work in the background. */
public final class Await {
  private Await() {}

  public static final Duration DEFAULT = Duration.ofSeconds(30);

  public static <T> T until(String what, Supplier<T> read, Predicate<T> done) {
    return until(what, read, done, String::valueOf);
  }

  /** @param describe how to show the last value read when the wait times out */
  public static <T> T until(String what, Supplier<T> read, Predicate<T> done, Function<T, String> describe) {
    Instant deadline = Instant.now().plus(DEFAULT);
    T last = null;
    while (Instant.now().isBefore(deadline)) {
      last = read.get();
      if (done.test(last)) {
        return last;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("timed out waiting for " + what + "; last: " + describe.apply(last));
  }
}
