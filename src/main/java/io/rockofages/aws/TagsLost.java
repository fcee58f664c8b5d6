package io.rockofages.aws;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A resource found under the stack's name without the stack's tag, which is nevertheless the one
 * the stack last reported (its status names it by id): its tags were removed outside rockofages.
 * A pass that may write puts them back and goes on; a plan says it will. Anyone who does not handle
 * it sees a refusal (CONFLICT), so it is never taken for an ordinary resource by mistake.
 */
public final class TagsLost extends StackException {
  private final String id;
  private final transient Runnable putBack;
  private final transient Supplier<?> found;

  /**
   * @param found what observe would return for the resource once it carries the tags (a plan diffs
   *     it against the spec before anything is written); null when the component cannot tell yet
   */
  public TagsLost(String resource, String id, Runnable putBack, Supplier<?> found) {
    super(ErrorKind.CONFLICT, resource + " has lost the stack's tag (removed outside rockofages); it is the one the "
        + "stack last reported, so its tags are put back");
    this.id = id;
    this.putBack = putBack;
    this.found = found;
  }

  public String id() {
    return id;
  }

  /** The observed state of the resource as it is, untagged, when the component offered it. */
  public <O> Optional<O> found(Class<O> type) {
    return found == null ? Optional.empty() : Optional.ofNullable(found.get()).map(type::cast);
  }

  /** Writes the ownership tags again. */
  public void putBack() {
    putBack.run();
  }
}
