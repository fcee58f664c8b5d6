package io.rockofages.engine;

/** The state of one component as status shows it. */
public enum ComponentState {
  Pending, Creating, Updating, Replacing, Ready, Deleting, Deleted, Retained, Waiting, Failed
}
