package io.rockofages.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.Actor;
import io.rockofages.aws.AwsServices;
import io.rockofages.components.StackCatalog;
import io.rockofages.engine.PassResult;
import io.rockofages.engine.StackContext;
import io.rockofages.engine.StackEngine;

import io.rockofages.aws.AwsCallMeter;
import io.rockofages.engine.Secret;
import io.rockofages.engine.StackInputs;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Runs engine passes the way the drivers do: a fresh context per pass, a bounded number of passes. */
public final class Passes {
  private final StackId stack;
  private final AwsServices aws;

  public Passes(StackId stack, AwsServices aws) {
    this.stack = stack;
    this.aws = aws;
  }

  /**
   * The master password tests use when the spec brings its own (passwordSecretRef); a real driver
   * reads it from a Secret or a file. By default RDS keeps it, and passes supply none.
   */
  public static final Secret DB_PASSWORD = new Secret("s3cret-Pa55word-for-tests");

  private StackInputs inputs = StackInputs.none();

  /** The password a spec with passwordSecretRef brings. */
  public Passes withPassword(Secret newPassword) {
    inputs = inputs.withDatabasePassword(newPassword);
    return this;
  }

  /** The stack's passes in a process started again on {@code restarted}: what status reported carries over. */
  public Passes restartedOn(AwsServices restarted) {
    Passes passes = new Passes(stack, restarted);
    passes.inputs = inputs;
    return passes;
  }

  /** Who drives the following passes (by default the CLI, unforced). */
  public Passes as(Actor actor) {
    inputs = inputs.withActor(actor);
    return this;
  }

  /** The site files the driver would read from the ConfigMap. */
  public Passes withSiteContent(Map<String, String> files) {
    Map<String, byte[]> bytes = new TreeMap<>();
    files.forEach((key, text) -> bytes.put(key, text.getBytes(StandardCharsets.UTF_8)));
    inputs = inputs.withSiteContent(bytes);
    return this;
  }

  public StackContext context(RockOfAgesSpec spec) {
    return new StackContext(stack, spec, aws, Clock.systemUTC(), inputs);
  }

  public PassResult plan(RockOfAgesSpec spec) {
    return engine(spec).plan(context(spec));
  }

  public PassResult reconcile(RockOfAgesSpec spec) {
    return reported(engine(spec).reconcile(context(spec)));
  }

  public PassResult destroy(RockOfAgesSpec spec) {
    return reported(engine(spec).destroy(context(spec)));
  }

  /** What the operator keeps in status and hands to the next pass: the id (and version) each component reported. */
  private PassResult reported(PassResult result) {
    Map<String, String> ids = new TreeMap<>();
    Map<String, String> versions = new TreeMap<>();
    result.outcomes().stream().filter(o -> o.id() != null).forEach(o -> ids.put(o.name(), o.id()));
    result.outcomes().stream().filter(o -> o.version() != null).forEach(o -> versions.put(o.name(), o.version()));
    inputs = inputs.withKnown(ids, versions);
    return result;
  }

  public PassResult reconcileUntilReady(RockOfAgesSpec spec) {
    return repeat(() -> reconcile(spec), PassResult::allReady, "ready");
  }

  /**
   * Brings the stack to Ready, then checks that one more pass is a no-op: ready, no change found,
   * and not a single mutating AWS call (the meter is reset in between).
   */
  public PassResult assertSecondPassChangesNothing(RockOfAgesSpec spec, AwsCallMeter meter) {
    reconcileUntilReady(spec);
    meter.reset();
    PassResult again = reconcile(spec);
    assertTrue(again.allReady(), again.outcomes().toString());
    assertFalse(again.hasChanges(), again.outcomes().toString());
    assertEquals(0, meter.mutatingCalls(), meter.snapshot().toString());
    assertTrue(meter.total() > 0, "the pass did read AWS");
    return again;
  }

  public PassResult destroyUntilGone(RockOfAgesSpec spec) {
    return repeat(() -> destroy(spec), PassResult::allGone, "gone");
  }

  private static PassResult repeat(java.util.function.Supplier<PassResult> pass, Predicate<PassResult> done,
      String goal) {
    PassResult last = null;
    for (int i = 0; i < 8; i++) {
      last = pass.get();
      if (done.test(last)) {
        return last;
      }
    }
    throw new AssertionError("not " + goal + " after 8 passes: " + last.outcomes());
  }

  private static StackEngine engine(RockOfAgesSpec spec) {
    return StackCatalog.engineFor(spec);
  }
}
