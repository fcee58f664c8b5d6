package io.rockofages.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Observations every stack of a process shares (what a VPC's network looks like, every database of
 * a region), each read once and then served for {@code freshFor}: the many stacks of one account
 * cost one set of reads per window instead of one each. What rarely changes once confirmed (a
 * resource's ownership tags) is kept for {@link #CONFIRMED_FOR}. Whoever changes what an
 * observation describes forgets it, so the next reader sees AWS again. With a zero window (the CLI,
 * tests against the emulator) nothing is kept.
 */
public final class SharedReads {
  public static final SharedReads NONE = new SharedReads(Duration.ZERO, Clock.systemUTC());
  /** How long a confirmed fact is not read again: a tag removed outside shows within this. */
  public static final Duration CONFIRMED_FOR = Duration.ofMinutes(10);

  private record Observation(Object value, Instant until) {}

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
  public <T> T get(String component, String key, Supplier<T> read) {
    return kept(component, key, freshFor, read, value -> true);
  }

  /**
   * One of {@code component}'s resources in {@code scope} by its id: from one listing of every one
   * ({@code listEvery}) while it is fresh when shared, else by {@code readOne} (which may throw
   * AWS's "not found").
   */
  public <T> Optional<T> oneOf(String component, String scope, String id, Supplier<List<T>> listEvery,
      Function<T, String> idOf, Supplier<Optional<T>> readOne) {
    return on() ? Optional.ofNullable(every(component, scope, listEvery, idOf).get(id)) : readOne.get();
  }

  /** Every one of {@code component}'s resources in {@code scope} by id, from one listing while it is fresh. */
  public <T> Map<String, T> every(String component, String scope, Supplier<List<T>> listEvery,
      Function<T, String> idOf) {
    return get(component, "every in " + scope, () -> listEvery.get().stream()
        .collect(Collectors.toMap(idOf, resource -> resource, (first, second) -> first)));
  }

  /**
   * What {@code read} answers, kept for {@link #CONFIRMED_FOR} when {@code confirms} accepts it
   * (an answer that does not confirm is read again next time).
   */
  public <T> T confirmed(String component, String key, Supplier<T> read, Predicate<T> confirms) {
    return kept(component, key, CONFIRMED_FOR, read, confirms);
  }

  @SuppressWarnings("unchecked")
  private <T> T kept(String component, String key, Duration window, Supplier<T> read, Predicate<T> worthKeeping) {
    if (!on()) {
      return read.get();
    }
    String fullKey = component + " " + key;
    Instant now = clock.instant();
    Observation kept = observations.get(fullKey);
    if (kept != null && now.isBefore(kept.until())) {
      return (T) kept.value();
    }
    T value = read.get();
    if (worthKeeping.test(value)) {
      observations.values().removeIf(old -> !now.isBefore(old.until()));
      observations.put(fullKey, new Observation(value, now.plus(window)));
    }
    return value;
  }

  /** After {@code component} changed (or may have changed) AWS: its next reader reads AWS. */
  public void forget(String component) {
    observations.keySet().removeIf(key -> key.startsWith(component + " "));
  }
}
