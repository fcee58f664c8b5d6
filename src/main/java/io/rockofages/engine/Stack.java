package io.rockofages.engine;

import io.rockofages.api.RockOfAgesSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The components of a stack in dependency order (dependencies first), and the components of
 * sections the spec no longer has but AWS still holds (removals), which a pass tears down with a
 * spec of their own (what is known of the removed sections). Building one checks that each
 * component can do what its field table and lifecycle ask of it, so a missing capability is found
 * when the stack is assembled, not in the middle of a pass against AWS.
 */
public final class Stack {
  private final List<Component<?, ?>> ordered;
  private final List<Component<?, ?>> removals;
  private final List<Component<?, ?>> teardownOrder;
  private final RockOfAgesSpec removalSpec;

  public Stack(List<Component<?, ?>> components) {
    this(components, List.of(), null);
  }

  /** @param removalSpec the spec the removals are torn down with (their sections as last known) */
  public Stack(List<Component<?, ?>> components, List<Component<?, ?>> removals, RockOfAgesSpec removalSpec) {
    List<Component<?, ?>> all = new ArrayList<>(components);
    all.addAll(removals);
    all.forEach(Stack::checkCapabilities);
    List<Component<?, ?>> order = topologicalOrder(all);
    this.ordered = order.stream().filter(components::contains).toList();
    this.removals = order.stream().filter(removals::contains).toList();
    List<Component<?, ?>> reversed = new ArrayList<>(order);
    Collections.reverse(reversed);
    this.teardownOrder = List.copyOf(reversed);
    this.removalSpec = removalSpec;
  }

  /** What the spec asks for, dependencies first. */
  public List<Component<?, ?>> components() {
    return ordered;
  }

  /** What the spec no longer asks for but AWS may still hold, dependencies first. */
  public List<Component<?, ?>> removals() {
    return removals;
  }

  public RockOfAgesSpec removalSpec() {
    return removalSpec;
  }

  /** Every component, removals included, so that dependents come before what they depend on. */
  public List<Component<?, ?>> teardownOrder() {
    return teardownOrder;
  }

  public boolean isRemoval(Component<?, ?> component) {
    return removals.contains(component);
  }

  /** Names of the components (removals included) that depend on {@code name}. */
  public List<String> dependentsOf(String name) {
    return Stream.concat(ordered.stream(), removals.stream())
        .filter(c -> c.dependencies().stream().anyMatch(d -> d.ref().name().equals(name)))
        .map(Component::name).toList();
  }

  private static void checkCapabilities(Component<?, ?> c) {
    if (c.fields().changesInPlace() && !(c instanceof Component.Updatable)) {
      throw new IllegalArgumentException(c.name() + " has fields that change in place but cannot update");
    }
    boolean replaces = c.lifecycle().replaceable() && c.fields().mayReplace();
    if (replaces && !(c instanceof Component.Creatable && c instanceof Component.Deletable)) {
      throw new IllegalArgumentException(c.name() + " is replaceable but cannot both create and delete");
    }
    if (c.lifecycle().deletesItself() && !(c instanceof Component.Deletable)) {
      throw new IllegalArgumentException(c.name() + " is deleted with the stack but cannot delete");
    }
  }

  /** Keeps the declared order where dependencies allow it, so plans read the same every time. */
  private static List<Component<?, ?>> topologicalOrder(List<Component<?, ?>> components) {
    Map<String, Component<?, ?>> byName = new LinkedHashMap<>();
    components.forEach(c -> {
      if (byName.put(c.name(), c) != null) {
        throw new IllegalArgumentException("two components are named " + c.name());
      }
    });
    List<Component<?, ?>> result = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> visiting = new HashSet<>();
    byName.values().forEach(c -> visit(c, byName, done, visiting, result));
    return result;
  }

  private static void visit(Component<?, ?> component, Map<String, Component<?, ?>> byName, Set<String> done,
      Set<String> visiting, List<Component<?, ?>> result) {
    if (done.contains(component.name())) {
      return;
    }
    if (!visiting.add(component.name())) {
      throw new IllegalArgumentException("dependency cycle through " + component.name());
    }
    for (Dependency<?> dependency : component.dependencies()) {
      Component<?, ?> target = byName.get(dependency.ref().name());
      if (target == null) {
        throw new IllegalArgumentException(component.name() + " depends on unknown component " + dependency.ref().name());
      }
      visit(target, byName, done, visiting, result);
    }
    visiting.remove(component.name());
    done.add(component.name());
    result.add(component);
  }
}
