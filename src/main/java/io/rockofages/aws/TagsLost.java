package io.rockofages.aws;

/**
 * A resource found under the stack's name without the stack's tag, which is nevertheless the one
 * the stack last reported (its status names it by id): its tags were removed outside rockofages.
 * A pass that may write puts them back and goes on; a plan says it will. Anyone who does not handle
 * it sees a refusal (CONFLICT), so it is never taken for an ordinary resource by mistake.
 */
public final class TagsLost extends StackException {
  private final String id;
  private final transient Runnable putBack;

  public TagsLost(String resource, String id, Runnable putBack) {
    super(ErrorKind.CONFLICT, resource + " has lost the stack's tag (removed outside rockofages); it is the one the "
        + "stack last reported, so its tags are put back");
    this.id = id;
    this.putBack = putBack;
  }

  public String id() {
    return id;
  }

  /** Writes the ownership tags again. */
  public void putBack() {
    putBack.run();
  }
}
