package io.rockofages.engine;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.aws.OwnedResource;
import java.util.List;
import java.util.Optional;

/**
 * One kind of AWS resource of the stack (the managed-resource contract of Crossplane and ACK).
 * Name, group, dependencies and lifecycle are data given at construction; desired, the field table
 * and readiness are pure; AWS is read only in observe. Changing AWS is a capability a component
 * has when it has it: {@link Creatable}, {@link Updatable}, {@link Deletable}, {@link Releasable}.
 * Nothing waits for AWS: a resource still on its way reports PROGRESSING and the driver comes back.
 *
 * @param <D> the desired state, computed from the spec and the observed state of dependencies
 * @param <O> the observed state, read from AWS
 */
public abstract class Component<D, O> {
  private final Ref<O> ref;
  private final Group group;
  private final Lifecycle lifecycle;
  private final List<Dependency<?>> dependencies;

  protected Component(Ref<O> ref, Group group, Lifecycle lifecycle, List<Dependency<?>> dependencies) {
    this.ref = ref;
    this.group = group;
    this.lifecycle = lifecycle;
    this.dependencies = List.copyOf(dependencies);
  }

  /** Stable name, used in status, events and the rockofages.io/component tag. */
  public final String name() {
    return ref.name();
  }

  public final Ref<O> ref() {
    return ref;
  }

  /** The status condition group this component counts towards. */
  public final Group group() {
    return group;
  }

  public final Lifecycle lifecycle() {
    return lifecycle;
  }

  /** The only components whose observed state this one may read (and, as they need, wait for). */
  public final List<Dependency<?>> dependencies() {
    return dependencies;
  }

  public abstract D desired(StackContext ctx);

  /** AWS reads only; finds the resource by ownership tags or its deterministic name. */
  public abstract Optional<O> observe(StackContext ctx);

  /**
   * Starts the reads {@link #observe} shares with every stack (a listing of every stack's resources
   * of its kind) ahead of the pass ({@link io.rockofages.aws.SharedReads#readAhead}), which then finds
   * them read or being read. None by default.
   */
  public void readAhead(StackContext ctx) {}

  /**
   * The existing resource {@code spec.adopt} names for this component, if it names one: observe
   * treats it as the stack's own even without the stack's tags (which the pass then puts on it).
   */
  public Optional<String> adoptedId(RockOfAgesSpec spec) {
    return Optional.empty();
  }

  /** The fields compared, and how each change is made. */
  protected abstract FieldTable<D, O, ?> fields();

  public final Diff diff(D desired, O observed) {
    return fields().diff(desired, observed);
  }

  /** Usable, on its way, or broken; most resources are usable as soon as they exist. */
  public Readiness readiness(O observed) {
    return Readiness.ready();
  }

  /** The AWS id or ARN shown in status. */
  public abstract String id(O observed);

  /**
   * What status keeps of a resource a pass found as {@code desired} asks, beside its id (see
   * {@link StackContext#lastReportedVersion}): the version AWS gave the resource then, with what the
   * component needs to know that nothing changed since (e.g. a fingerprint of the desired state),
   * so that a restarted operator need not read it again. Empty by default.
   */
  public Optional<String> version(D desired, O observed) {
    return Optional.empty();
  }

  /**
   * Whether a resource tagged for this stack is this component's: by default the one it observed
   * (empty: none). A component that looks after every resource carrying its tag (keeping one,
   * removing the rest) says so, so those are not reported as orphans.
   */
  public boolean claims(OwnedResource resource, Optional<O> observed) {
    return observed.map(o -> resource.isNamedBy(id(o))).orElse(false);
  }

  /** Endpoints and connection details of the observed resource. */
  public Outputs outputs(O observed, StackContext ctx) {
    return Outputs.NONE;
  }

  /** Security advisories the desired state earns (e.g. SSH open to the internet). */
  public List<String> warnings(D desired) {
    return List.of();
  }

  /** A component that creates its resource when it is missing. */
  public interface Creatable<D, O> {
    /** Idempotent: a retry after a crash finds or reuses what the first attempt made. */
    O create(D desired, StackContext ctx);
  }

  /** A component that changes its resource in place. */
  public interface Updatable<D, O> {
    /** Makes the IN_PLACE changes of {@code diff}; may take several passes (returns the new observed state). */
    O update(D desired, O observed, Diff diff, StackContext ctx);
  }

  /** A component that deletes its resource. */
  public interface Deletable<O> {
    /** One step of deletion; NotFound counts as gone. */
    DeleteResult delete(O observed, StackContext ctx);
  }

  /**
   * A component that can say more about a change in a plan than its two values (a script's changed
   * lines instead of two fingerprints). Plans only: it may read AWS, and a pass that acts never asks.
   */
  public interface Explainable<D, O> {
    /** Lines that explain the change of {@code field}; empty when there is nothing to add. */
    List<String> explain(String field, D desired, O observed, StackContext ctx);
  }

  /**
   * A component whose resource can hold the whole stack's deletion (a database with deletion
   * protection the spec keeps on): while it does, nothing of the stack is deleted.
   */
  public interface Guarded<O> {
    /** Why {@code observed} may not be deleted now, and what the user can do; empty: it may. */
    Optional<String> holdsDeletion(O observed, StackContext ctx);
  }

  /** A component that, when kept on stack deletion, lets go of what would block other deletions. */
  public interface Releasable {
    void release(StackContext ctx);
  }
}
