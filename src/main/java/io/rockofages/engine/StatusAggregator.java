package io.rockofages.engine;

import io.rockofages.api.ComponentStatus;
import io.rockofages.api.Condition;
import io.rockofages.api.Conditions.Phase;
import io.rockofages.api.Conditions;
import io.rockofages.api.Endpoints;
import io.rockofages.api.OrphanStatus;
import io.rockofages.api.PlannedChange;
import io.rockofages.api.RockOfAgesStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the whole status from one pass, in one place: conditions, phase, components, endpoints
 * and warnings. A condition keeps its lastTransitionTime unless its status changes.
 */
public final class StatusAggregator {
  private StatusAggregator() {}

  public static RockOfAgesStatus aggregate(PassResult pass, RockOfAgesStatus previous, long generation,
      Instant now) {
    RockOfAgesStatus status = new RockOfAgesStatus();
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    status.setObservedGeneration(generation);
    status.setComponents(pass.outcomes().stream()
        .map(o -> new ComponentStatus(o.name(), o.id(), o.state().name(), o.message(), time, o.version())).toList());
    status.setEndpoints(Endpoints.of(pass.endpoints()));
    status.setWarnings(new ArrayList<>(pass.warnings()));
    status.setPlan(plan(pass));
    status.setOrphans(orphans(pass));
    Drift.record(pass, previous, generation, time, status);

    List<Condition> conditions = new ArrayList<>();
    boolean deleting = pass.mode() == PassResult.Mode.DESTROY;
    boolean observing = pass.mode() == PassResult.Mode.OBSERVE;
    var stall = pass.stall();
    boolean ready = !deleting && pass.allReady();
    if (observing && !ready && stall.isEmpty()) {
      // Nothing is on its way: the differences stay until AWS or the spec changes, or the policy does.
      conditions.add(condition(Conditions.READY, false, OBSERVE_ONLY, OBSERVE_DIFFERS + notReadyMessage(pass)));
      conditions.add(condition(Conditions.RECONCILING, false, OBSERVE_ONLY, OBSERVE_CHANGES_NOTHING));
    } else {
      conditions.add(ready ? condition(Conditions.READY, true, "AllComponentsReady", "every component is ready")
          : condition(Conditions.READY, false, deleting ? "Deleting" : stall.isPresent() ? "Stalled" : "NotReady",
              notReadyMessage(pass)));
      conditions.add(!ready && stall.isEmpty()
          ? condition(Conditions.RECONCILING, true, deleting ? "Deleting" : "Progressing", notReadyMessage(pass))
          : condition(Conditions.RECONCILING, false, ready ? "Ready" : "Stalled",
              ready ? "nothing left to do" : "waiting for the spec or AWS permissions to change"));
    }
    conditions.add(stall.map(o -> condition(Conditions.STALLED, true, reasonOf(o), o.name() + ": " + o.message()))
        .orElseGet(() -> condition(Conditions.STALLED, false, "NotStalled", "no error needs a person")));
    // One condition per group the stack has, in stack order; a section the spec does not have gets none.
    for (Group group : pass.outcomes().stream().map(ComponentOutcome::group).distinct().toList()) {
      List<ComponentOutcome> members = pass.outcomes().stream().filter(o -> o.group().equals(group)).toList();
      boolean groupReady = members.stream().allMatch(ComponentOutcome::isReady);
      conditions.add(groupReady ? condition(group.conditionType(), true, "Ready", "ready")
          : condition(group.conditionType(), false, "NotReady", describe(members)));
    }
    conditions.add(pass.warnings().isEmpty()
        ? condition(Conditions.SECURITY_ADVISORY, false, "NoAdvisories", "the spec asks for nothing risky")
        : condition(Conditions.SECURITY_ADVISORY, true, "InsecureSettings", String.join("; ", pass.warnings())));
    if (observing) {
      conditions.add(condition(Conditions.OBSERVE_ONLY, true, OBSERVE_ONLY, OBSERVE_CHANGES_NOTHING));
    }
    stamp(conditions, previous, generation, time, status);
    status.setPhase(phase(pass, ready, stall.isPresent(), previous).name());
    return status;
  }

  private static final String OBSERVE_ONLY = "ObserveOnly";
  private static final String OBSERVE_CHANGES_NOTHING = "managementPolicy Observe: rockofages reads AWS and changes "
      + "nothing; set Manage to apply the plan";
  private static final String OBSERVE_DIFFERS = "managementPolicy Observe: AWS differs from the spec and is left as "
      + "it is: ";

  /**
   * The changes still to make after this pass (for a plan: all it found), one per field, with why
   * when a change is refused or failing. Empty when AWS matches the spec.
   */
  public static List<PlannedChange> plan(PassResult pass) {
    if (pass.mode() == PassResult.Mode.DESTROY) {
      return List.of();
    }
    List<PlannedChange> plan = new ArrayList<>();
    for (ComponentOutcome o : pass.outcomes()) {
      boolean done = !pass.mode().changesNothing() && o.changedAws() && o.error() == null
          && (o.isReady() || o.isGone());
      if (o.action() == Action.NONE || done) {
        continue;
      }
      String action = o.action().name().charAt(0) + o.action().name().substring(1).toLowerCase();
      String reason = o.error() != null || o.state() == ComponentState.Waiting ? o.message() : null;
      if (o.changes().isEmpty()) {
        plan.add(new PlannedChange(o.name(), action, null, null, null, reason));
      }
      o.changes().forEach(c -> plan.add(new PlannedChange(o.name(), action, c.field(), c.from(), c.to(), reason)));
    }
    return plan;
  }

  /** The orphans of the pass as status lists them. */
  public static List<OrphanStatus> orphans(PassResult pass) {
    return pass.orphans().stream().map(o -> new OrphanStatus(o.resource().arn(), o.resource().component(), o.state()))
        .toList();
  }

  /**
   * Status for a spec that cannot be used (schema or region): Stalled with the problems; the last
   * known components and endpoints stay, since nothing in AWS changed.
   */
  public static RockOfAgesStatus rejected(String problems, RockOfAgesStatus previous, long generation, Instant now) {
    RockOfAgesStatus status = lastKnown(previous, generation);
    status.setPhase(Phase.Failed.name());
    stamp(List.of(condition(Conditions.READY, false, "InvalidSpec", problems),
        condition(Conditions.RECONCILING, false, "InvalidSpec", "waiting for the spec to be fixed"),
        condition(Conditions.STALLED, true, "InvalidSpec", problems)), previous, generation,
        now.truncatedTo(ChronoUnit.SECONDS).toString(), status);
    return status;
  }

  /**
   * Status for a paused stack: what the last pass saw stays (AWS was not looked at), the phase and
   * a Paused condition say so, and Ready is False: nothing vouches for AWS while paused.
   */
  public static RockOfAgesStatus paused(String why, RockOfAgesStatus previous, long generation, Instant now) {
    RockOfAgesStatus status = lastKnown(previous, generation);
    status.setPlan(previous == null ? List.of() : previous.getPlan());
    status.setPhase(Phase.Paused.name());
    // The per-section conditions go: they would claim an observation of this generation that was not made.
    stamp(List.of(condition(Conditions.READY, false, "Paused", why),
        condition(Conditions.RECONCILING, false, "Paused", why),
        condition(Conditions.STALLED, false, "Paused", "paused, not stalled"),
        condition(Conditions.PAUSED, true, "PausedByAnnotation", why)), previous, generation,
        now.truncatedTo(ChronoUnit.SECONDS).toString(), status);
    return status;
  }

  /** A status for {@code generation} that keeps what the previous one knew of AWS, with no conditions yet. */
  private static RockOfAgesStatus lastKnown(RockOfAgesStatus previous, long generation) {
    RockOfAgesStatus status = new RockOfAgesStatus();
    if (previous != null) {
      status.setComponents(previous.getComponents());
      status.setEndpoints(previous.getEndpoints());
      status.setWarnings(previous.getWarnings());
      status.setRegion(previous.getRegion());
      status.setDrift(previous.getDrift());
      status.setDriftCount(previous.getDriftCount());
      status.setOrphans(previous.getOrphans());
      status.setPasswordCheck(previous.getPasswordCheck());
    }
    status.setObservedGeneration(generation);
    return status;
  }

  /** Sets generation and transition times (kept from the previous condition of the same status) and stores them. */
  private static void stamp(List<Condition> conditions, RockOfAgesStatus previous, long generation, String time,
      RockOfAgesStatus status) {
    conditions.forEach(c -> {
      c.setObservedGeneration(generation);
      c.setLastTransitionTime(previous == null ? time : previous.condition(c.getType())
          .filter(old -> old.getStatus().equals(c.getStatus())).map(Condition::getLastTransitionTime).orElse(time));
    });
    status.setConditions(new ArrayList<>(conditions));
  }

  private static Phase phase(PassResult pass, boolean ready, boolean stalled, RockOfAgesStatus previous) {
    if (pass.mode() == PassResult.Mode.DESTROY) {
      return Phase.Deleting;
    }
    if (ready) {
      return Phase.Ready;
    }
    if (stalled) {
      return Phase.Failed;
    }
    if (pass.mode() == PassResult.Mode.OBSERVE) {
      return Phase.OutOfSync;
    }
    boolean wasReady = previous != null && (Phase.Ready.name().equals(previous.getPhase())
        || Phase.Degraded.name().equals(previous.getPhase()));
    if (wasReady) {
      return Phase.Degraded;
    }
    boolean nothingYet = pass.outcomes().stream().noneMatch(o -> o.id() != null || o.changedAws());
    return nothingYet ? Phase.Pending : Phase.Provisioning;
  }

  private static String reasonOf(ComponentOutcome outcome) {
    return switch (outcome.error()) {
      case CONFLICT -> "NotOwnedByThisStack";
      case ACCESS_DENIED -> "AccessDenied";
      default -> "InvalidSpec";
    };
  }

  private static String notReadyMessage(PassResult pass) {
    return describe(pass.outcomes().stream().filter(o -> !o.isReady()).toList());
  }

  private static String describe(List<ComponentOutcome> outcomes) {
    return outcomes.isEmpty() ? "no components" : outcomes.stream()
        .map(o -> o.name() + " " + o.state() + (o.message() == null ? "" : " (" + o.message() + ")"))
        .collect(Collectors.joining("; "));
  }

  private static Condition condition(String type, boolean status, String reason, String message) {
    return new Condition(type, status ? Condition.TRUE : Condition.FALSE, reason, message);
  }
}
