package io.rockofages.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.testing.ImageCommand;
import io.rockofages.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
  @Test
  void theImagesCommandPlansAStackFromWhatItCopies() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(ImageCommand.onThisMachine());
    command.addAll(List.of("plan", "-f", "examples/api-host-secure.yaml"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(MotoServer.get().environment());

    Process plan = builder.start();
    String output = new String(plan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(plan.waitFor(60, TimeUnit.SECONDS), output);

    assertEquals(2, plan.exitValue(), "exit 2: changes pending\n" + output);
    assertTrue(Pattern.compile("Plan: [1-9]\\d* to create").matcher(output).find(), output);
  }
}
