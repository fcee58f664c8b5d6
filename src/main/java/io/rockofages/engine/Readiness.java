package io.rockofages.engine;

/**
 * Whether an observed resource is usable, on its way, or broken (with AWS's words).
 *
 * @param creating on its way because it is still being created (status says Creating, not Updating)
 */
public record Readiness(State state, String reason, boolean creating) {
  public enum State {
    READY, PROGRESSING, FAILED
  }

  public static Readiness ready() {
    return new Readiness(State.READY, "ready", false);
  }

  public static Readiness progressing(String reason) {
    return new Readiness(State.PROGRESSING, reason, false);
  }

  /** On its way because AWS is still creating it (an instance pending, a database creating). */
  public static Readiness creating(String reason) {
    return new Readiness(State.PROGRESSING, reason, true);
  }

  public static Readiness failed(String reason) {
    return new Readiness(State.FAILED, reason, false);
  }

  public boolean isReady() {
    return state == State.READY;
  }
}
