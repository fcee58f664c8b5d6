package io.rockofages.operator;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.MDC;

/**
 * The threads JOSDK runs passes on, with one difference from its own pool: a pass the drift watch
 * asked for ({@link #hurry}) goes ahead of the resyncs waiting, which otherwise all go first when
 * passes do not keep up with the resync (a slow or throttled AWS), and drift would wait for them.
 *
 * <p>JOSDK hands over a pass as a plain {@code Runnable}; which stack it is for is read from the
 * logging context (MDC) JOSDK sets for that stack while it submits the pass.
 */
final class PassQueue extends ThreadPoolExecutor {
  private static final String NAME = "resource.name";
  private static final String NAMESPACE = "resource.namespace";

  private final AtomicLong submitted = new AtomicLong();
  /** Stacks whose next pass goes first, once JOSDK submits it. */
  private final Set<ResourceID> hurried = ConcurrentHashMap.newKeySet();
  /** Each stack's pass waiting for a thread. */
  private final Map<ResourceID, Pass> waiting = new ConcurrentHashMap<>();

  PassQueue(int threads) {
    super(threads, threads, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), new Named());
  }

  @Override
  public void execute(Runnable command) {
    Optional<ResourceID> stack = Optional.ofNullable(MDC.get(NAME))
        .map(name -> new ResourceID(name, MDC.get(NAMESPACE)));
    Pass pass = new Pass(command, stack, stack.map(hurried::remove).orElse(false), submitted.incrementAndGet());
    stack.ifPresent(id -> waiting.put(id, pass));
    super.execute(pass);
  }

  /** The stack's next pass goes before the resyncs: the one waiting now, else the next one submitted. */
  void hurry(ResourceID stack) {
    Pass pass = waiting.get(stack);
    if (pass != null && pass.first) {
      return;
    }
    if (pass != null && getQueue().remove(pass)) {
      Pass first = new Pass(pass.command, pass.stack, true, pass.order);
      waiting.replace(stack, pass, first);
      getQueue().add(first);
    } else {
      hurried.add(stack);
    }
  }

  /** A pass in the queue: hurried ones first, then in the order submitted. */
  private final class Pass implements Runnable, Comparable<Pass> {
    private final Runnable command;
    private final Optional<ResourceID> stack;
    private final boolean first;
    private final long order;

    private Pass(Runnable command, Optional<ResourceID> stack, boolean first, long order) {
      this.command = command;
      this.stack = stack;
      this.first = first;
      this.order = order;
    }

    @Override
    public void run() {
      stack.ifPresent(id -> waiting.remove(id, this));
      command.run();
    }

    @Override
    public int compareTo(Pass other) {
      return first != other.first ? (first ? -1 : 1) : Long.compare(order, other.order);
    }
  }

  private static final class Named implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      return new Thread(runnable, "pass-" + count.incrementAndGet());
    }
  }
}
