package io.rockofages.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rockofages.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@code package} (failsafe): the command {@code deploy/Dockerfile} gives the image, run on
 * what it copies into the image (the unpacked jar), plans a stack against the emulator: its class
 * path and main class are right, and the unpacked classes keep what the jar holds (merged service
 * files, resources). No container engine here, so the image itself is not built.
 */
class ImageCommandIT {
  private static final Path DOCKERFILE = Path.of("deploy", "Dockerfile");

  @Test
  void theImagesCommandPlansAStackFromWhatItCopies() throws IOException, InterruptedException {
    List<String> dockerfile = Files.readAllLines(DOCKERFILE);
    String[] copy = instruction(dockerfile, "COPY").split("\\s+");
    String copied = Path.of(copy[0]).toAbsolutePath().toString();
    String inImage = copy[1].replaceAll("/$", "");

    List<String> command = new ArrayList<>();
    for (String word : new ObjectMapper().readValue(instruction(dockerfile, "ENTRYPOINT"),
        new TypeReference<List<String>>() {})) {
      command.add(word.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
          : word.replace(inImage, copied));
    }
    command.addAll(List.of("plan", "-f", "examples/api-host-secure.yaml"));

    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of("AWS_ENDPOINT_URL", MotoServer.get().endpoint().toString(),
        "AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing", "AWS_REGION", MotoServer.REGION));
    Process plan = builder.start();
    String output = new String(plan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(plan.waitFor(60, TimeUnit.SECONDS), output);

    assertEquals(2, plan.exitValue(), "exit 2: changes pending\n" + output);
    assertTrue(Pattern.compile("Plan: [1-9]\\d* to create").matcher(output).find(), output);
  }

  /** The arguments of the Dockerfile's one {@code instruction}. */
  private static String instruction(List<String> dockerfile, String instruction) {
    return dockerfile.stream().filter(line -> line.startsWith(instruction + " "))
        .map(line -> line.substring(instruction.length() + 1).trim()).reduce((first, second) -> {
          throw new IllegalStateException("more than one " + instruction + " in " + DOCKERFILE);
        }).orElseThrow(() -> new IllegalStateException("no " + instruction + " in " + DOCKERFILE));
  }
}
