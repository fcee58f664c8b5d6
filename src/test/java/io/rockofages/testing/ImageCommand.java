package io.rockofages.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command {@code deploy/Dockerfile} gives the image, made to run on this machine: the folder the
 * image copies its classes to stands for the build's folder they come from, and {@code java} for the
 * JDK running this. So what runs here is what the image runs, without a container engine.
 */
public final class ImageCommand {
  public static final Path DOCKERFILE = Path.of("deploy", "Dockerfile");

  private ImageCommand() {}

  /** The image's ENTRYPOINT on this machine; the arguments (the image's CMD) are the caller's. */
  public static List<String> onThisMachine() {
    List<String> dockerfile;
    try {
      dockerfile = Files.readAllLines(DOCKERFILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String[] copy = instruction(dockerfile, "COPY").split("\\s+");
    String fromBuild = Path.of(copy[0]).toAbsolutePath().toString();
    String inImage = copy[1].replaceAll("/$", "");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return entrypoint(dockerfile).stream()
        .map(word -> word.equals("java") ? java : word.replace(inImage, fromBuild)).toList();
  }

  private static List<String> entrypoint(List<String> dockerfile) {
    try {
      return new ObjectMapper().readValue(instruction(dockerfile, "ENTRYPOINT"), new TypeReference<>() {});
    } catch (IOException e) {
      throw new IllegalStateException("the ENTRYPOINT of " + DOCKERFILE + " is not a JSON array", e);
    }
  }

  /** The arguments of the Dockerfile's one {@code instruction}. */
  private static String instruction(List<String> dockerfile, String instruction) {
    List<String> found = dockerfile.stream().filter(line -> line.startsWith(instruction + " "))
        .map(line -> line.substring(instruction.length() + 1).trim()).toList();
    if (found.size() != 1) {
      throw new IllegalStateException(found.size() + " " + instruction + " instructions in " + DOCKERFILE);
    }
    return found.get(0);
  }
}
