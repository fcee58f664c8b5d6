package io.rockofages.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Observations every stack of a process shares (what a VPC's network looks like, every database of
 * a region), each read once and then served for a look (the drift watch's period): the many
 * stacks of one account cost one set of reads per window instead of one each. What seldom drifts
 * and no watch looks at (a VPC's network) is kept for a whole round, the resync. What rarely
 * changes once confirmed (a resource's ownership tags, what a stack owns) is kept for
 * {@link #CONFIRMED_FOR}. Whoever changes what an observation describes forgets it, so the next
 * reader sees AWS again; what a stack read of its own resources alone ({@link ForStack}) only that
 * stack's writes forget, and of a listing of every stack's resources a stack's write has only that
 * stack read its own part again ({@link ForStack#watchedOrOwn}). With zero windows (the CLI, tests
 * against the emulator) nothing is kept.
 *
 * <p>A pass names the shared reads it is going to make before it makes the first ({@link #readAhead}),
 * so that they are read together, not one after another while every pass waits for each.
 *
 * <p>Listings of every stack's resources can be <em>watched</em>: {@link #refresh} reads them again
 * and names the stacks whose part changed since its last look, so a driver can start their passes
 * at once instead of at their next resync; its answers serve the passes until its next.
 *
 * <p>A driver starting with many stacks may declare a <em>start round</em> ({@link #beginStartRound}):
 * until every stack had its first pass, each of which observes all the stack owns, what is read in
 * it serves to its end, so that the first passes share one read of each listing however long they
 * take, and no watch reads them again meanwhile.
 */
public final class SharedReads {
  private static final Logger LOG = LoggerFactory.getLogger(SharedReads.class);
  public static final SharedReads NONE = new SharedReads(Windows.NONE, Clock.systemUTC());
  /** How long a confirmed fact is not read again: a tag removed outside shows within this. */
  public static final Duration CONFIRMED_FOR = Duration.ofMinutes(10);
  /**
   * How many shared reads are made ahead at once: about one a service (EC2, RDS, IAM, CloudFront,
   * the tagging API); more would only queue at the services' rate limits.
   */
  private static final int READERS_AHEAD = 4;

  /**
   * How the watch tells which stack a listed resource belongs to (null: none) and what of it
   * matters (a change elsewhere, a timestamp AWS moves by itself, starts no pass).
   */
  public record Watch<T>(Function<T, String> stackOf, Function<T, ?> meaning) {
    private static final Watch<?> NONE = new Watch<>(resource -> null, resource -> resource);

    /** Stacks identified by their {@link Ownership#STACK_TAG}, the whole resource compared. */
    public static <T> Watch<T> byStackTag(Function<T, Map<String, String>> tags) {
      return new Watch<>(resource -> tags.apply(resource).get(Ownership.STACK_TAG), resource -> resource);
    }

    /** Not watched: the listing does not say whose a resource is (its passes still share it). */
    @SuppressWarnings("unchecked")
    public static <T> Watch<T> none() {
      return (Watch<T>) NONE;
    }
  }

  /**
   * How long an observation serves: {@code look}, the drift watch's period, for most; {@code round},
   * the resync, for what {@link #perRound} reads.
   */
  public record Windows(Duration look, Duration round) {
    public static final Windows NONE = new Windows(Duration.ZERO, Duration.ZERO);
  }

  /**
   * @param stack whose own resource it describes ({@link ForStack}); null: anyone's
   * @param startRound the start round it was read in, which it serves to the end of; 0: none
   * @param readFrom the count of forgets when its read began: a write counted after it may be missing from it
   * @param derived what {@link #derived} made of the value, by name
   */
  private record Observation(Object value, Instant until, String stack, long startRound, long readFrom,
      Map<String, Object> derived) {
    /**
     * An SDK response keeps the HTTP response it was read from, and through its body stream that
     * connection's 16 KiB of buffers, long after the connection closed: one kept per stack for
     * minutes is 3.4 MiB of heap at 200 stacks. So only the answer is kept.
     */
    Observation {
      value = value instanceof Optional<?> optional ? optional.map(Observation::withoutHttp) : withoutHttp(value);
    }

    Observation(Object value, Instant until, String stack, long startRound, long readFrom) {
      this(value, until, stack, startRound, readFrom, new ConcurrentHashMap<>());
    }

    /**
     * What {@code derive} makes of the listing this observes (an index of it), under {@code name},
     * which must always name the same derivation: made once for all its readers, so that each of N
     * stacks picking its own part costs a lookup, not a pass over the listing of every stack's
     * resources (N² for a round).
     */
    @SuppressWarnings("unchecked")
    <T, R> R derived(String name, Function<List<T>, R> derive) {
      return (R) derived.computeIfAbsent(name, n -> derive.apply((List<T>) value));
    }

    /** The listing this observes grouped by {@code keyOf} (entries it gives no key left out), as {@link #derived}. */
    <T> Map<String, List<T>> groupedBy(String grouping, Function<T, String> keyOf) {
      return derived(grouping, (List<T> listing) -> {
        Map<String, List<T>> byKey = new HashMap<>();
        for (T entry : listing) {
          String key = keyOf.apply(entry);
          if (key != null) {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
          }
        }
        byKey.replaceAll((key, entries) -> List.copyOf(entries)); // shared by every reader: none may change it
        return byKey;
      });
    }

    private static Object withoutHttp(Object value) {
      if (value instanceof SdkResponse response && response.sdkHttpResponse() != null) {
        return response.toBuilder().sdkHttpResponse(SdkHttpResponse.builder()
            .statusCode(response.sdkHttpResponse().statusCode()).build()).build();
      }
      return value;
    }
  }

  private record Forgotten(long count, Instant at) {}

  /**
   * A watched listing: what a stack's write of it is counted under (its component, or the listing
   * its components share), how to read it, what of it matters per stack, when a stack last asked
   * for it.
   */
  private static final class Watched {
    final String name;
    final Supplier<List<?>> read;
    final Function<List<?>, Map<String, Set<Object>>> byStack;
    volatile Instant askedAt;
    /**
     * Each stack's part as its passes last saw it, which a look is compared with ({@link #UNSEEN}
     * after its write); null until the first reader's. Guarded by this.
     */
    Map<String, Set<Object>> lastSeen;

    Watched(String name, Supplier<List<?>> read, Function<List<?>, Map<String, Set<Object>>> byStack,
        Instant askedAt) {
      this.name = name;
      this.read = read;
      this.byStack = byStack;
      this.askedAt = askedAt;
    }
  }

  /**
   * A stack's part of a watched listing after the stack wrote it: what its passes saw since is
   * their own read, not a look, so no look equals it, and the first look read after the write
   * starts its pass. Without it, what a stack made and lost between two looks (an instance
   * launched, then terminated outside) left two equal looks, and no pass until the resync.
   */
  private static final Set<Object> UNSEEN = Set.of(new Object());

  private final Duration freshFor;
  private final Duration round;
  private final Clock clock;
  private final Map<String, Observation> observations = new ConcurrentHashMap<>();
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();
  private final Map<String, Object> readers = new ConcurrentHashMap<>();
  /** For each component, the listings it reads with other components ({@link ForStack#watchedOrOwn}). */
  private final Map<String, Set<String>> listingsReadBy = new ConcurrentHashMap<>();
  /**
   * Forgets counted; the last of each name's observations (a component's, a listing's), and each
   * stack's last within {@link #CONFIRMED_FOR} ({@link #partOf}, {@link #forgottenSince}).
   */
  private final AtomicLong forgets = new AtomicLong();
  private final Map<String, Long> lastForgetOf = new ConcurrentHashMap<>();
  private final Map<String, Forgotten> forgottenAt = new ConcurrentHashMap<>();
  /** The last forget no longer in {@link #forgottenAt}: older than {@link #CONFIRMED_FOR}. Written under forgetting. */
  private volatile long forgottenThrough;
  /**
   * The listings {@link ForStack#watchedOrOwn} and {@link ForStack#oneOf} read: a stack's write
   * forgets only its own part of them.
   */
  private final Set<String> dividedByStack = ConcurrentHashMap.newKeySet();
  /** Held while a write forgets, and while a read's answer is kept: no answer lands between the two. */
  private final Object forgetting = new Object();
  /** The keys {@link ForStack#startFrom} served from status once: later they are read. */
  private final Set<String> startedFrom = ConcurrentHashMap.newKeySet();
  private final Instant startedAt;
  /** Start rounds begun, the last one's number. */
  private final AtomicLong startRounds = new AtomicLong();
  /** The end of the start round, at the latest; {@link Instant#MIN}: none. */
  private final AtomicReference<Instant> startRoundUntil = new AtomicReference<>(Instant.MIN);
  /** When each read ahead last started, by its label ({@link #readAhead}). */
  private final Map<String, Instant> aheadSince = new ConcurrentHashMap<>();
  private final Executor readersAhead;

  public SharedReads(Windows windows, Clock clock) {
    this(windows, clock, readersAhead());
  }

  /** @param readersAhead where {@link #readAhead} reads */
  SharedReads(Windows windows, Clock clock, Executor readersAhead) {
    this.freshFor = windows.look();
    this.round = windows.round();
    this.clock = clock;
    this.startedAt = clock.instant();
    this.readersAhead = readersAhead;
  }

  /** Idle between a process's start and the odd listing that expires: the threads end when unused. */
  private static Executor readersAhead() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(READERS_AHEAD, READERS_AHEAD, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "shared-read-ahead");
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Whether observations are shared at all: then a component may read for every stack at once. */
  public boolean on() {
    return !freshFor.isZero();
  }

  /**
   * Begins the start round, which ends when the driver says so ({@link #endStartRound}), or a round
   * after it began or last moved on ({@link #startRoundMovedOn}), whichever is later.
   */
  public void beginStartRound() {
    startRounds.incrementAndGet();
    startRoundUntil.set(clock.instant().plus(round));
  }

  /**
   * A stack had its first pass in the start round: the round lasts a round from now at least. A
   * round slower than a resync (a slow AWS, a busy emulator) is not cut short by the watch's looks,
   * which would read every listing again beside it and slow it down further.
   */
  public void startRoundMovedOn() {
    Instant now = clock.instant();
    startRoundUntil.updateAndGet(until -> now.isBefore(until) ? now.plus(round) : until);
  }

  /**
   * Every stack had its first pass: from now on what a look keeps serves a look.
   *
   * @return whether this call ended a round that was on (of callers at once, one is told so)
   */
  public boolean endStartRound() {
    Instant until = startRoundUntil.getAndSet(Instant.MIN);
    return on() && clock.instant().isBefore(until);
  }

  /** Whether the start round is on: the watch need not look, and a look's observations serve a round. */
  public boolean inStartRound() {
    return on() && clock.instant().isBefore(startRoundUntil.get());
  }

  /** How long what a look keeps serves now. */
  private Duration look() {
    return inStartRound() ? round : freshFor;
  }

  /**
   * The observation of {@code component}'s resources under {@code key} while fresh, else
   * {@code read} (kept for the next reader). The same key must always be read as the same type.
   */
  public <T> T get(String component, String key, Supplier<T> read) {
    return kept(component, key, null, look(), read, value -> true);
  }

  /**
   * Starts {@code read}, one of this object's reads that every stack shares (a listing of every
   * stack's resources, a VPC's network), on a thread of its own and returns at once, unless one
   * labelled {@code label} started within a look. A pass starts all it will need before it reads
   * the first: a process starting with hundreds of stacks then reads its listings together while
   * its passes wait, not one after another, and a pass that reaches a listing being read ahead
   * waits for that answer. A read ahead still waiting when anything is written is dropped: the
   * pass that asked reads what it needs itself, after the write, and nothing is read behind it. A
   * failure is left to the pass, which reads again and reports it. Only what a pass is sure to read
   * is worth reading ahead: anything else would be read for nothing.
   */
  public void readAhead(String label, Runnable read) {
    if (!on()) {
      return;
    }
    Instant now = clock.instant();
    Instant last = aheadSince.get(label);
    boolean due = last == null ? aheadSince.putIfAbsent(label, now) == null
        : !now.isBefore(last.plus(look())) && aheadSince.replace(label, last, now);
    if (due) {
      long askedAfter = forgets.get();
      readersAhead.execute(() -> {
        try {
          if (forgets.get() == askedAfter) {
            read.run();
          }
        } catch (RuntimeException e) {
          LOG.debug("{} could not be read ahead; the passes read it: {}", label, AwsErrors.describe(e));
        }
      });
    }
  }

  /** {@link #readAhead} for {@code listing}, as {@link #partOf} reads it. */
  public void readAhead(Listing<?> listing) {
    readAhead(listing.name() + " " + listing.scope(), () -> listed(listing));
  }

  /**
   * As {@link #get}, kept for a whole round: for what no watch looks at and seldom changes, so the
   * stacks of a round share one read however their passes spread over it.
   */
  public <T> T perRound(String component, String key, Supplier<T> read) {
    return kept(component, key, null, round, read, value -> true);
  }

  /**
   * As {@link #get}, for a listing of many stacks' resources that {@link #refresh} reads again; the
   * first answer is what the watch's first look compares with.
   */
  @SuppressWarnings("unchecked")
  public <T> List<T> watched(String component, String key, Supplier<List<T>> read, Watch<T> watch) {
    return on() ? (List<T>) watchedObservation(component, key, read, watch).value() : read.get();
  }

  /** As {@link #watched}, the observation that serves (the process shares observations). */
  private <T> Observation watchedObservation(String component, String key, Supplier<List<T>> read, Watch<T> watch) {
    Observation listed = observed(component, key, null, look(), read, value -> true);
    watch(component, key, listed, read, watch);
    return listed;
  }

  /**
   * Has the watch look at {@code component}'s listing under {@code key} again, what the stacks saw
   * of it {@code listed} unless it looked already.
   */
  private <T> void watch(String component, String key, Observation listed, Supplier<List<T>> read, Watch<T> watch) {
    if (watch != Watch.NONE) {
      Watched watching = watched.computeIfAbsent(component + " " + key, k -> new Watched(component, read::get,
          value -> byStack(value, watch), clock.instant()));
      watching.askedAt = clock.instant();
      synchronized (watching) {
        if (watching.lastSeen == null) {
          watching.lastSeen = seenIn(watching, (List<?>) listed.value(), listed.readFrom());
        }
      }
    }
  }

  /**
   * {@code listing}'s parts by stack as read from forget number {@code readFrom}: {@link #UNSEEN}
   * for a stack that wrote it since, whose passes read their own part after the write instead.
   */
  private Map<String, Set<Object>> seenIn(Watched watching, List<?> listing, long readFrom) {
    Map<String, Set<Object>> parts = new HashMap<>(watching.byStack.apply(listing));
    String ofThisListing = forgetKey(watching.name, "");
    forgottenAt.keySet().stream().filter(key -> key.startsWith(ofThisListing))
        .map(key -> key.substring(ofThisListing.length()))
        .filter(stack -> forgotSince(watching.name, stack, readFrom)).forEach(stack -> parts.put(stack, UNSEEN));
    return parts;
  }

  /**
   * Every one of {@code component}'s resources in {@code scope} (a region, the account), read by one
   * listing ({@code read}), each named by {@code idOf}, watched unless {@link Watch#none()}: what
   * {@link #every}, {@link ForStack#oneOf} and {@link #readAhead(Every)} read, said once.
   */
  public record Every<T>(String component, String scope, Supplier<List<T>> read, Function<T, String> idOf,
      Watch<T> watch) {
    /** What the listing is kept under. */
    private String key() {
      return "every in " + scope;
    }

    /** {@code listing} by id, the first of each. */
    private Map<String, T> byId(List<T> listing) {
      return listing.stream()
          .collect(Collectors.toUnmodifiableMap(idOf, resource -> resource, (first, second) -> first));
    }
  }

  /** {@code every} resource by id, from one listing while it is fresh, indexed once for all its readers. */
  public <T> Map<String, T> every(Every<T> every) {
    return on() ? watchedObservation(every.component(), every.key(), every.read(), every.watch())
        .derived("by id", every::byId) : every.byId(every.read().get());
  }

  /** {@link #readAhead} for the listing of {@code every}, kept as {@link #every} and {@link ForStack#oneOf} read it. */
  public void readAhead(Every<?> every) {
    readAhead(every.component() + " " + every.key(), () -> get(every.component(), every.key(), every.read()));
  }

  /**
   * A listing of every stack's parts in {@code scope} by a key (a stack's tag value, a resource's
   * name or ARN), read once for all by {@code read}: see {@link ForStack#partOf}.
   */
  public record Listing<L>(String name, String scope, Supplier<Map<String, L>> read) {}

  /**
   * As {@link ForStack#partOf}, for what any stack may read of anyone's resources (a search among
   * every distribution for the stack's own): kept for all, and no write forgets it. A stack writes
   * only its own resources, and reads those as its own ({@link ForStack#partOf}); what it learns of
   * the others' (whose they are) its writes do not change. Forgetting it at every write would have
   * each searching pass read every resource's tags again while many stacks are being made.
   */
  public <L, T> T partOf(Listing<L> listing, String component, String part, Function<L, T> asPart,
      Supplier<T> readOwn, Predicate<T> confirms) {
    return partOf(listing, component, null, part, asPart, readOwn, confirms);
  }

  /** What one stack (its tag value) reads of its own resources: another stack's write does not forget it. */
  public ForStack forStack(String stack) {
    return new ForStack(stack);
  }

  /** The reads one stack makes of its own resources, and what its writes forget. */
  public final class ForStack {
    private final String stack;

    private ForStack(String stack) {
      this.stack = stack;
    }

    /**
     * What {@code read} answers, kept for {@link #CONFIRMED_FOR} when {@code confirms} accepts it
     * (an answer that does not confirm is read again next time).
     */
    public <T> T confirmed(String component, String key, Supplier<T> read, Predicate<T> confirms) {
      return kept(component, stack + " " + key, stack, CONFIRMED_FOR, read, confirms);
    }

    /**
     * What the stack's status says it last saw under {@code key} ({@code reported}, if it says),
     * within {@link #CONFIRMED_FOR} of the process's start: taken as this stack's {@link #confirmed}
     * observation, once, until a moment spread over that time by the key, so that a process starting
     * with many stacks does not read what they saw all at once, and still reads each within that
     * time. A write forgets it as it does a read one; an observation already kept stands.
     * {@code reported} is asked only in that window and until it has served, not on every pass.
     */
    public <T> void startFrom(String component, String key, Supplier<Optional<T>> reported) {
      startFromKept(component, stack + " " + key, reported);
    }

    /** {@link #startFrom} for what {@link #kept} keeps under {@code component} and {@code key}. */
    private <T> void startFromKept(String component, String key, Supplier<Optional<T>> reported) {
      Instant now = clock.instant();
      if (!on() || now.isAfter(startedAt.plus(CONFIRMED_FOR))) {
        startedFrom.clear(); // read as usual from now on
        return;
      }
      String fullKey = component + " " + key;
      if (startedFrom.contains(fullKey)) {
        return;
      }
      reported.get().filter(value -> startedFrom.add(fullKey)).ifPresent(value -> {
        Duration spread = CONFIRMED_FOR.multipliedBy(Math.floorMod(fullKey.hashCode(), 100) + 1).dividedBy(100);
        observations.putIfAbsent(fullKey, new Observation(value, now.plus(spread), stack, 0, forgets.get()));
      });
    }

    /**
     * {@code component}'s part {@code part} of {@code listing} (as {@code asPart} takes it from the
     * listed entry), the listing kept for {@link #CONFIRMED_FOR}: one listing serves all the stacks
     * of a process starting up. A part the listing does not name (new since), does not show as
     * {@code confirms} asks (the listing may leave out what the resource's own read shows), or
     * that this stack's {@code component} wrote since the listing was read, is read alone
     * ({@code readOwn}), and kept as the stack's own observation for as long when it confirms.
     */
    public <L, T> T partOf(Listing<L> listing, String component, String part, Function<L, T> asPart,
        Supplier<T> readOwn, Predicate<T> confirms) {
      return SharedReads.this.partOf(listing, component, stack, part, asPart, readOwn, confirms);
    }

    /**
     * As {@link #partOf}, where the stack's status may report the part, {@code reported} being what
     * it was then: after a start that stands for the part's own read where the listing does not
     * confirm it, as {@link #startFrom} says.
     */
    public <L, T> T partOf(Listing<L> listing, String component, String part, Function<L, T> asPart,
        Supplier<T> readOwn, Predicate<T> confirms, Optional<T> reported) {
      startFromKept(component, ownKey(stack, part, listing), () -> reported);
      return partOf(listing, component, part, asPart, readOwn, confirms);
    }

    /**
     * This stack's part ({@code watch} tells whose each resource is) of {@code listing} of every
     * stack's resources ({@code readEvery}), which several components may read (the security groups
     * of the API host and of the database are one), watched as {@link #watched} says. A stack's write
     * does not forget the listing for the others, whose parts it did not change (a stack writes only
     * its own): while it is from before this stack's own write of any of its readers, this stack's
     * part is read alone ({@code readOwn}), fresh for what the write changed. So 200 stacks being
     * created do not read every stack's resources again at each of their writes.
     */
    public <T> List<T> watchedOrOwn(String component, String listing, String key, Supplier<List<T>> readEvery,
        Watch<T> watch, Supplier<List<T>> readOwn) {
      return everyUnlessWrote(component, listing, key, readEvery, watch)
          .map(every -> every.<T>groupedBy("by stack", watch.stackOf()).getOrDefault(stack, List.of()))
          .orElseGet(() -> alone(listing, component + " " + key, readOwn));
    }

    /**
     * The resource {@code id} of {@code every} from its listing, or read alone ({@code readOne},
     * which may throw AWS's "not found") while that listing is from before this stack's own write of
     * the component, as {@link #watchedOrOwn} says; read alone too when the process shares nothing.
     */
    public <T> Optional<T> oneOf(Every<T> every, String id, Supplier<Optional<T>> readOne) {
      String component = every.component();
      return everyUnlessWrote(component, component, every.key(), every.read(), every.watch())
          .map(listed -> Optional.ofNullable(listed.derived("by id", every::byId).get(id)))
          .orElseGet(() -> alone(component, id + " " + every.key(), readOne));
    }

    /**
     * This stack's {@code part} of {@code listing}, read alone and kept as its own for a look: its
     * passes until a listing read after its write serves them read it once, not once each, and its
     * next write of any of the listing's readers forgets it.
     */
    private <T> T alone(String listing, String part, Supplier<T> read) {
      return kept(listing, stack + " alone " + part, stack, look(), read, value -> true);
    }

    /**
     * The observation of {@code listing} of every stack's resources, read by {@code component} and
     * divided by stack; empty while it is from before this stack's write of it, and when the process
     * shares nothing.
     */
    private <T> Optional<Observation> everyUnlessWrote(String component, String listing, String key,
        Supplier<List<T>> readEvery, Watch<T> watch) {
      if (!on()) {
        return Optional.empty();
      }
      listingsReadBy.computeIfAbsent(component, c -> ConcurrentHashMap.newKeySet()).add(listing);
      String fullKey = listing + " " + key;
      dividedByStack.add(fullKey);
      Observation every = watchedObservation(listing, key, readEvery, watch);
      return forgotSince(listing, stack, every.readFrom()) ? Optional.empty() : Optional.of(every);
    }

    /**
     * After this stack's {@code component} changed (or may have changed) AWS: the next reader of
     * the component's shared observations, and of the listings it reads with others, reads AWS
     * (of a listing {@link #watchedOrOwn} reads, this stack's part alone), and so does this stack
     * for its own; other stacks' own observations stand (a stack writes only what is its own), so a
     * busy stack does not make every other one read again.
     */
    public void forget(String component) {
      SharedReads.this.forget(component, stack);
    }
  }

  private <L, T> T partOf(Listing<L> listing, String component, String stack, String part, Function<L, T> asPart,
      Supplier<T> readOwn, Predicate<T> confirms) {
    if (!on()) {
      return readOwn.get();
    }
    Observation every = listed(listing);
    boolean wroteSince = stack != null && forgotSince(component, stack, every.readFrom());
    @SuppressWarnings("unchecked")
    Map<String, L> parts = (Map<String, L>) every.value();
    Optional<T> listed = Optional.ofNullable(parts.get(part)).filter(entry -> !wroteSince).map(asPart)
        .filter(confirms);
    // Anyone's part read alone is kept under the listing's name, which no component's write forgets.
    return listed.orElseGet(() -> stack == null ? kept(listing.name(), part + " " + listing.scope(), null,
        CONFIRMED_FOR, readOwn, confirms) : kept(component, ownKey(stack, part, listing), stack, CONFIRMED_FOR,
        readOwn, confirms));
  }

  /** {@code listing}, kept for {@link #CONFIRMED_FOR}; one that cannot be read lists nothing for a while. */
  private Observation listed(Listing<?> listing) {
    try {
      return observed(listing.name(), listing.scope(), null, CONFIRMED_FOR, listing.read(), value -> true);
    } catch (RuntimeException e) {
      // The listing only saves reads: without it parts are read alone. It is taken as listing
      // nothing for a look, so that a throttled AWS is not asked for it again by every part, and
      // for as long as a confirmed fact when the credentials may not read it (a right is seldom
      // granted within minutes).
      Duration without = AwsErrors.classify(e) == ErrorKind.ACCESS_DENIED ? CONFIRMED_FOR : freshFor;
      LOG.warn("{} {} could not be read; parts are read alone for {} s: {}", listing.name(), listing.scope(),
          without.toSeconds(), AwsErrors.describe(e));
      Observation nothing = new Observation(Map.of(), clock.instant().plus(without), null, 0, forgets.get());
      observations.put(listing.name() + " " + listing.scope(), nothing);
      return nothing;
    }
  }

  /** What a stack's part read alone is kept under. */
  private static String ownKey(String stack, String part, Listing<?> listing) {
    return stack + " " + part + " " + listing.scope();
  }

  /** Where a stack's last forget of {@code name} (a component, a listing it reads) is counted. */
  private static String forgetKey(String name, String stack) {
    return name + " by " + stack;
  }

  /**
   * One reader at a time per key: the others wait for its answer rather than all reading the same
   * thing at once (a slow AWS would otherwise see every waiting pass ask). An answer is not kept
   * over one the watch gave while it was on its way: a stack the watch told of a change is served
   * the watch's newer answer. Nor is one a write forgot while it was on its way: it may be from
   * before the write (a pass's network read ahead, answered after the same pass attached a gateway,
   * would show the next pass no gateway: drift that is not); a listing divided by stack is kept,
   * and the writer reads its own part ({@link ForStack#watchedOrOwn}).
   */
  @SuppressWarnings("unchecked")
  private <T> T kept(String component, String key, String stack, Duration window, Supplier<T> read,
      Predicate<T> worthKeeping) {
    return on() ? (T) observed(component, key, stack, window, read, worthKeeping).value() : read.get();
  }

  /** As {@link #kept}: the observation that serves, and so when its read began. */
  private <T> Observation observed(String component, String key, String stack, Duration window, Supplier<T> read,
      Predicate<T> worthKeeping) {
    String fullKey = component + " " + key;
    synchronized (readers.computeIfAbsent(fullKey, k -> new Object())) {
      Instant now = clock.instant();
      Observation kept = observations.get(fullKey);
      if (kept != null && fresh(kept, now)) {
        return kept;
      }
      long readFrom = forgets.get(); // before the read: a write while it is on the way may be missing from it
      T value = read.get();
      Observation observation = new Observation(value, now.plus(window), stack, startRoundOn(), readFrom);
      if (worthKeeping.test(value)) {
        synchronized (forgetting) {
          Observation latest = observations.get(fullKey);
          boolean answeredMeanwhile = latest != null && latest != kept;
          if (!answeredMeanwhile && !forgottenSince(readFrom, fullKey, stack)) {
            observations.values().removeIf(old -> !fresh(old, now));
            observations.put(fullKey, observation);
          }
        }
      }
      return observation;
    }
  }

  /**
   * Whether {@code observation} still serves: within its window, or, read in the start round that is
   * still on, until that round ends. A round slower than a resync (a slow AWS, a busy emulator) would
   * otherwise read every listing again midway, on the machine the round is short of, and slow down
   * further; what changed meanwhile, the watch's first look after the round finds.
   */
  private boolean fresh(Observation observation, Instant now) {
    return now.isBefore(observation.until())
        || observation.startRound() != 0 && observation.startRound() == startRoundOn();
  }

  /** The number of the start round that is on; 0: none is. */
  private long startRoundOn() {
    return inStartRound() ? startRounds.get() : 0;
  }

  /**
   * Whether a write forgot what {@code fullKey} holds after forget number {@code since}: any
   * stack's write for what the stacks share ({@code stack} null), the stack's own for its own; none
   * for a listing divided by stack, whose readers each ask after their own write.
   */
  private boolean forgottenSince(long since, String fullKey, String stack) {
    return forgets.get() != since && !dividedByStack.contains(fullKey) && lastForgetOf.entrySet().stream()
        .anyMatch(last -> last.getValue() > since && fullKey.startsWith(last.getKey() + " ")
            && (stack == null || forgotSince(last.getKey(), stack, since)));
  }

  /**
   * Whether {@code stack}'s last forget of {@code name} came after forget number {@code since}; so
   * it may have, when forgets since then are no longer remembered (an observation older than
   * {@link #CONFIRMED_FOR}: a long round's).
   */
  private boolean forgotSince(String name, String stack, long since) {
    Forgotten forgot = forgottenAt.get(forgetKey(name, stack));
    return forgot != null && forgot.count() > since || since < forgottenThrough;
  }

  private void forget(String component, String stack) {
    Set<String> described = new HashSet<>(listingsReadBy.getOrDefault(component, Set.of()));
    described.add(component);
    synchronized (forgetting) {
      Instant now = clock.instant();
      forgottenAt.values().removeIf(forgot -> {
        boolean old = forgot.at().isBefore(now.minus(CONFIRMED_FOR));
        if (old) {
          forgottenThrough = Math.max(forgottenThrough, forgot.count());
        }
        return old;
      });
      long count = forgets.incrementAndGet();
      for (String name : described) {
        lastForgetOf.put(name, count);
        forgottenAt.put(forgetKey(name, stack), new Forgotten(count, now));
      }
      observations.entrySet().removeIf(kept -> described.stream().anyMatch(name -> kept.getKey().startsWith(name + " "))
          && (kept.getValue().stack() == null ? !dividedByStack.contains(kept.getKey())
              : kept.getValue().stack().equals(stack)));
    }
    watched.values().stream().filter(listing -> described.contains(listing.name)).forEach(listing -> {
      synchronized (listing) {
        if (listing.lastSeen != null) {
          listing.lastSeen.put(stack, UNSEEN);
        }
      }
    });
  }

  /**
   * Reads again every watched listing a stack asked for within {@code askedWithin} (the others are
   * dropped: their stacks are gone), serves the new answers to the readers until the next look
   * answers ({@link #watchedFor}), and tells {@code changed} of each stack (its tag value) whose part
   * of a listing differs from the previous look (or, for the first, from what the first pass read;
   * for a stack that wrote it since, from any answer read after the write: see {@link #UNSEEN}) as
   * soon as that listing is read: its pass need not wait for the look's other listings (a stack
   * told again by a later listing of the same look gets a pass again, which sees that one too). A
   * listing that cannot be read goes to {@code failed} and is tried again next time.
   */
  public void refresh(Duration askedWithin, Consumer<String> changed, Consumer<RuntimeException> failed) {
    Instant now = clock.instant();
    watched.values().removeIf(listing -> listing.askedAt.isBefore(now.minus(askedWithin)));
    watched.forEach((fullKey, listing) -> {
      Set<String> differing;
      try {
        differing = lookAgain(fullKey, listing);
      } catch (RuntimeException e) {
        failed.accept(e);
        return;
      }
      differing.forEach(changed);
    });
  }

  /**
   * Reads {@code listing} again and returns the stacks whose part differs from what their passes
   * last saw: the last look, or for a stack that wrote since, any answer read after the write. The
   * answer serves the readers unless something was written while it was on its way: then neither it
   * nor the answer before it does (a stack told of a change would be served the listing from before
   * it), and the next reader reads what the write left; a listing divided by stack serves all but
   * the writer, who reads its own ({@link ForStack#watchedOrOwn}).
   */
  private Set<String> lookAgain(String fullKey, Watched listing) {
    long readFrom = forgets.get();
    List<?> value = listing.read.get();
    synchronized (forgetting) {
      if (forgets.get() == readFrom || dividedByStack.contains(fullKey)) {
        observations.put(fullKey, new Observation(value, clock.instant().plus(watchedFor()), null, 0, readFrom));
      } else {
        observations.remove(fullKey);
      }
    }
    synchronized (listing) {
      Map<String, Set<Object>> seen = seenIn(listing, value, readFrom);
      Set<String> stacks = new TreeSet<>(seen.keySet());
      stacks.addAll(listing.lastSeen.keySet());
      stacks.removeIf(stack -> seen.get(stack) == UNSEEN
          || Objects.equals(seen.get(stack), listing.lastSeen.get(stack)));
      listing.lastSeen = seen;
      return stacks;
    }
  }

  /**
   * How long the watch's answer serves the passes: until its next answer, however long a busy AWS
   * takes to give it, so passes do not read a watched listing beside the watch (each of them an
   * emulator's second at 200 stacks, which made the watch slower still). A round at least, two looks
   * where they are longer: a change meanwhile is the watch's to find, and it starts the stack's pass.
   */
  private Duration watchedFor() {
    Duration twoLooks = freshFor.multipliedBy(2);
    return round.compareTo(twoLooks) > 0 ? round : twoLooks;
  }

  @SuppressWarnings("unchecked")
  private static <T> Map<String, Set<Object>> byStack(List<?> listing, Watch<T> watch) {
    return ((List<T>) listing).stream().filter(resource -> watch.stackOf().apply(resource) != null)
        .collect(Collectors.groupingBy(watch.stackOf(), Collectors.mapping(watch.meaning(), Collectors.toSet())));
  }
}
