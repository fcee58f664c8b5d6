package io.rockofages.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The field-level difference between desired and observed state of one resource. */
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

  public static Builder builder() {
    return new Builder();
  }

  /** Collects changes, adding one only where the values differ. */
  public static final class Builder {
    private final List<FieldChange> changes = new ArrayList<>();

    public Builder compare(String field, Object desired, Object observed, ChangeKind kind) {
      if (!Objects.equals(desired, observed)) {
        changes.add(new FieldChange(field, display(observed), display(desired), kind));
      }
      return this;
    }

    public Builder add(FieldChange change) {
      changes.add(change);
      return this;
    }

    public Diff build() {
      return new Diff(changes);
    }

    private static String display(Object value) {
      return value == null ? "(none)" : value.toString();
    }
  }
}
