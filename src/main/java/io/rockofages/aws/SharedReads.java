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

  /** Whether observations are shared at all: then a component may read for every stack at once. */
  public boolean on() {
    return !freshFor.isZero();
  }

  /**
   * The observation of {@code component}'s resources under {@code key} while fresh, else
   * {@code read} (kept for the next reader). The same key must always be read as the same type.
   */
  @SuppressWarnings("unchecked")
  public <T> T get(String component, String key, Supplier<T> read) {
    if (!on()) {
      return read.get();
    }
    String fullKey = component + " " + key;
    Instant now = clock.instant();
    Observation kept = observations.get(fullKey);
    if (kept != null && now.isBefore(kept.readAt().plus(freshFor))) {
      return (T) kept.value();
    }
    T value = read.get();
    observations.put(fullKey, new Observation(value, now));
    return value;
  }

  /** After {@code component} changed (or may have changed) AWS: its next reader reads AWS. */
  public void forget(String component) {
    observations.keySet().removeIf(key -> key.startsWith(component + " "));
  }
}
