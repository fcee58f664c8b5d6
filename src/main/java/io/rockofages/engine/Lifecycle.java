package io.rockofages.engine;

import io.rockofages.api.RockOfAgesSpec;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the engine may do to a component's resource besides updating it, in one value: replace it
 * when a field needs that, and delete it when the stack goes (or keep it, and why; or count it
 * gone with another component that takes it along, as a bucket takes its objects).
 *
 * @param keptBecause why the resource stays in AWS when the stack is deleted, given the spec; empty: it is deleted
 * @param removedWith the component whose deletion removes this one too, or null
 * @param neverDeleted shared infrastructure: kept whatever the spec says
 */
public record Lifecycle(boolean replaceable, Function<RockOfAgesSpec, Optional<String>> keptBecause,
    Ref<?> removedWith, boolean neverDeleted) {
  /** Replaced when a field needs it, deleted with the stack. */
  public static final Lifecycle DEFAULT = new Lifecycle(true, spec -> Optional.empty(), null, false);

  /** Never replaced by the engine: a change that would need it stalls with the fields named. */
  public static Lifecycle neverReplaced() {
    return new Lifecycle(false, spec -> Optional.empty(), null, false);
  }

  /** Never replaced, never deleted (shared infrastructure). */
  public static Lifecycle shared(String why) {
    return new Lifecycle(false, spec -> Optional.of(why), null, true);
  }

  /** Deleted by {@code owner}'s deletion (objects in a bucket); never replaced on its own. */
  public static Lifecycle removedWith(Ref<?> owner) {
    return new Lifecycle(false, spec -> Optional.empty(), owner, false);
  }

  public Lifecycle keptWhen(Function<RockOfAgesSpec, Optional<String>> why) {
    return new Lifecycle(replaceable, why, removedWith, neverDeleted);
  }

  public Optional<String> keptOnDelete(RockOfAgesSpec spec) {
    return keptBecause.apply(spec);
  }

  /** Whether deleting the stack can ask the component itself to delete its resource. */
  boolean deletesItself() {
    return removedWith == null && !neverDeleted;
  }
}
