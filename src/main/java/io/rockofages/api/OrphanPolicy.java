package io.rockofages.api;

/** What happens to resources tagged for the stack that no component claims. */
public enum OrphanPolicy {
  /** Listed in status.orphans; left alone. */
  Report,
  /** Deleted (a database after a final snapshot). */
  Delete
}
