package io.rockofages.engine;

/**
 * One declared dependency: the component it reads and what it needs of it before acting. Declaring
 * it is what lets the context hand out that component's observed state.
 */
public record Dependency<O>(Ref<O> ref, Need need) {
  /** What a dependent needs of its dependency before it acts. */
  public enum Need {
    READY, EXISTS, NOTHING
  }

  /** Whether {@code dependency}'s outcome in this pass lets the dependent act. */
  boolean satisfiedBy(ComponentOutcome dependency) {
    return switch (need) {
      case READY -> dependency.isReady();
      case EXISTS -> dependency.isReady() || dependency.id() != null && dependency.error() == null;
      case NOTHING -> true;
    };
  }
}
