package io.rockofages.api;

/** What happens in AWS when the RockOfAges is deleted. */
public enum DeletionPolicy {
  /** Delete everything the stack owns (shared network pieces always stay). */
  Delete,
  /** Leave AWS untouched; only the Kubernetes object goes away. */
  Retain
}
