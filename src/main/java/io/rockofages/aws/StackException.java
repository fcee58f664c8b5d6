package io.rockofages.aws;

/** A failure with its classification, raised by components or produced from an AWS exception. */
public class StackException extends RuntimeException {
  private final ErrorKind kind;

  public StackException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StackException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public ErrorKind kind() {
    return kind;
  }
}
