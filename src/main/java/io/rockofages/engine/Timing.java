package io.rockofages.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When the next pass should run. Something still creating comes back soon (sooner while it has
 * only just begun); a passing fault a little later; throttling later still; a stall or a ready
 * stack only at the resync interval, so a bad spec never turns into a hot retry loop.
 */
public record Timing(Duration progress, Duration retry, Duration throttled, Duration resync) {
  public static Timing defaults(Duration resync) {
    return new Timing(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60), resync);
  }

  public Timing withProgress(Duration newProgress) {
    return new Timing(newProgress, retry, throttled, resync);
  }

  /**
   * {@code interval} give or take a tenth, at random: stacks that started together (an operator
   * restart reconciles them all at once) drift apart instead of calling AWS in the same second forever.
   */
  public static Duration spread(Duration interval) {
    return Duration.ofMillis(Math.round(interval.toMillis() * ThreadLocalRandom.current().nextDouble(0.9, 1.1)));
  }

  /**
   * @param underWayFor how long the stack has been on its way (since it stopped being Ready, its
   *     deletion began, the command started): the follow-up of a pass that left work under way
   *     comes after as long again, from a quarter of {@link #progress} up to all of it, so what
   *     completes in seconds (a launch, a change in place) is seen within seconds, and what takes
   *     minutes (a database) costs two passes more, not a pass every quarter interval
   */
  public Duration next(PassResult pass, Duration underWayFor) {
    if (pass.stall().isPresent()) {
      return resync;
    }
    if (pass.throttled()) {
      return throttled;
    }
    if (failed(pass)) {
      return retry;
    }
    return underWay(pass) ? followUp(underWayFor) : resync;
  }

  private Duration followUp(Duration underWayFor) {
    Duration soonest = progress.dividedBy(4);
    Duration asLongAgain = underWayFor.compareTo(soonest) < 0 ? soonest : underWayFor;
    return asLongAgain.compareTo(progress) < 0 ? asLongAgain : progress;
  }

  /** Whether the pass left work under way (a launch, a deletion) that its follow-up within {@link #progress} checks. */
  public boolean underWay(PassResult pass) {
    boolean done = pass.mode() == PassResult.Mode.DESTROY ? pass.allGone() : pass.allReady();
    return !done && pass.stall().isEmpty() && !pass.throttled() && !failed(pass);
  }

  private static boolean failed(PassResult pass) {
    return pass.outcomes().stream().anyMatch(o -> o.error() != null);
  }
}
