package io.rockofages.api;

/** Spec strings where empty means "not given". */
public final class Text {
  private Text() {}

  /** null for null, empty or blank; the value otherwise. */
  public static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
