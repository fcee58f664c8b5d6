package io.rockofages.engine;

/** A secret value that never prints itself: toString, status, events and logs see "(redacted)". */
public record Secret(String value) {
  public Secret {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a secret needs a value");
    }
  }

  @Override
  public String toString() {
    return "(redacted)";
  }
}
