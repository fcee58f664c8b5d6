package io.rockofages.aws;

import io.rockofages.api.StackId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who acts on a stack, as its resources say, so that one actor at a time does: an operator marks
 * every resource of the stacks it manages with the tag {@value #TAG} = {@code operator/<cluster>};
 * the CLI marks nothing and leaves a stack an operator marked alone unless forced; an operator
 * leaves a stack another cluster's operator marked alone.
 *
 * @param mark the value this actor tags resources with; empty for the CLI
 * @param force act even on a stack marked by someone else
 */
public record Actor(Optional<String> mark, boolean force) {
  public static final String TAG = "rockofages.io/managed-by";

  public static Actor operator(String cluster) {
    return new Actor(Optional.of("operator/" + cluster), false);
  }

  public static Actor cli(boolean force) {
    return new Actor(Optional.empty(), force);
  }

  /** Why this actor must change nothing of the stack: its resources carry another actor's mark. */
  public Optional<String> refusal(StackId stack, Inventory inventory) {
    Set<String> others = inventory.resources().stream().filter(r -> !r.isBackup()).map(r -> r.tags().get(TAG))
        .filter(Objects::nonNull).filter(other -> !mark.equals(Optional.of(other)))
        .collect(Collectors.toCollection(TreeSet::new));
    if (force || others.isEmpty()) {
      return Optional.empty();
    }
    String owners = others.stream().map(Actor::describe).collect(Collectors.joining(" and "));
    return Optional.of("stack " + stack + " is managed by " + owners + " (tag " + TAG + " on its resources), so "
        + (mark.isEmpty() ? "the CLI changes nothing of it (plan still reads it); --force acts anyway"
            : "this operator changes nothing of it: one actor per stack"));
  }

  /** The stack's live resources that do not carry this actor's mark yet (none for an actor that marks nothing). */
  public List<OwnedResource> unmarked(Inventory inventory) {
    return mark.map(own -> inventory.resources().stream().filter(r -> !r.isBackup())
        .filter(r -> !own.equals(r.tags().get(TAG))).toList()).orElse(List.of());
  }

  private static String describe(String mark) {
    return mark.startsWith("operator/") ? "the rockofages operator of cluster " + mark.substring("operator/".length())
        : mark;
  }
}
