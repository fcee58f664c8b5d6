package io.rockofages.engine;

import java.util.List;

/**
 * One field that differs between the spec and AWS. Values are display strings, never secrets.
 *
 * @param detail lines that explain the change further in a plan (the lines of a script that differ)
 */
public record FieldChange(String field, String from, String to, ChangeKind kind, List<String> detail) {
  public FieldChange {
    detail = List.copyOf(detail);
  }

  public FieldChange(String field, String from, String to, ChangeKind kind) {
    this(field, from, to, kind, List.of());
  }

  public FieldChange withDetail(List<String> lines) {
    return new FieldChange(field, from, to, kind, lines);
  }

  /** How a compared value reads in plans and status. */
  static String display(Object value) {
    return value == null ? "(none)" : value.toString();
  }

  @Override
  public String toString() {
    return field + ": " + from + " -> " + to + (kind == ChangeKind.REPLACE ? " (replace)" : "");
  }
}
