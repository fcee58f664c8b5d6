package io.rockofages.engine;

/**
 * A typed handle on one component: its name and the type of what its observe returns. Other
 * components depend on it through a {@link Dependency} and read its observed state with it.
 */
public record Ref<O>(String name, Class<O> type) {
  public static <O> Ref<O> of(String name, Class<O> type) {
    return new Ref<>(name, type);
  }

  /** A dependency that waits until this component is ready. */
  public Dependency<O> ready() {
    return new Dependency<>(this, Dependency.Need.READY);
  }

  /** A dependency that waits only until this component exists (an ARN is enough, deployment is not). */
  public Dependency<O> exists() {
    return new Dependency<>(this, Dependency.Need.EXISTS);
  }

  /** A dependency that never waits: ordered after this component and reads it when it is there. */
  public Dependency<O> ifPresent() {
    return new Dependency<>(this, Dependency.Need.NOTHING);
  }
}
