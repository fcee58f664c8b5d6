package io.rockofages.engine;

import java.util.List;

/** The field-level difference between desired and observed state of one resource (built by a {@link FieldTable}). */
public record Diff(List<FieldChange> changes) {
  public Diff {
    changes = List.copyOf(changes);
  }

  public static Diff none() {
    return new Diff(List.of());
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public boolean needsReplacement() {
    return changes.stream().anyMatch(c -> c.kind() == ChangeKind.REPLACE);
  }

  public boolean has(String field) {
    return changes.stream().anyMatch(c -> c.field().equals(field));
  }
}
