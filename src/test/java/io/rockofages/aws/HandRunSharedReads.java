package io.rockofages.aws;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Shared reads whose reads ahead wait in a list until the test runs them, for tests outside this package. */
public final class HandRunSharedReads {
  private HandRunSharedReads() {}

  /** Observations kept for a 5 s look and a 15 s round; each read ahead is added to {@code waiting}. */
  public static SharedReads queuingIn(List<Runnable> waiting) {
    return queuingIn(waiting, Clock.systemUTC());
  }

  /** As {@link #queuingIn(List)}, on a clock the test moves. */
  public static SharedReads queuingIn(List<Runnable> waiting, Clock clock) {
    return new SharedReads(new SharedReads.Windows(Duration.ofSeconds(5), Duration.ofSeconds(15)), clock,
        waiting::add);
  }
}
