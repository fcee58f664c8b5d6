package io.rockofages.engine;

/** The outcome of one non-blocking delete step. */
public record DeleteResult(boolean gone, String message) {
  public static DeleteResult gone(String message) {
    return new DeleteResult(true, message);
  }

  public static DeleteResult inProgress(String message) {
    return new DeleteResult(false, message);
  }
}
