package io.rockofages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: cli, operator -> components -> engine -> aws -> api. */
class LayeringTest {
  private static final Path SOURCES = Path.of("src/main/java/io/rockofages");

  /** For each layer, the imports it must never have. */
  private static final Map<String, List<String>> FORBIDDEN = Map.of(
      "engine", List.of("io.fabric8", "io.javaoperatorsdk", "io.rockofages.operator", "io.rockofages.cli",
          "io.rockofages.components"),
      "components", List.of("io.fabric8", "io.javaoperatorsdk", "io.rockofages.operator", "io.rockofages.cli"),
      "aws", List.of("io.fabric8", "io.javaoperatorsdk", "io.rockofages.engine", "io.rockofages.components",
          "io.rockofages.operator", "io.rockofages.cli"),
      "api", List.of("io.javaoperatorsdk", "software.amazon", "io.rockofages.aws", "io.rockofages.engine",
          "io.rockofages.components", "io.rockofages.operator", "io.rockofages.cli"),
      "operator", List.of("io.rockofages.cli"));

  @Test
  void noLayerImportsFromAbove() throws IOException {
    StringBuilder violations = new StringBuilder();
    for (var layer : FORBIDDEN.entrySet()) {
      try (Stream<Path> files = Files.walk(SOURCES.resolve(layer.getKey()))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          for (String line : Files.readAllLines(file)) {
            if (line.startsWith("import ") && layer.getValue().stream().anyMatch(p -> line.contains(" " + p + ".")
                || line.contains(" static " + p + "."))) {
              violations.append(SOURCES.relativize(file)).append(": ").append(line).append('\n');
            }
          }
        }
      }
    }
    assertEquals("", violations.toString());
  }
}
