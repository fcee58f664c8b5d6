package io.rockofages.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The manifests in examples/. */
public final class Examples {
  private Examples() {}

  /** Every RockOfAges manifest in examples/ (the ConfigMap of the site's files is not one). */
  public static Stream<Path> stacks() throws IOException {
    return Files.list(Path.of("examples")).filter(p -> p.toString().endsWith(".yaml"))
        .filter(p -> read(p).contains("kind: RockOfAges")).sorted();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
