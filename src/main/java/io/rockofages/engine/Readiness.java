package io.rockofages.engine;

/** Whether an observed resource is usable, on its way, or broken (with AWS's words). */
public record Readiness(State state, String reason) {
  public enum State {
    READY, PROGRESSING, FAILED
  }

  public static Readiness ready() {
    return new Readiness(State.READY, "ready");
  }

  public static Readiness progressing(String reason) {
    return new Readiness(State.PROGRESSING, reason);
  }

  public static Readiness failed(String reason) {
    return new Readiness(State.FAILED, reason);
  }

  public boolean isReady() {
    return state == State.READY;
  }
}
