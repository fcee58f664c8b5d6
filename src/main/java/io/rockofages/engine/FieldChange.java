package io.rockofages.engine;

/** One field that differs between the spec and AWS. Values are display strings, never secrets. */
public record FieldChange(String field, String from, String to, ChangeKind kind) {
  @Override
  public String toString() {
    return field + ": " + from + " -> " + to + (kind == ChangeKind.REPLACE ? " (replace)" : "");
  }
}
