package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javaoperatorsdk.operator.processing.MDCUtils;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.rockofages.api.RockOfAges;
import io.rockofages.testing.Specs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Passes the drift watch asks for go ahead of the resyncs waiting for a thread. */
class PassQueueTest {
  private final PassQueue queue = new PassQueue(1);
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final CountDownLatch busy = new CountDownLatch(1);

  @AfterEach
  void stop() throws InterruptedException {
    queue.shutdown();
    assertTrue(queue.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void aHurriedStackGoesBeforeTheResyncsWaitingAndSoDoesOneHurriedBeforeItsPassIsSubmitted() throws Exception {
    queue.execute(this::awaitBusy); // the one thread is taken: what follows waits in the queue
    submit("a");
    submit("b");
    submit("c");

    queue.hurry(new ResourceID("c", "shop"));
    queue.hurry(new ResourceID("d", "shop"));
    submit("d");
    submit("e");
    busy.countDown();

    assertTrue(drained());
    assertEquals(List.of("c", "d", "a", "b", "e"), ran);
  }

  @Test
  void aStackHurriedTwiceGoesFirstOnceAndItsLaterPassesKeepTheirTurn() throws Exception {
    queue.execute(this::awaitBusy);
    submit("a");
    submit("b");
    queue.hurry(new ResourceID("b", "shop"));
    queue.hurry(new ResourceID("b", "shop"));
    busy.countDown();
    assertTrue(drained());
    submit("a");
    submit("b");
    assertTrue(drained());

    assertEquals(List.of("b", "a", "a", "b"), ran);
  }

  /** As JOSDK submits a pass: with the stack in the logging context. */
  private void submit(String name) {
    RockOfAges stack = Specs.resource("shop", name, Specs.minimal());
    MDCUtils.addResourceInfo(stack);
    try {
      queue.execute(() -> ran.add(name));
    } finally {
      MDCUtils.removeResourceInfo();
    }
  }

  private void awaitBusy() {
    try {
      busy.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether everything submitted so far has run. */
  private boolean drained() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    queue.execute(done::countDown); // last in the order submitted, none of the others hurried past it
    return done.await(10, TimeUnit.SECONDS);
  }
}
