package io.rockofages.engine;

import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.OwnedResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one pass over the whole stack: per component, plus warnings, endpoints (by key)
 * and the connection details of ready components, for the driver to publish.
 */
public record PassResult(Mode mode, List<ComponentOutcome> outcomes, List<String> warnings,
    Map<String, String> endpoints, List<Connection> connections, List<Orphan> orphans) {

  /** A resource tagged for the stack that no component claims, and what this pass did about it. */
  public record Orphan(OwnedResource resource, String state, boolean changedAws) {}


  /** What the pass was for. OBSERVE is a reconcile of a stack whose managementPolicy is Observe: a plan. */
  public enum Mode {
    PLAN, OBSERVE, RECONCILE, DESTROY;

    /** Whether the pass only looked: its outcomes are what it would do. */
    public boolean changesNothing() {
      return this == PLAN || this == OBSERVE;
    }
  }

  public PassResult {
    outcomes = List.copyOf(outcomes);
    warnings = List.copyOf(warnings);
    endpoints = Map.copyOf(endpoints);
    connections = List.copyOf(connections);
    orphans = List.copyOf(orphans);
  }

  /** Every component ready, and every removed section gone (or kept, as its policy says). */
  public boolean allReady() {
    return outcomes.stream().allMatch(o -> o.isReady() || o.isGone());
  }

  public boolean allGone() {
    return outcomes.stream().allMatch(ComponentOutcome::isGone);
  }

  /** Whether any component has a change found (in a plan: would be made). */
  public boolean hasChanges() {
    return outcomes.stream().anyMatch(o -> o.action() != Action.NONE);
  }

  public boolean changedAws() {
    return outcomes.stream().anyMatch(ComponentOutcome::changedAws);
  }

  /** The first failure that retrying without a spec change cannot fix. */
  public Optional<ComponentOutcome> stall() {
    return outcomes.stream().filter(o -> o.errorKind().map(ErrorKind::stalls).orElse(false)).findFirst();
  }

  public boolean throttled() {
    return outcomes.stream().anyMatch(o -> o.error() == ErrorKind.THROTTLED);
  }

  public Optional<ComponentOutcome> outcome(String component) {
    return outcomes.stream().filter(o -> o.name().equals(component)).findFirst();
  }
}
