package io.rockofages.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionResponse;

/**
 * Shared reads against a clock the test moves. Reads started ahead of a pass ({@link
 * SharedReads#readAhead}) run on an executor the test runs by hand: what is asked for once a look
 * is read once, what the pass meets is the read's answer, and nothing is read behind a write.
 */
class SharedReadsTest {
  /** Every instance listed is shop/one's: a look that reads a new answer tells of shop/one. */
  private static final SharedReads.Watch<String> SHOP_ONE = new SharedReads.Watch<>(instance -> "shop/one",
      instance -> instance);
  /** Instances listed as "shop/one i-1": the stack before the space. */
  private static final SharedReads.Watch<String> BY_STACK = new SharedReads.Watch<>(
      instance -> instance.split(" ")[0], instance -> instance);
  private final MutableClock clock = new MutableClock();
  private final List<Runnable> waiting = new ArrayList<>();
  private final SharedReads shared = HandRunSharedReads.queuingIn(waiting, clock);
  private final AtomicInteger reads = new AtomicInteger();

  @Test
  void aReadAheadIsStartedOnceALookAndThePassTakesItsAnswer() {
    shared.readAhead("instances", this::instances);
    shared.readAhead("instances", this::instances);
    assertEquals(1, waiting.size(), "asked for again within the look: already on its way");

    runWaiting();
    assertEquals(List.of("i-1"), instances(), "the pass finds the answer read ahead");
    assertEquals(1, reads.get());

    clock.advance(Duration.ofSeconds(5));
    shared.readAhead("instances", this::instances);
    runWaiting();
    assertEquals(List.of("i-2"), instances());
    assertEquals(2, reads.get(), "a look later it is read ahead again");
  }

  @Test
  void aListingOfEveryResourceReadAheadServesTheStacksPicksAndTheWholeListing() {
    shared.readAhead(everyDatabase());
    shared.readAhead(everyDatabase());
    assertEquals(1, waiting.size(), "asked for again within the look: already on its way");
    runWaiting();
    assertEquals(1, reads.get());

    assertEquals(Optional.of("db-two"), shared.forStack("shop/two").oneOf(everyDatabase(), "db-two",
        () -> Optional.of("read alone")), "a stack's pick comes from the listing read ahead");
    assertEquals(Set.of("db-one", "db-two"), shared.every(everyDatabase()).keySet());
    assertSame(shared.every(everyDatabase()), shared.every(everyDatabase()), "indexed once for all its readers");
    assertEquals(1, reads.get(), "none read the listing again");
  }

  @Test
  void aReadAheadStillWaitingWhenSomethingIsWrittenIsDropped() {
    shared.readAhead("instances", this::instances);
    shared.forStack("shop/one").forget("api-instance");
    runWaiting();
    assertEquals(0, reads.get(), "the pass reads after the write itself: nothing read ahead of it lands behind it");

    assertEquals(List.of("i-1"), instances());
  }

  @Test
  void anAnswerAWriteForgotWhileItWasOnItsWayIsNotKept() {
    assertEquals("from before the attach", shared.get("network", "of vpc-1", () -> {
      shared.forStack("shop/one").forget("network"); // the gateway attached while the read was on its way
      return "from before the attach";
    }));
    assertEquals("after the attach", shared.get("network", "of vpc-1", () -> "after the attach"),
        "the next reader reads what the write left");
  }

  @Test
  void aWriteOfSomethingElseWhileAReadIsOnItsWayLeavesItsAnswerKept() {
    shared.get("network", "of vpc-1", () -> {
      shared.forStack("shop/one").forget("database");
      return "the network";
    });
    assertEquals("the network", shared.get("network", "of vpc-1", () -> "read again"));
  }

  @Test
  void aStacksOwnAnswerIsLeftUnkeptByItsOwnWriteMeanwhileNotByAnothers() {
    SharedReads.ForStack one = shared.forStack("shop/one");
    one.confirmed("api-role", "role", () -> {
      shared.forStack("shop/two").forget("api-role");
      return "one's role";
    }, answer -> true);
    assertEquals("one's role", one.confirmed("api-role", "role", () -> "read again", answer -> true),
        "another stack writes only its own role");

    one.confirmed("api-role", "policy", () -> {
      one.forget("api-role");
      return "from before the write";
    }, answer -> true);
    assertEquals("after the write", one.confirmed("api-role", "policy", () -> "after the write", answer -> true));
  }

  @Test
  void aListingReadAheadIsThePartsTheStacksThenTake() {
    AtomicInteger listings = new AtomicInteger();
    var roles = new SharedReads.Listing<>("every IAM role", "of the account", () -> {
      listings.incrementAndGet();
      return Map.of("shop-api", "tagged shop", "cafe-api", "tagged cafe");
    });
    shared.readAhead(roles);
    runWaiting();

    for (String stack : List.of("shop", "cafe")) {
      assertEquals("tagged " + stack, shared.forStack(stack + "/one").partOf(roles, "api-role", stack + "-api",
          listed -> listed, () -> "read alone", answer -> answer.startsWith("tagged")));
    }
    assertEquals(1, listings.get());
  }

  @Test
  void withoutSharedReadsNothingIsReadAhead() {
    SharedReads none = new SharedReads(SharedReads.Windows.NONE, clock, waiting::add);
    none.readAhead("instances", this::instances);
    assertEquals(List.of(), waiting);
  }

  /** A failed read ahead is left to the pass, which reads again and sees the failure itself. */
  @Test
  void aReadAheadThatFailsIsReadAgainByThePass() {
    shared.readAhead("instances", () -> shared.get("api-instance", "every instance", () -> {
      reads.incrementAndGet();
      throw new StackException(ErrorKind.THROTTLED, "Rate exceeded");
    }));
    runWaiting();

    assertEquals(List.of("i-2"), instances());
    assertEquals(2, reads.get());
  }

  /**
   * The watch's answer serves until it answers again, however slowly a busy AWS answers its looks:
   * passes reading the listing beside the watch made the emulator, and so the watch, slower still.
   */
  @Test
  void aWatchedListingServesThePassesUntilTheWatchAnswersAgainARoundAtMost() {
    List<String> first = instances();
    Duration slowAnswer = Duration.ofSeconds(4);
    shared.watched("api-instance", "every instance", () -> {
      clock.advance(slowAnswer);
      return List.of("i-" + reads.incrementAndGet());
    }, SHOP_ONE);
    shared.refresh(Duration.ofMinutes(1), stack -> { }, e -> { });
    assertEquals(List.of("i-1"), first);

    clock.advance(Duration.ofSeconds(14)); // the next look's answer is late: a 5 s wait, then 9 s for AWS
    assertEquals(List.of("i-2"), instances(), "the watch's answer, not a pass's read");
    assertEquals(2, reads.get());

    shared.refresh(Duration.ofMinutes(1), stack -> { }, e -> { });
    clock.advance(Duration.ofSeconds(14));
    assertEquals(List.of("i-3"), instances(), "the next answer serves in turn");
    clock.advance(Duration.ofSeconds(1)); // a round after it, and the watch has not answered again
    assertEquals(List.of("i-4"), instances(), "a pass reads for itself");
  }

  /**
   * A look's answer that may predate a write made while it was on its way is not served, nor the
   * answer before it, which a stack the look told of a change would otherwise be served: the next
   * reader reads.
   */
  @Test
  void aWatchedListingReadWhileAStackWroteIsNotServedNorTheOneBefore() {
    shared.watched("api-instance", "every instance", () -> {
      shared.forStack("shop/two").forget("site-bucket"); // another stack's write, answered before the look's
      return List.of("i-" + reads.incrementAndGet());
    }, SHOP_ONE);
    assertEquals(List.of("i-1"), instances());
    List<String> told = new ArrayList<>();
    shared.refresh(Duration.ofMinutes(1), told::add, e -> { });
    assertEquals(List.of("shop/one"), told);

    assertEquals(List.of("i-3"), instances(), "read after the write, not the look's answer nor the one before");
  }

  /**
   * A write whose forget comes after the look has checked for writes, before it keeps its answer:
   * the forget waits for the answer to be kept, and then forgets it.
   */
  @Test
  void aWriteForgettingJustAsTheLookKeepsItsAnswerStillForgetsIt() throws InterruptedException {
    HookedClock hooked = new HookedClock();
    SharedReads sharedOnHook = HandRunSharedReads.queuingIn(waiting, hooked);
    Thread writer = new Thread(() -> sharedOnHook.forStack("shop/two").forget("api-instance"));
    sharedOnHook.watched("api-instance", "every instance", () -> {
      if (reads.incrementAndGet() == 2) { // the look: the write comes when it next asks the time
        hooked.onNextInstant = () -> startAndWaitUntilBlockedOrDone(writer);
      }
      return List.of("i-" + reads.get());
    }, SHOP_ONE);
    sharedOnHook.refresh(Duration.ofMinutes(1), stack -> { }, e -> { });
    writer.join();

    assertEquals(List.of("i-3"), sharedOnHook.get("api-instance", "every instance",
        () -> List.of("i-" + reads.incrementAndGet())), "the look's answer may predate the write: read again");
  }

  /** Starts {@code thread} and returns once it waits for a lock or has ended. */
  private static void startAndWaitUntilBlockedOrDone(Thread thread) {
    thread.start();
    while (thread.getState() != Thread.State.BLOCKED && thread.getState() != Thread.State.TERMINATED) {
      Thread.onSpinWait();
    }
  }

  /** The test's clock, which runs {@link #onNextInstant} once when next asked the time. */
  private final class HookedClock extends Clock {
    private volatile Runnable onNextInstant;

    @Override
    public Instant instant() {
      Runnable hook = onNextInstant;
      onNextInstant = null;
      if (hook != null) {
        hook.run();
      }
      return clock.instant();
    }

    @Override
    public ZoneId getZone() {
      return clock.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /**
   * A pass's read of an expired listing that the watch answers while it is on its way: the watch's
   * newer answer stays, so a stack it told of a change is not served the pass's older one.
   */
  @Test
  void aPassReadThatTheWatchAnswersMeanwhileLeavesTheWatchsAnswer() {
    shared.watched("api-instance", "every instance", () -> List.of("i-" + reads.incrementAndGet()), SHOP_ONE);
    clock.advance(Duration.ofSeconds(5));
    List<String> told = new ArrayList<>();

    List<String> passRead = shared.get("api-instance", "every instance", () -> {
      shared.refresh(Duration.ofMinutes(1), told::add, e -> { });
      return List.of("i-read-before-the-watch-answered");
    });

    assertEquals(List.of("i-read-before-the-watch-answered"), passRead, "the pass gets what it read");
    assertEquals(List.of("shop/one"), told);
    assertEquals(List.of("i-2"), instances(), "the told stack is served the watch's answer");
    assertEquals(2, reads.get());
  }

  /**
   * Stacks being made at once: each write would otherwise have the next reader list every stack's
   * resources again. The writer reads its own part until a listing read after its write serves.
   */
  @Test
  void aStacksWriteHasItReadItsOwnPartAloneAndLeavesTheListingToTheOthers() {
    assertEquals(List.of("shop/one i-1"), instancesOf("shop/one", shared));
    shared.forStack("shop/one").forget("api-instance");

    assertEquals(List.of("shop/two i-1"), instancesOf("shop/two", shared), "another stack's part did not change");
    assertEquals(List.of("shop/one's own"), instancesOf("shop/one", shared), "fresh for what it wrote");
    shared.refresh(Duration.ofMinutes(1), stack -> { }, e -> { });
    assertEquals(List.of("shop/one i-2"), instancesOf("shop/one", shared), "the watch's answer, read after the write");
    assertEquals(2, reads.get());
  }

  /** 200 stacks picking their own from one listing of everyone's: the listing is gone over once, not once each. */
  @Test
  void eachStacksPartOfAListingIsPickedFromOneGroupingOfIt() {
    AtomicInteger asked = new AtomicInteger();
    SharedReads.Watch<String> countingWhose = new SharedReads.Watch<>(instance -> {
      asked.incrementAndGet();
      return instance.split(" ")[0];
    }, instance -> instance);
    Function<String, List<String>> partOf = stack -> shared.forStack(stack).watchedOrOwn("api-instance",
        "instances", "in us-east-1", this::everyStacksInstances, countingWhose, () -> List.of("read alone"));
    assertEquals(List.of("shop/one i-1"), partOf.apply("shop/one"));
    int askedForTheFirst = asked.get();

    assertEquals(List.of("shop/two i-1"), partOf.apply("shop/two"));
    assertEquals(List.of(), partOf.apply("shop/three"), "a stack with nothing listed");
    assertEquals(askedForTheFirst, asked.get(), "the others' parts come from the grouping the first one's made");
    assertEquals(1, reads.get());
  }

  /** A stack being made: its passes between two writes read its own part once, not once each. */
  @Test
  void aWritersOwnPartReadAloneServesItsPassesUntilItsNextWrite() {
    AtomicInteger ownReads = new AtomicInteger();
    SharedReads.ForStack one = shared.forStack("shop/one");
    Supplier<List<String>> readOwnOfOne = () -> one.watchedOrOwn("api-instance", "instances", "in us-east-1",
        () -> List.of("i-" + reads.incrementAndGet()), SHOP_ONE, () -> List.of("own-" + ownReads.incrementAndGet()));
    readOwnOfOne.get();
    one.forget("api-instance");

    assertEquals(List.of("own-1"), readOwnOfOne.get());
    assertEquals(List.of("own-1"), readOwnOfOne.get(), "its next pass, within the look");
    one.forget("api-security-group"); // a write of something else
    assertEquals(List.of("own-1"), readOwnOfOne.get());
    one.forget("api-instance");
    assertEquals(List.of("own-2"), readOwnOfOne.get(), "after its next write");
    clock.advance(Duration.ofSeconds(5));
    assertEquals(List.of("i-2"), readOwnOfOne.get(), "a look later, every stack's listing read after the write");
  }

  @Test
  void aListingReadWhileAStackWroteIsKeptForTheOthersAndNotServedToTheWriter() {
    shared.forStack("shop/two").watchedOrOwn("api-instance", "instances", "in us-east-1", () -> {
      shared.forStack("shop/one").forget("api-instance"); // answered after shop/one's write, maybe from before it
      return everyStacksInstances();
    }, BY_STACK, () -> List.of("shop/two's own"));

    assertEquals(List.of("shop/two i-1"), instancesOf("shop/two", shared));
    assertEquals(List.of("shop/one's own"), instancesOf("shop/one", shared));
    assertEquals(1, reads.get());
  }

  @Test
  void aLookAnsweredWhileAStackWroteServesTheOthersAndNotTheWriter() {
    shared.forStack("shop/two").watchedOrOwn("api-instance", "instances", "in us-east-1", () -> {
      if (reads.get() == 1) { // the look
        shared.forStack("shop/one").forget("api-instance");
      }
      return everyStacksInstances();
    }, BY_STACK, () -> List.of("shop/two's own"));
    shared.refresh(Duration.ofMinutes(1), stack -> { }, e -> { });

    assertEquals(List.of("shop/two i-2"), instancesOf("shop/two", shared), "the look's answer");
    assertEquals(List.of("shop/one's own"), instancesOf("shop/one", shared));
    assertEquals(2, reads.get());
  }

  /**
   * An instance a stack launched and someone terminated between two looks: the two looks list the
   * same (nothing of the stack's), but its pass last saw the instance, read alone after the launch.
   */
  @Test
  void whatAStackMadeAndLostBetweenTwoLooksStartsItsPass() {
    List<String> listed = new ArrayList<>(List.of("shop/two i-1"));
    SharedReads.ForStack one = shared.forStack("shop/one");
    Supplier<List<String>> ownOfOne = () -> one.watchedOrOwn("api-instance", "instances", "in us-east-1",
        () -> List.copyOf(listed), BY_STACK, () -> List.of("shop/one i-launched"));
    assertEquals(List.of(), ownOfOne.get());
    one.forget("api-instance"); // the launch
    assertEquals(List.of("shop/one i-launched"), ownOfOne.get());
    // terminated outside before the watch looks: the listing still has none of shop/one's

    List<String> told = new ArrayList<>();
    shared.refresh(Duration.ofMinutes(1), told::add, e -> { });
    assertEquals(List.of("shop/one"), told);
    assertEquals(List.of(), ownOfOne.get(), "its pass is served the look's answer");

    told.clear();
    shared.refresh(Duration.ofMinutes(1), told::add, e -> { });
    assertEquals(List.of(), told, "told once: the look after the pass's equals what it saw");
  }

  /**
   * A look whose read began before a stack's write may list the stack's part from before it: the
   * stack is told of no change then, and the first look read after its write is what it is compared with.
   */
  @Test
  void aLookReadWhileAStackWroteIsNotWhatTheStackSaw() {
    List<String> listed = new ArrayList<>(List.of("shop/two i-1"));
    SharedReads.ForStack one = shared.forStack("shop/one");
    Supplier<List<String>> ownOfOne = () -> one.watchedOrOwn("api-instance", "instances", "in us-east-1", () -> {
      if (reads.incrementAndGet() == 2) { // the look: the launch lands while it is on its way
        one.forget("api-instance");
      }
      return List.copyOf(listed);
    }, BY_STACK, () -> List.of("shop/one i-launched"));
    assertEquals(List.of(), ownOfOne.get());

    List<String> told = new ArrayList<>();
    shared.refresh(Duration.ofMinutes(1), told::add, e -> { });
    assertEquals(List.of(), told, "the look may predate the launch: the stack reads its own after it");
    assertEquals(List.of("shop/one i-launched"), ownOfOne.get());

    shared.refresh(Duration.ofMinutes(1), told::add, e -> { }); // terminated outside meanwhile
    assertEquals(List.of("shop/one"), told);
  }

  /** A database by its identifier: from the region's listing, or read alone by its stack after it wrote it. */
  @Test
  void aStacksWriteHasItReadItsOwnResourceByIdAndLeavesTheListingToTheOthers() {
    assertEquals(Optional.of("db-one"), databaseOf("shop/one", "db-one"));
    assertEquals(Optional.of("db-two"), databaseOf("shop/two", "db-two"));
    shared.forStack("shop/one").forget("database");

    assertEquals(Optional.of("db-two"), databaseOf("shop/two", "db-two"));
    assertEquals(Optional.of("db-one read alone"), databaseOf("shop/one", "db-one"));
    assertEquals(1, reads.get());
  }

  /**
   * A listing kept past the ten minutes writes are remembered for (a resync longer than that): a
   * stack whose write is no longer remembered may have written since, and reads its own.
   */
  @Test
  void aListingOlderThanTheWritesRememberedIsNotServedToAStackThatMayHaveWritten() {
    SharedReads hourlyRounds = new SharedReads(new SharedReads.Windows(Duration.ofSeconds(5), Duration.ofHours(1)),
        clock, waiting::add);
    instancesOf("shop/one", hourlyRounds);
    hourlyRounds.refresh(Duration.ofHours(1), stack -> { }, e -> { }); // the watch's answer serves a round
    hourlyRounds.forStack("shop/one").forget("api-instance");
    clock.advance(SharedReads.CONFIRMED_FOR.plusSeconds(1));
    hourlyRounds.forStack("shop/two").forget("site-bucket"); // and the first write is no longer remembered

    assertEquals(List.of("shop/one's own"), instancesOf("shop/one", hourlyRounds));
  }

  /** A restart with many stacks: their first passes share one read of what a look keeps, however long they take. */
  @Test
  void inTheStartRoundWhatALookKeepsServesARoundUntilTheRoundEnds() {
    shared.beginStartRound();
    shared.readAhead("instances", this::instances);
    runWaiting();
    assertEquals(List.of("i-1"), instances());
    clock.advance(Duration.ofSeconds(10));
    shared.readAhead("instances", this::instances);
    assertEquals(0, waiting.size(), "two looks later it is not read ahead again");
    assertEquals(List.of("i-1"), instances(), "the first passes' read still serves");

    shared.endStartRound();
    assertFalse(shared.inStartRound());
    assertEquals(List.of("i-1"), instances(), "what the round kept stands for its window");
    clock.advance(Duration.ofSeconds(5));
    assertEquals(List.of("i-2"), instances());
    clock.advance(Duration.ofSeconds(5));
    assertEquals(List.of("i-3"), instances(), "a look's window again");
  }

  /**
   * A restart slower than a resync: what its round read serves the first passes to the round's end,
   * not read again midway by the passes it is keeping waiting.
   */
  @Test
  void whatTheStartRoundReadServesItToItsEndHoweverLongItLasts() {
    shared.beginStartRound();
    assertEquals(List.of("i-1"), instances());
    clock.advance(Duration.ofSeconds(10));
    shared.startRoundMovedOn();
    clock.advance(Duration.ofSeconds(10));

    assertTrue(shared.inStartRound());
    assertEquals(List.of("i-1"), instances(), "20 s after it was read, a resync and more");
    shared.endStartRound();
    assertEquals(List.of("i-2"), instances(), "past its window, once the round is over");
  }

  /** A replica that becomes the leader again begins a new round, which reads for itself. */
  @Test
  void aLaterStartRoundIsNotServedWhatAnEarlierOneRead() {
    shared.beginStartRound();
    assertEquals(List.of("i-1"), instances());
    clock.advance(Duration.ofSeconds(20));
    assertFalse(shared.inStartRound(), "ended a round after it began");

    shared.beginStartRound();
    assertEquals(List.of("i-2"), instances());
  }

  @Test
  void aStartRoundNobodyEndsEndsARoundAfterItBegan() {
    shared.beginStartRound();
    assertTrue(shared.inStartRound());
    clock.advance(Duration.ofSeconds(15));
    assertFalse(shared.inStartRound());
    instances();
    clock.advance(Duration.ofSeconds(5));
    instances();
    assertEquals(2, reads.get());
  }

  /** A kept SDK response would hold its HTTP response and that connection's buffers for its whole window. */
  @Test
  void aKeptResponseKeepsTheAnswerNotTheHttpResponseItCameIn() {
    var read = GetDistributionResponse.builder().eTag("E1").distribution(d -> d.id("D1"))
        .sdkHttpResponse(SdkHttpFullResponse.builder().statusCode(200).putHeader("x-amz-request-id", "r1")
            .content(AbortableInputStream.create(new ByteArrayInputStream(new byte[16384]))).build()).build();
    shared.forStack("shop/one").confirmed("cdn-distribution", "config of D1", () -> Optional.of(read),
        Optional::isPresent);
    GetDistributionResponse kept = shared.forStack("shop/one").confirmed("cdn-distribution", "config of D1",
        () -> Optional.<GetDistributionResponse>empty(), Optional::isPresent).orElseThrow();

    assertEquals("E1", kept.eTag());
    assertEquals("D1", kept.distribution().id());
    assertEquals(200, kept.sdkHttpResponse().statusCode());
    assertEquals(Map.of(), kept.sdkHttpResponse().headers());
    assertFalse(kept.sdkHttpResponse() instanceof SdkHttpFullResponse full && full.content().isPresent(),
        "the body stream, and through it the connection's buffers, let go");
  }

  /** What a pass reads of every stack's instances: a new answer each time AWS is asked. */
  private List<String> instances() {
    return shared.get("api-instance", "every instance", () -> List.of("i-" + reads.incrementAndGet()));
  }

  /** {@code stack}'s instances: its part of a new listing each time AWS is asked, or its own read alone. */
  private List<String> instancesOf(String stack, SharedReads from) {
    return from.forStack(stack).watchedOrOwn("api-instance", "instances", "in us-east-1", this::everyStacksInstances,
        BY_STACK, () -> List.of(stack + "'s own"));
  }

  /** Two stacks' instances, a new one each for each read. */
  private List<String> everyStacksInstances() {
    int read = reads.incrementAndGet();
    return List.of("shop/one i-" + read, "shop/two i-" + read);
  }

  /** {@code id} as {@code stack} reads it: from every stack's databases, or alone. */
  private Optional<String> databaseOf(String stack, String id) {
    return shared.forStack(stack).oneOf(everyDatabase(), id, () -> Optional.of(id + " read alone"));
  }

  /** Every stack's databases: a read each time AWS is asked. */
  private SharedReads.Every<String> everyDatabase() {
    return new SharedReads.Every<>("database", "us-east-1", () -> {
      reads.incrementAndGet();
      return List.of("db-one", "db-two");
    }, database -> database, SharedReads.Watch.none());
  }

  private void runWaiting() {
    List<Runnable> now = List.copyOf(waiting);
    waiting.clear();
    now.forEach(Runnable::run);
  }
}
