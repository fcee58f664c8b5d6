package io.rockofages.engine;

/** One field that differs between the spec and AWS. Values are display strings, never secrets. */
public record FieldChange(String field, String from, String to, ChangeKind kind) {
  /** How a compared value reads in plans and status. */
  static String display(Object value) {
    return value == null ? "(none)" : value.toString();
  }

  @Override
  public String toString() {
    return field + ": " + from + " -> " + to + (kind == ChangeKind.REPLACE ? " (replace)" : "");
  }
}
