package io.rockofages.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Observations every stack of a process shares (what a VPC's network looks like), each read once
 * and then served for {@code freshFor}: the many stacks of one VPC cost one set of reads per window
 * instead of one each. Whoever changes what an observation describes forgets it, so the next reader
 * sees AWS again. With a zero window (the CLI, tests against the emulator) nothing is kept.
 */
public final class SharedReads {
  public static final SharedReads NONE = new SharedReads(Duration.ZERO, Clock.systemUTC());

  private record Observation(Object value, Instant readAt) {}

  private final Duration freshFor;
  private final Clock clock;
  private final Map<String, Observation> observations = new ConcurrentHashMap<>();

  public SharedReads(Duration freshFor, Clock clock) {
    this.freshFor = freshFor;
    this.clock = clock;
  }

  /** The observation under {@code key} while fresh, else {@code read} (kept for the next reader). */
  public <T> T get(String key, Class<T> type, Supplier<T> read) {
    if (freshFor.isZero()) {
      return read.get();
    }
    Instant now = clock.instant();
    Observation kept = observations.get(key);
    if (kept != null && now.isBefore(kept.readAt().plus(freshFor))) {
      return type.cast(kept.value());
    }
    T value = read.get();
    observations.put(key, new Observation(value, now));
    return value;
  }

  /** After a change to what {@code key} describes: the next reader reads AWS. */
  public void forget(String key) {
    observations.remove(key);
  }
}
