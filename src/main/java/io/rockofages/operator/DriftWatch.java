package io.rockofages.operator;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsErrors;
import io.rockofages.aws.SharedReads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a pass for a stack seconds after its resources changed outside, not at its next resync:
 * every {@code every}, the watched listings all stacks share (API instances, security groups,
 * databases) are read again ({@link SharedReads#refresh}), and each stack whose part of one differs
 * gets an event. The listings cost the same few calls however many stacks there are, and their
 * fresh answers serve the passes that follow. It does not look in the start round
 * ({@link SharedReads#inStartRound}): every stack's first pass is observing all the stack owns
 * then. JOSDK starts and stops it with the controller.
 */
final class DriftWatch extends AbstractEventSource<Void, RockOfAges> {
  private static final Logger LOG = LoggerFactory.getLogger(DriftWatch.class);

  private final SharedReads shared;
  private final Consumer<ResourceID> hurry;
  private final Duration every;
  private final Duration askedWithin;
  private final Consumer<Duration> looked;
  private ScheduledExecutorService timer;

  /**
   * @param hurry told of a stack before its pass is asked for, to put that pass ahead of the resyncs
   * @param askedWithin a listing no pass asked for within this long is no longer watched (its stacks are gone)
   * @param looked told how long each look took: drift is seen within {@code every} and that
   */
  DriftWatch(SharedReads shared, Consumer<ResourceID> hurry, Duration every, Duration askedWithin,
      Consumer<Duration> looked) {
    super(Void.class, "drift-watch");
    this.shared = shared;
    this.hurry = hurry;
    this.every = every;
    this.askedWithin = askedWithin;
    this.looked = looked;
  }

  /**
   * JOSDK starts it with the controller, when the operator starts or its replica becomes the leader:
   * then every stack's first pass is ahead, and so the start round begins.
   */
  @Override
  public synchronized void start() {
    shared.beginStartRound();
    if (shared.on() && timer == null) {
      timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "drift-watch");
        thread.setDaemon(true);
        return thread;
      });
      timer.scheduleWithFixedDelay(this::look, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
    super.start();
  }

  @Override
  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    super.stop();
  }

  /** One look: the stacks whose resources changed get a pass. */
  void look() {
    if (shared.inStartRound()) {
      return;
    }
    long start = System.nanoTime();
    try {
      shared.refresh(askedWithin, this::startPass, error -> LOG.warn("drift watch: a shared listing could not be "
          + "read, tried again in {}s: {}", every.toSeconds(), AwsErrors.describe(error)));
    } catch (RuntimeException e) {
      // The timer must keep running: an exception would cancel every later look.
      LOG.warn("drift watch: a look failed: {}", e.toString());
    }
    looked.accept(Duration.ofNanos(System.nanoTime() - start));
  }

  /** Puts the pass of the stack tagged {@code stack} ahead of the resyncs waiting, and asks for it. */
  private void startPass(String stack) {
    StackId.fromTagValue(stack).ifPresent(id -> {
      LOG.debug("drift watch: {} changed in AWS, starting its pass", id);
      ResourceID resource = new ResourceID(id.name(), id.namespace());
      hurry.accept(resource);
      getEventHandler().handleEvent(new Event(resource));
    });
  }

  @Override
  public Set<Void> getSecondaryResources(RockOfAges primary) {
    return Set.of();
  }
}
