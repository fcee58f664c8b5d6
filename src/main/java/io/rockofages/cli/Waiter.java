package io.rockofages.cli;

import io.rockofages.aws.AwsClients;
import io.rockofages.engine.PassResult;
import io.rockofages.engine.Timing;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Runs passes until done, stalled or out of time; sleeps between them as the operator would requeue. */
final class Waiter {
  private final Duration timeout;
  private final Duration interval;

  Waiter(Duration timeout, Duration interval) {
    this.timeout = timeout;
    this.interval = interval;
  }

  /**
   * The last pass; {@code done} tells whether it finished. From the deadline on, {@code clients}
   * start no AWS call, so a pass in progress ends within seconds instead of running to its end.
   */
  PassResult run(AwsClients clients, Supplier<PassResult> pass, Predicate<PassResult> done, Report report) {
    Instant started = Instant.now();
    Instant deadline = started.plus(timeout);
    clients.deadline().set(deadline);
    Timing timing = new Timing(interval, interval, interval.multipliedBy(3), interval);
    while (true) {
      PassResult result = pass.get();
      report.progress(result);
      Duration left = Duration.between(Instant.now(), deadline);
      if (done.test(result) || result.stall().isPresent() || left.isNegative()) {
        return result;
      }
      sleep(min(timing.next(result, Duration.between(started, Instant.now())), left));
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
