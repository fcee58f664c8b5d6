package io.rockofages.engine;

import java.security.SecureRandom;

/** A secret value that never prints itself: toString, status, events and logs see "(redacted)". */
public record Secret(String value) {
  /** Letters and digits only: RDS refuses / @ " and spaces in master passwords. */
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final int GENERATED_LENGTH = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new random password of 32 characters (about 187 bits). */
  public static Secret generate() {
    StringBuilder password = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return new Secret(password.toString());
  }

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
