package io.rockofages.engine;

import java.util.Collections;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The components of a stack in dependency order (dependencies first). */
public final class Stack {
  private final List<Component<?, ?>> ordered;

  public Stack(List<Component<?, ?>> components) {
    this.ordered = List.copyOf(topologicalOrder(components));
  }

  public List<Component<?, ?>> components() {
    return ordered;
  }

  public List<Component<?, ?>> reversed() {
    List<Component<?, ?>> reversed = new ArrayList<>(ordered);
    Collections.reverse(reversed);
    return reversed;
  }

  /** Names of the components that depend on {@code name}. */
  public List<String> dependentsOf(String name) {
    return ordered.stream().filter(c -> c.dependsOn().contains(name)).map(Component::name).toList();
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
    for (String dependency : component.dependsOn()) {
      Component<?, ?> target = byName.get(dependency);
      if (target == null) {
        throw new IllegalArgumentException(component.name() + " depends on unknown component " + dependency);
      }
      visit(target, byName, done, visiting, result);
    }
    visiting.remove(component.name());
    done.add(component.name());
    result.add(component);
  }
}
