package io.rockofages.aws;

/** What the engine does about a failed AWS call. */
public enum ErrorKind {
  /** The resource is not there: for a delete, that is done. */
  NOT_FOUND,
  /** AWS asks us to slow down: back off and requeue. */
  THROTTLED,
  /** A passing fault (5xx, timeout, a dependency still draining): requeue soon. */
  RETRYABLE,
  /** AWS refuses what the spec asks for: stop retrying until the spec changes; Stalled with AWS's message. */
  INVALID,
  /** The credentials may not do this: Stalled until someone fixes the permissions. */
  ACCESS_DENIED,
  /** The resource belongs to another stack: never touched. */
  CONFLICT;

  /** Whether retrying without a spec change can help. */
  public boolean stalls() {
    return this == INVALID || this == ACCESS_DENIED || this == CONFLICT;
  }
}
