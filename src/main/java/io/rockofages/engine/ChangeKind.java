package io.rockofages.engine;

/** How a field change is made: on the existing resource, or by a new one in its place. */
public enum ChangeKind {
  IN_PLACE, REPLACE
}
