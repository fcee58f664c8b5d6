package io.rockofages.engine;

import io.rockofages.api.ComponentStatus;
import io.rockofages.api.DriftRecord;
import io.rockofages.api.RockOfAgesStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drift: a difference between AWS and a spec that has not changed since the last pass, and that
 * the last pass did not already see and leave (under Observe, or not done yet), so someone changed
 * AWS behind the operator's back. Each is recorded with when it was first seen and when it
 * was put back (once the component is ready again); the last {@value #KEPT} are kept in status.
 */
final class Drift {
  private Drift() {}

  static final int KEPT = 20;

  /** Sets status.drift and status.driftCount from the previous status and what this pass found. */
  static void record(PassResult pass, RockOfAgesStatus previous, long generation, String now, RockOfAgesStatus status) {
    // Copies: the previous status must stay as it was, or "did status change" would compare a record with itself.
    List<DriftRecord> records = new ArrayList<>(previous == null ? List.of()
        : previous.getDrift().stream().map(DriftRecord::new).toList());
    long count = previous == null || previous.getDriftCount() == null ? 0 : previous.getDriftCount();
    boolean specUnchanged = previous != null && previous.getObservedGeneration() != null
        && previous.getObservedGeneration() == generation;
    boolean looked = pass.mode() == PassResult.Mode.RECONCILE || pass.mode() == PassResult.Mode.OBSERVE;
    if (looked && specUnchanged) {
      for (ComponentOutcome o : pass.outcomes()) {
        for (DriftRecord found : found(o, previous)) {
          Optional<DriftRecord> open = records.stream()
              .filter(r -> r.getRepairedAt() == null && r.sameDifference(found)).findFirst();
          if (open.isEmpty() && plannedBefore(found, previous)) {
            continue; // seen and left by the last pass (Observe, or a change not made yet): nothing new
          }
          DriftRecord current = open.orElse(found);
          if (open.isEmpty()) {
            found.setFirstSeen(now);
            records.add(found);
            count++;
          }
          if (o.isReady()) {
            current.setRepairedAt(now);
          }
        }
      }
      // A repair that took several passes (stop, modify, start) ends when the component is ready again.
      records.stream().filter(r -> r.getRepairedAt() == null)
          .filter(r -> pass.outcome(r.getComponent()).map(o -> o.isReady() && o.action() == Action.NONE).orElse(false))
          .forEach(r -> r.setRepairedAt(now));
    }
    status.setDrift(List.copyOf(records.subList(Math.max(0, records.size() - KEPT), records.size())));
    status.setDriftCount(count);
  }

  /** Whether the previous pass's plan already listed {@code found}: a difference since before that pass. */
  private static boolean plannedBefore(DriftRecord found, RockOfAgesStatus previous) {
    return previous.getPlan().stream().anyMatch(planned -> found.sameDifference(new DriftRecord(
        planned.getComponent(), planned.getField(), planned.getDesired(), planned.getCurrent(), null, null)));
  }

  /** The drifts one component's outcome shows: changed fields, or a resource that was there and is gone. */
  private static List<DriftRecord> found(ComponentOutcome o, RockOfAgesStatus previous) {
    if (o.action() == Action.UPDATE || o.action() == Action.REPLACE) {
      return o.changes().stream().map(c -> new DriftRecord(o.name(), c.field(), c.to(), c.from(), null, null)).toList();
    }
    boolean existedBefore = previous.getComponents().stream()
        .anyMatch(c -> c.getName().equals(o.name()) && c.getId() != null && "Ready".equals(c.getState()));
    if (o.action() == Action.CREATE && existedBefore) {
      String id = previous.getComponents().stream().filter(c -> c.getName().equals(o.name()))
          .map(ComponentStatus::getId).findFirst().orElse(null);
      return List.of(new DriftRecord(o.name(), "exists", "exists", id + " is gone", null, null));
    }
    return List.of();
  }
}
