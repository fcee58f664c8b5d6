package io.rockofages.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of AWS resource of the stack (the managed-resource contract of Crossplane and ACK).
 * desired, diff and readiness are pure; AWS is touched only in observe, create, update and delete,
 * and none of them waits for AWS: a resource still on its way reports PROGRESSING and the driver
 * comes back later.
 *
 * @param <D> the desired state, computed from the spec and the outputs of dependencies
 * @param <O> the observed state, read from AWS
 */
public interface Component<D, O> {
  /** Stable name, used in status, events and the rockofages.io/component tag. */
  String name();

  /** The status condition group this component counts towards. */
  ComponentGroup group();

  /** Names of components whose observed state {@link #desired} reads. */
  List<String> dependsOn();

  /**
   * Whether {@code dependency} must be ready before this component acts, or merely exist (a bucket
   * policy naming a distribution needs its ARN, not its deployment to every edge location).
   */
  default boolean needsReady(String dependency) {
    return true;
  }

  D desired(StackContext ctx);

  /** AWS reads only; finds the resource by ownership tags or its deterministic name. */
  Optional<O> observe(StackContext ctx);

  Diff diff(D desired, O observed);

  Readiness readiness(O observed);

  /** Idempotent: a retry after a crash finds or reuses what the first attempt made. */
  O create(D desired, StackContext ctx);

  /** Makes the IN_PLACE changes of {@code diff}; may take several passes (returns the new observed state). */
  O update(D desired, O observed, Diff diff, StackContext ctx);

  /** One step of deletion; NotFound counts as gone. */
  DeleteResult delete(O observed, StackContext ctx);

  /** The AWS id or ARN shown in status. */
  String id(O observed);

  /** Whether the engine may replace the resource when a REPLACE change is needed; if not, it stalls. */
  default boolean replaceable() {
    return true;
  }

  /**
   * Why this component stays in AWS when the stack is deleted, if it does: shared infrastructure
   * (the network) or a spec that asks to keep it (a retained database).
   */
  default Optional<String> retainedOnDelete(StackContext ctx) {
    return Optional.empty();
  }

  /** Called instead of delete for a retained component: let go of what would block other deletions. */
  default void release(StackContext ctx) {}

  /** Where people reach what this component runs. */
  default Map<Endpoint, String> endpoints(O observed) {
    return Map.of();
  }

  /** Security advisories the desired state earns (e.g. SSH open to the internet). */
  default List<String> warnings(D desired) {
    return List.of();
  }
}
