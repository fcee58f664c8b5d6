package io.rockofages.engine;

/** What a pass does (or, in a plan, would do) to one component. */
public enum Action {
  NONE, CREATE, UPDATE, REPLACE, DELETE
}
