package io.rockofages.api;

/** Whether rockofages may change AWS for the stack. */
public enum ManagementPolicy {
  /** Create, repair and delete what the spec says. */
  Manage,
  /** Read AWS and report plan, drift and readiness; never change anything, not even on deletion. */
  Observe
}
