package io.rockofages.api;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The annotations a person sets on a RockOfAges to steer the operator without editing the spec. */
public final class Annotations {
  private Annotations() {}

  /** {@code "true"}: the operator makes no AWS call for the stack, not even to delete it, until it is removed. */
  public static final String PAUSED = "rockofages.io/paused";
  /** Any new value: a pass now, whatever the resync; status.lastHandledReconcileAt echoes the value handled. */
  public static final String RECONCILE_REQUESTED_AT = "rockofages.io/reconcile-requested-at";

  public static boolean paused(RockOfAges resource) {
    return "true".equals(of(resource).get(PAUSED));
  }

  public static Optional<String> reconcileRequestedAt(RockOfAges resource) {
    return Optional.ofNullable(of(resource).get(RECONCILE_REQUESTED_AT));
  }

  /** Whether the two versions differ in an annotation that steers the operator. */
  public static boolean steeringChanged(RockOfAges newer, RockOfAges older) {
    return !Objects.equals(of(newer).get(PAUSED), of(older).get(PAUSED))
        || !Objects.equals(of(newer).get(RECONCILE_REQUESTED_AT), of(older).get(RECONCILE_REQUESTED_AT));
  }

  private static Map<String, String> of(RockOfAges resource) {
    Map<String, String> annotations = resource.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }
}
