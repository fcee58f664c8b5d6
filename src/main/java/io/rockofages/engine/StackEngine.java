package io.rockofages.engine;

import io.rockofages.api.DeletionPolicy;
import io.rockofages.api.OrphanPolicy;
import io.rockofages.aws.AwsErrors;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Inventory;
import io.rockofages.aws.OwnedResource;
import io.rockofages.aws.StackException;
import io.rockofages.aws.TagsLost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Drives a {@link Stack}: one pass observes every component and diffs it (the plan), then acts on
 * the plan in dependency order. Nothing waits for AWS; a component still on its way is reported
 * and the caller runs another pass later. The operator and the CLI both drive this class.
 */
public final class StackEngine {
  private final Function<Inventory, Stack> assembly;
  private final OrphanReaper reaper;

  /** A stack that does not depend on what AWS holds (tests of the engine alone). */
  public StackEngine(Stack stack) {
    this(inventory -> stack, OrphanReaper.NONE);
  }

  /**
   * @param assembly the stack for what AWS holds: the spec's components, plus removals for the
   *     sections AWS still has and the spec no longer asks for
   * @param reaper how orphans are deleted when the spec's orphanPolicy says Delete
   */
  public StackEngine(Function<Inventory, Stack> assembly, OrphanReaper reaper) {
    this.assembly = assembly;
    this.reaper = reaper;
  }

  /** Observes and diffs; changes nothing in AWS. Removed sections still in AWS show as deletes. */
  public PassResult plan(StackContext ctx) {
    return plan(ctx, PassResult.Mode.PLAN);
  }

  private PassResult plan(StackContext ctx, PassResult.Mode mode) {
    readAhead(ctx);
    Inventory inventory = ctx.inventory();
    Stack stack = assembly.apply(inventory);
    List<Planned<?, ?>> plan = observeAll(stack.components(), ctx, false);
    List<ComponentOutcome> outcomes = new ArrayList<>(plan.stream().map(Planned::asPlanOutcome).toList());
    StackContext removalCtx = ctx.withSpec(stack.removalSpec());
    for (Component<?, ?> removal : stack.removals()) {
      new Planned<>(removal, removalCtx).asRemovalPlan().ifPresent(outcomes::add);
    }
    return result(mode, outcomes, plan, orphans(inventory, plan, outcomes).stream()
        .map(o -> new PassResult.Orphan(o, deletesOrphans(ctx) ? "will be deleted (orphanPolicy Delete)" : "Reported",
            false)).toList());
  }

  /**
   * One pass: plan, then create, update or replace whatever differs, and take down removed sections.
   * A stack whose managementPolicy is Observe gets the plan alone: nothing is written, ever.
   */
  public PassResult reconcile(StackContext ctx) {
    if (ctx.spec().observeOnly()) {
      return plan(ctx, PassResult.Mode.OBSERVE);
    }
    readAhead(ctx);
    Inventory inventory = ctx.inventory();
    Stack stack = assembly.apply(inventory);
    Optional<String> someoneElses = ctx.actor().refusal(ctx.stack(), inventory);
    if (someoneElses.isPresent()) {
      return leftToItsActor(PassResult.Mode.RECONCILE, stack, someoneElses.get());
    }
    ctx.markForActor(inventory);
    List<Planned<?, ?>> plan = observeAll(stack.components(), ctx, true);
    Optional<Planned<?, ?>> unownable = plan.stream().filter(Planned::isNotOurs).findFirst();
    if (unownable.isPresent()) {
      return refuseAll(plan, unownable.get());
    }
    Map<String, ComponentOutcome> outcomes = new LinkedHashMap<>();
    for (Planned<?, ?> planned : plan) {
      Optional<String> blocker = planned.component.dependencies().stream()
          .filter(d -> !d.satisfiedBy(outcomes.get(d.ref().name()))).map(d -> d.ref().name()).findFirst();
      ComponentOutcome outcome = blocker
          .map(d -> planned.waiting("waiting for " + d + " (" + outcomes.get(d).state() + ")"))
          .orElseGet(planned::act);
      outcomes.put(planned.component.name(), outcome);
    }
    List<ComponentOutcome> all = new ArrayList<>(outcomes.values());
    List<Component<?, ?>> removals = stack.teardownOrder().stream().filter(stack::isRemoval).toList();
    teardown(stack, removals, ctx, Optional.empty()).values().stream()
        .filter(o -> o.action() != Action.NONE || o.state() != ComponentState.Deleted).forEach(all::add);
    List<PassResult.Orphan> orphans = orphans(inventory, plan, all).stream().map(o -> deletesOrphans(ctx)
        ? reap(o, ctx) : new PassResult.Orphan(o, "Reported", false)).toList();
    return result(PassResult.Mode.RECONCILE, all, plan, orphans);
  }

  /**
   * Starts what the pass reads with every other stack, the inventory and the listings of the spec's
   * components, before it waits on the first ({@link io.rockofages.aws.SharedReads#readAhead}).
   */
  private void readAhead(StackContext ctx) {
    if (ctx.shared().on()) {
      ctx.readInventoryAhead();
      assembly.apply(Inventory.EMPTY).components().forEach(component -> component.readAhead(ctx.scopedTo(component)));
    }
  }

  /**
   * A stack that cannot own one of its resources changes nothing: creating the rest would leave
   * pieces of a stack that can never be whole (and that a destroy could not account for).
   */
  private static PassResult refuseAll(List<Planned<?, ?>> plan, Planned<?, ?> unownable) {
    String reason = "nothing is changed while " + unownable.component.name() + " is not this stack's to manage";
    List<ComponentOutcome> outcomes = plan.stream()
        .map(p -> p.isNotOurs() ? p.asPlanOutcome() : p.waiting(reason)).toList();
    return result(PassResult.Mode.RECONCILE, outcomes, plan, List.of());
  }

  /** Why the context's actor must leave the stack alone (another actor's mark is on its resources), if it must. */
  public Optional<String> leftToAnotherActor(StackContext ctx) {
    return ctx.actor().refusal(ctx.stack(), ctx.inventory());
  }

  /**
   * A stack another actor manages (its resources carry that actor's mark): nothing is read further
   * or changed, and every component says why, as a CONFLICT that stalls until the mark or the actor changes.
   */
  private static PassResult leftToItsActor(PassResult.Mode mode, Stack stack, String why) {
    List<ComponentOutcome> outcomes = Stream.concat(stack.components().stream(), stack.removals().stream())
        .map(c -> new ComponentOutcome(c.name(), c.group(), Action.NONE, List.of(), ComponentState.Failed, null, why,
            ErrorKind.CONFLICT, false, null)).toList();
    return new PassResult(mode, outcomes, List.of(), Map.of(), List.of(), List.of());
  }

  /**
   * One step of teardown, in reverse dependency order: a component is deleted only once everything
   * that depends on it is gone. With deletionPolicy Retain or managementPolicy Observe nothing in AWS
   * is touched.
   */
  public PassResult destroy(StackContext ctx) {
    Inventory inventory = ctx.inventory();
    Stack stack = assembly.apply(inventory);
    Optional<String> someoneElses = ctx.actor().refusal(ctx.stack(), inventory);
    if (someoneElses.isPresent() && retainedByPolicy(ctx).isEmpty()) {
      return leftToItsActor(PassResult.Mode.DESTROY, stack, someoneElses.get());
    }
    Map<String, ComponentOutcome> outcomes = teardown(stack, stack.teardownOrder(), ctx, retainedByPolicy(ctx));
    List<ComponentOutcome> inOrder = Stream.concat(stack.components().stream(), stack.removals().stream())
        .map(c -> outcomes.get(c.name())).toList();
    return new PassResult(PassResult.Mode.DESTROY, inOrder, List.of(), Map.of(), List.of(), List.of());
  }

  /**
   * What a destroy would delete, changing nothing: each component whose resource AWS holds, as a
   * delete, or kept with why; components with nothing in AWS are left out. A plan, in teardown order.
   */
  public PassResult destroyPlan(StackContext ctx) {
    Inventory inventory = ctx.inventory();
    Stack stack = assembly.apply(inventory);
    Optional<String> retainAll = retainedByPolicy(ctx);
    StackContext removalCtx = ctx.withSpec(stack.removalSpec());
    List<ComponentOutcome> outcomes = new ArrayList<>();
    for (Component<?, ?> component : stack.teardownOrder()) {
      StackContext own = stack.isRemoval(component) ? removalCtx : ctx;
      Optional<String> kept = retainAll.or(() -> component.lifecycle().keptOnDelete(own.spec()));
      new Planned<>(component, own).asDestroyPlan(kept).ifPresent(outcomes::add);
    }
    return new PassResult(PassResult.Mode.PLAN, outcomes, List.of(), Map.of(), List.of(), List.of());
  }

  /** Why a destroy leaves everything in AWS untouched, when the spec's policies say so. */
  private static Optional<String> retainedByPolicy(StackContext ctx) {
    if (ctx.spec().observeOnly()) {
      return Optional.of("managementPolicy Observe: left in AWS");
    }
    return ctx.spec().getDeletionPolicy() == DeletionPolicy.Retain ? Optional.of("deletionPolicy Retain: left in AWS")
        : Optional.empty();
  }

  /**
   * Deletes {@code order} (dependents first) as far as this pass can: each component once what
   * depends on it among them is gone, kept ones released. Removals use the stack's removal spec.
   *
   * @param retainAll why everything stays in AWS, untouched; empty when the teardown may delete
   */
  private static Map<String, ComponentOutcome> teardown(Stack stack, List<Component<?, ?>> order, StackContext ctx,
      Optional<String> retainAll) {
    Map<String, ComponentOutcome> outcomes = new LinkedHashMap<>();
    Set<String> tornDown = order.stream().map(Component::name).collect(Collectors.toSet());
    StackContext removalCtx = ctx.withSpec(stack.removalSpec());
    if (retainAll.isEmpty()) {
      Optional<ComponentOutcome> held = order.stream().filter(c -> c instanceof Component.Guarded<?>)
          .map(c -> new Planned<>(c, stack.isRemoval(c) ? removalCtx : ctx).holdsDeletion()).flatMap(Optional::stream)
          .findFirst();
      if (held.isPresent()) {
        order.forEach(c -> outcomes.put(c.name(), c.name().equals(held.get().name()) ? held.get()
            : simple(c, ComponentState.Waiting, "not deleted while " + held.get().name() + " holds the deletion")));
        return outcomes;
      }
    }
    for (Component<?, ?> component : order) {
      StackContext own = stack.isRemoval(component) ? removalCtx : ctx;
      Lifecycle lifecycle = component.lifecycle();
      ComponentOutcome outcome;
      Optional<String> kept = retainAll.or(() -> lifecycle.keptOnDelete(own.spec()));
      Optional<String> blocker = stack.dependentsOf(component.name()).stream()
          .filter(tornDown::contains).filter(d -> !outcomes.get(d).isGone()).findFirst();
      if (kept.isPresent()) {
        if (retainAll.isEmpty() && component instanceof Component.Releasable releasable) {
          releasable.release(own.scopedTo(component));
          own.forgetAfterWrite(component.name());
        }
        outcome = simple(component, ComponentState.Retained, kept.get());
      } else if (blocker.isPresent()) {
        outcome = simple(component, ComponentState.Waiting, "waiting for " + blocker.get() + " to be deleted");
      } else if (lifecycle.removedWith() != null) {
        outcome = simple(component, ComponentState.Deleted, "removed with " + lifecycle.removedWith().name());
      } else {
        outcome = new Planned<>(component, own).deleteStep();
      }
      outcomes.put(component.name(), outcome);
    }
    return outcomes;
  }

  /** @param acting whether the pass may write: then lost ownership tags are put back as they are found */
  private static List<Planned<?, ?>> observeAll(List<Component<?, ?>> components, StackContext ctx, boolean acting) {
    List<Planned<?, ?>> plan = new ArrayList<>();
    for (Component<?, ?> component : components) {
      Planned<?, ?> planned = new Planned<>(component, ctx);
      planned.observeAndDiff(acting);
      plan.add(planned);
    }
    return plan;
  }

  private static boolean deletesOrphans(StackContext ctx) {
    return ctx.spec().getOrphanPolicy() == OrphanPolicy.Delete;
  }

  /** One deletion step for an orphan; a failure is its state, never the pass's. */
  private PassResult.Orphan reap(OwnedResource orphan, StackContext ctx) {
    try {
      return new PassResult.Orphan(orphan, reaper.delete(orphan, ctx), true);
    } catch (RuntimeException e) {
      return new PassResult.Orphan(orphan, "not deleted: " + AwsErrors.describe(e), false);
    } finally {
      ctx.forgetInventory();
    }
  }

  /**
   * Warnings, endpoints and connections of the whole pass. An endpoint claimed by two components
   * is a bug in the catalog, not something to settle silently; a fallback gives way to a claim.
   */
  private static PassResult result(PassResult.Mode mode, List<ComponentOutcome> outcomes, List<Planned<?, ?>> plan,
      List<PassResult.Orphan> orphans) {
    Set<String> warnings = new LinkedHashSet<>();
    Map<String, String> endpoints = new LinkedHashMap<>();
    Map<String, String> claimedBy = new HashMap<>();
    Map<String, String> fallbacks = new LinkedHashMap<>();
    List<Connection> connections = new ArrayList<>();
    Map<String, ComponentOutcome> byName = new HashMap<>();
    outcomes.forEach(o -> byName.put(o.name(), o));
    for (Planned<?, ?> p : plan) {
      warnings.addAll(p.warnings());
      Outputs outputs = p.outputs();
      outputs.endpoints().forEach((key, value) -> {
        String earlier = claimedBy.putIfAbsent(key, p.component.name());
        if (earlier != null) {
          throw new IllegalStateException("endpoint " + key + " is claimed by " + earlier + " and "
              + p.component.name());
        }
        endpoints.put(key, value);
      });
      outputs.fallbacks().forEach(fallbacks::putIfAbsent);
      if (byName.get(p.component.name()).isReady()) {
        outputs.connection().ifPresent(connections::add);
      }
    }
    fallbacks.forEach(endpoints::putIfAbsent);
    return new PassResult(mode, outcomes, List.copyOf(warnings), endpoints, connections, orphans);
  }

  /**
   * Resources tagged for the stack that nothing in this pass accounts for: no component claims
   * them, no outcome names them, and no removed section keeps them. Backups (snapshots, which carry
   * the stack's tags) are meant to outlive what they back up, so they are never orphans.
   */
  private static List<OwnedResource> orphans(Inventory inventory, List<Planned<?, ?>> plan,
      List<ComponentOutcome> outcomes) {
    return inventory.resources().stream()
        .filter(resource -> !resource.isBackup())
        .filter(resource -> plan.stream().noneMatch(p -> p.claims(resource)))
        .filter(resource -> outcomes.stream().noneMatch(o -> resource.isNamedBy(o.id())
            || o.name().equals(resource.component()) && o.state() == ComponentState.Retained))
        .toList();
  }

  private static ComponentOutcome simple(Component<?, ?> component, ComponentState state, String message) {
    return new ComponentOutcome(component.name(), component.group(), Action.NONE, List.of(), state, null, message,
        null, false, null);
  }

  /**
   * One component's plan and the typed steps on it (keeps D and O together). It sees
   * the pass through a context scoped to the component, so undeclared reads fail.
   */
  private static final class Planned<D, O> {
    private final Component<D, O> component;
    private final StackContext ctx;
    private Optional<O> observed = Optional.empty();
    private D desired;
    private Diff diff = Diff.none();
    private RuntimeException observeError;
    /** Found without the stack's tag but known by the id last reported: tags to put back (plan), or put back (pass). */
    private TagsLost tagsLost;

    @SuppressWarnings("unchecked")
    Planned(Component<?, ?> component, StackContext pass) {
      this.component = (Component<D, O>) component;
      this.ctx = pass.scopedTo(component);
    }

    void observeAndDiff(boolean acting) {
      try {
        observed = observeReclaiming(acting);
        if (tagsLost != null && observed.isEmpty()) {
          return; // a plan with nothing to diff yet: it says the tags will be put on, no more
        }
        ctx.record(component.ref(), observed);
        desired = component.desired(ctx);
        diff = observed.map(o -> component.diff(desired, o)).orElse(Diff.none());
      } catch (RuntimeException e) {
        observeError = e;
      }
    }

    /**
     * Observes; a resource whose ownership tags were removed but which the stack last reported is
     * tagged again first when the pass may write, and only noted (for the plan) when it may not.
     */
    private Optional<O> observeReclaiming(boolean acting) {
      try {
        return component.observe(ctx);
      } catch (TagsLost lost) {
        tagsLost = lost;
        if (!acting) {
          return lost.found(component.ref().type());
        }
        lost.putBack();
        return component.observe(ctx);
      }
    }

    /** Observe found the resource under our name, but it is another stack's or no stack's. */
    boolean isNotOurs() {
      return observeError != null && AwsErrors.classify(observeError) == ErrorKind.CONFLICT;
    }

    Action plannedAction() {
      if (observed.isEmpty()) {
        return Action.CREATE;
      }
      if (diff.isEmpty()) {
        return Action.NONE;
      }
      return diff.needsReplacement() ? Action.REPLACE : Action.UPDATE;
    }

    ComponentOutcome asPlanOutcome() {
      if (observeError != null) {
        return failed(Action.NONE, observeError);
      }
      if (tagsLost != null && observed.isEmpty()) {
        return outcome(Action.UPDATE, ComponentState.Updating, tagsLost.id(), retagPlan(), null, false);
      }
      explainChanges();
      Action action = plannedAction();
      if (action == Action.REPLACE && !mayReplace()) {
        return refuseReplacement();
      }
      if (tagsLost != null) {
        // Tagging first, then whatever makes the resource fit the spec.
        return outcome(action == Action.NONE ? Action.UPDATE : action, ComponentState.Updating, tagsLost.id(),
            retagPlan() + (action == Action.NONE ? "" : "; then " + describePlan(action)), null, false);
      }
      ComponentState state = switch (action) {
        case CREATE -> ComponentState.Pending;
        case NONE -> stateOf(component.readiness(observed.get()), ComponentState.Updating);
        default -> ComponentState.Updating;
      };
      return outcome(action, state, observed.map(component::id).orElse(null), describePlan(action), null, false);
    }

    ComponentOutcome act() {
      if (observeError != null) {
        return failed(Action.NONE, observeError);
      }
      Action action = plannedAction();
      try {
        // Recomputed: dependencies acted on earlier in this pass may have new ids.
        desired = component.desired(ctx);
        O result;
        ComponentState busy;
        if (observed.isEmpty()) {
          if (!(component instanceof Component.Creatable)) {
            throw new StackException(ErrorKind.INVALID, component.name() + " was not found, and rockofages does not "
                + "create it");
          }
          result = createOrFind();
          busy = ComponentState.Creating;
        } else {
          diff = component.diff(desired, observed.get());
          action = plannedAction();
          if (action == Action.NONE && tagsLost != null) {
            return outcome(Action.UPDATE, ComponentState.Ready, component.id(observed.get()), retagged(), null, true);
          }
          if (action == Action.NONE) {
            return observedOutcome(Action.NONE, observed.get(), false);
          }
          if (action == Action.REPLACE && !mayReplace()) {
            return refuseReplacement();
          }
          if (action == Action.REPLACE) {
            deletable().delete(observed.get(), ctx);
            result = creatable().create(desired, ctx);
            busy = ComponentState.Replacing;
          } else {
            result = updatable().update(desired, observed.get(), diff, ctx);
            busy = ComponentState.Updating;
          }
        }
        observed = Optional.of(result);
        ctx.record(component.ref(), observed);
        Readiness readiness = component.readiness(result);
        return outcome(action, stateOf(readiness, busy), component.id(result),
            (tagsLost == null ? "" : retagged() + "; ") + describeAct(action, readiness),
            readiness.state() == Readiness.State.FAILED ? ErrorKind.INVALID : null, true);
      } catch (RuntimeException e) {
        return failed(action, e);
      } finally {
        if (action != Action.NONE || tagsLost != null) {
          // What this wrote (or may have, before failing): no stack goes on reading from before it.
          ctx.forgetAfterWrite(component.name());
        }
      }
    }

    /** What putting the stack's tags on the resource will be: an adoption, or tags put back. */
    private String retagPlan() {
      return ctx.adopting(tagsLost.id()) ? "will adopt " + tagsLost.id() + " (spec.adopt): tag it for the stack, then "
          + "manage it" : "will put back its ownership tags (" + tagsLost.getMessage() + ")";
    }

    /** What putting the stack's tags on the resource this pass was: an adoption, or tags put back. */
    private String retagged() {
      return ctx.adopting(tagsLost.id()) ? "adopted (spec.adopt)" : "put back its ownership tags: "
          + tagsLost.getMessage();
    }

    /**
     * Creates the resource; when AWS says it exists already, an earlier attempt made it (its answer
     * was lost, or the process died after the call), and the resource is taken as found, provided
     * observe finds it (observe refuses what is not ours). What the create had still to do shows in
     * the next pass's diff.
     */
    private O createOrFind() {
      try {
        return creatable().create(desired, ctx);
      } catch (RuntimeException e) {
        if (!AwsErrors.isAlreadyExists(e)) {
          throw e;
        }
        return component.observe(ctx).orElseThrow(() -> e);
      }
    }

    /** Lets a component that can explain its changes do so; an explanation that fails says why instead. */
    @SuppressWarnings("unchecked")
    private void explainChanges() {
      if (!(component instanceof Component.Explainable) || observed.isEmpty()) {
        return;
      }
      Component.Explainable<D, O> explainable = (Component.Explainable<D, O>) component;
      diff = new Diff(diff.changes().stream().map(change -> {
        try {
          return change.withDetail(explainable.explain(change.field(), desired, observed.get(), ctx));
        } catch (RuntimeException e) {
          return change.withDetail(List.of("(not shown: " + AwsErrors.describe(e) + ")"));
        }
      }).toList());
    }

    /** A removed section's component as a plan shows it: a delete while AWS still has it. */
    Optional<ComponentOutcome> asRemovalPlan() {
      try {
        return component.observe(ctx).map(found -> outcome(Action.DELETE, ComponentState.Pending, component.id(found),
            "will be deleted: its section is no longer in the spec", null, false));
      } catch (RuntimeException e) {
        return Optional.of(failed(Action.DELETE, e));
      }
    }

    /** The component in a destroy plan: a delete or kept (with why) when AWS holds its resource, else empty. */
    Optional<ComponentOutcome> asDestroyPlan(Optional<String> kept) {
      try {
        Optional<String> id = observeReclaiming(false).map(component::id)
            .or(() -> Optional.ofNullable(tagsLost).map(TagsLost::id));
        return id.map(found -> kept.isPresent() ? outcome(Action.NONE, ComponentState.Retained, found, kept.get(), null,
            false) : outcome(Action.DELETE, ComponentState.Pending, found, "will be deleted", null, false));
      } catch (RuntimeException e) {
        return Optional.of(failed(Action.DELETE, e));
      }
    }

    ComponentOutcome deleteStep() {
      try {
        Optional<O> found = observeReclaiming(true);
        if (found.isEmpty()) {
          return outcome(Action.NONE, ComponentState.Deleted, null, "deleted", null, false);
        }
        DeleteResult result = deletable().delete(found.get(), ctx);
        return outcome(Action.DELETE, result.gone() ? ComponentState.Deleted : ComponentState.Deleting,
            component.id(found.get()), result.message(), null, true);
      } catch (RuntimeException e) {
        if (AwsErrors.isNotFound(e)) {
          return outcome(Action.DELETE, ComponentState.Deleted, null, "deleted", null, true);
        }
        if (AwsErrors.classify(e) == ErrorKind.CONFLICT) {
          // What carries our name but not our tag was never the stack's: there is nothing of ours to delete.
          return outcome(Action.NONE, ComponentState.Retained, null, "not deleted: " + AwsErrors.describe(e), null,
              false);
        }
        return failed(Action.DELETE, e);
      } finally {
        ctx.forgetAfterWrite(component.name());
      }
    }

    /** The component's refusal to be deleted now (a Stalled reason), if it has one; kept components never hold. */
    @SuppressWarnings("unchecked")
    Optional<ComponentOutcome> holdsDeletion() {
      if (component.lifecycle().keptOnDelete(ctx.spec()).isPresent()) {
        return Optional.empty();
      }
      try {
        Optional<O> found = observeReclaiming(true);
        return found.flatMap(o -> ((Component.Guarded<O>) component).holdsDeletion(o, ctx)
            .map(why -> outcome(Action.DELETE, ComponentState.Failed, component.id(o), why, ErrorKind.INVALID, false)));
      } catch (RuntimeException e) {
        return Optional.empty(); // the teardown step meets the same error and reports it
      }
    }

    ComponentOutcome waiting(String message) {
      Action action = observeError == null ? plannedAction() : Action.NONE;
      return outcome(action, ComponentState.Waiting, observed.map(component::id).orElse(null), message, null, false);
    }

    List<String> warnings() {
      return desired == null ? List.of() : component.warnings(desired);
    }

    boolean claims(OwnedResource resource) {
      return component.claims(resource, observed);
    }

    Outputs outputs() {
      return observed.map(o -> component.outputs(o, ctx)).orElse(Outputs.NONE);
    }

    // The casts below are checked: Stack admits a component only with the capabilities its lifecycle
    // and field table need, and create is guarded where a component may lack it.
    @SuppressWarnings("unchecked")
    private Component.Creatable<D, O> creatable() {
      return (Component.Creatable<D, O>) component;
    }

    @SuppressWarnings("unchecked")
    private Component.Updatable<D, O> updatable() {
      return (Component.Updatable<D, O>) component;
    }

    @SuppressWarnings("unchecked")
    private Component.Deletable<O> deletable() {
      return (Component.Deletable<O>) component;
    }

    private ComponentOutcome observedOutcome(Action action, O state, boolean changedAws) {
      Readiness readiness = component.readiness(state);
      return outcome(action, stateOf(readiness, ComponentState.Updating), component.id(state),
          readiness.isReady() ? "in sync" : readiness.reason(),
          readiness.state() == Readiness.State.FAILED ? ErrorKind.INVALID : null, changedAws);
    }

    /**
     * Whether the engine may replace the resource: not when the component never is, and not while
     * spec.adopt names it (taking something over must not delete it; dropping the entry allows it).
     */
    private boolean mayReplace() {
      return component.lifecycle().replaceable() && component.adoptedId(ctx.spec()).isEmpty();
    }

    private ComponentOutcome refuseReplacement() {
      String fields = diff.changes().stream().filter(c -> c.kind() == ChangeKind.REPLACE).map(FieldChange::toString)
          .collect(Collectors.joining("; "));
      String never = component.lifecycle().replaceable()
          ? "needs replacement, which rockofages does not do to a resource spec.adopt names (remove the entry to "
              + "allow it): "
          : "needs replacement, which rockofages never does for " + component.name() + ": ";
      return outcome(Action.REPLACE, ComponentState.Failed, observed.map(component::id).orElse(null), never + fields,
          ErrorKind.INVALID, false);
    }

    private ComponentOutcome failed(Action action, RuntimeException error) {
      ErrorKind kind = AwsErrors.classify(error);
      String prefix = switch (kind) {
        case THROTTLED -> "AWS is throttling requests; backing off: ";
        case RETRYABLE -> "will retry: ";
        default -> "";
      };
      return outcome(action, ComponentState.Failed, observed.map(component::id).orElse(null),
          prefix + AwsErrors.describe(error), kind, false);
    }

    /** The outcome for the resource {@code id}; with its version when that is the one observed, found as desired. */
    private ComponentOutcome outcome(Action action, ComponentState state, String id, String message, ErrorKind error,
        boolean changedAws) {
      String version = desired == null || !diff.changes().isEmpty() ? null : observed
          .filter(o -> id != null && id.equals(component.id(o))).flatMap(o -> component.version(desired, o))
          .orElse(null);
      return new ComponentOutcome(component.name(), component.group(), action, diff.changes(), state, id, message,
          error, changedAws, version);
    }

    private String describePlan(Action action) {
      return switch (action) {
        case CREATE -> "will be created";
        case NONE -> "in sync";
        default -> "will " + action.name().toLowerCase() + ": " + changesText();
      };
    }

    private String describeAct(Action action, Readiness readiness) {
      String done = switch (action) {
        case CREATE -> "created";
        case REPLACE -> "replaced (" + changesText() + ")";
        case UPDATE -> "updated (" + changesText() + ")";
        default -> "in sync";
      };
      return readiness.isReady() ? done : done + "; " + readiness.reason();
    }

    private String changesText() {
      return diff.changes().stream().map(FieldChange::toString).collect(Collectors.joining("; "));
    }

    private static ComponentState stateOf(Readiness readiness, ComponentState busy) {
      return switch (readiness.state()) {
        case READY -> ComponentState.Ready;
        case PROGRESSING -> readiness.creating() ? ComponentState.Creating : busy;
        case FAILED -> ComponentState.Failed;
      };
    }
  }
}
