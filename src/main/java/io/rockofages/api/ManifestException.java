package io.rockofages.api;

import java.util.List;

/** A manifest that cannot be used; each problem is one line naming the field. */
public class ManifestException extends RuntimeException {
  private final List<String> problems;

  public ManifestException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public ManifestException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
