package io.rockofages.components.apihost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.ApiSpec;
import io.rockofages.api.EnvVar;
import io.rockofages.testing.Specs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API host's run script, taken from the rendered user data and run by bash with fake {@code aws}
 * and {@code docker} commands: it reads the password from Secrets Manager, builds the container's
 * environment, and starts the container again only when that environment changed.
 */
class RunScriptTest {
  private static final String SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!db-1a2b";
  private static final List<EnvVar> DATABASE = List.of(new EnvVar("DATABASE_HOST", "db.example"),
      new EnvVar("DATABASE_PORT", "5432"), new EnvVar("DATABASE_NAME", "rockofages"),
      new EnvVar("DATABASE_USER", "rockofages"), new EnvVar("DATABASE_SECRET_ARN", SECRET_ARN));

  @TempDir
  Path dir;
  private Path bin;
  private Path etc;
  private final ApiSpec api = Specs.minimal().getApi();

  @BeforeEach
  void fakeCommands() throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    etc = Files.createDirectories(dir.resolve("etc"));
    executable(bin.resolve("aws"), """
        #!/bin/bash
        echo "$*" >> "$STATE/aws.calls"
        [ -f "$STATE/aws.fails" ] && { echo "AccessDeniedException" >&2; exit 254; }
        cat "$STATE/secret.json"
        """);
    executable(bin.resolve("docker"), """
        #!/bin/bash
        echo "$*" >> "$STATE/docker.calls"
        case "$1" in
          inspect) [ -f "$STATE/running" ] && echo true || exit 1 ;;
          rm) rm -f "$STATE/running" ;;
          run) for ((i = 1; i <= $#; i++)); do
                 if [ "${!i}" = --env-file ]; then j=$((i + 1)); cp "${!j}" "$STATE/container.env"; fi
               done
               touch "$STATE/running" ;;
        esac
        """);
  }

  @Test
  void theContainerGetsThePasswordFromSecretsManagerAndAnUrlWithItEncoded() throws Exception {
    secret("p@ss:w/rd%");
    assertEquals(0, run(DATABASE));

    assertEquals(List.of("secretsmanager get-secret-value --region eu-west-1 --secret-id " + SECRET_ARN
        + " --query SecretString --output text"), lines("aws.calls"));
    List<String> env = lines("container.env");
    assertTrue(env.contains("DATABASE_PASSWORD=p@ss:w/rd%"), env.toString());
    assertTrue(env.contains("DATABASE_URL=postgresql://rockofages:p%40ss%3Aw%2Frd%25@db.example:5432/rockofages"),
        env.toString());
    assertTrue(env.contains("DATABASE_SECRET_ARN=" + SECRET_ARN), "the spec's and the links' variables stay");
    assertEquals(1, runs());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        etc.resolve("api.effective.env"))), "the environment with the password is root-only");
  }

  @Test
  void anUnchangedPasswordLeavesTheContainerAloneAndARotatedOneRestartsIt() throws Exception {
    secret("first-Pa55word");
    run(DATABASE);
    assertEquals(0, run(DATABASE));
    assertEquals(1, runs(), "same environment, container running: nothing to do");

    secret("rotated-Pa55word");
    assertEquals(0, run(DATABASE));
    assertEquals(2, runs());
    assertTrue(lines("docker.calls").contains("rm -f rockofages-api"));
    assertTrue(lines("container.env").contains("DATABASE_PASSWORD=rotated-Pa55word"));
  }

  @Test
  void aStoppedContainerIsStartedAgain() throws Exception {
    secret("first-Pa55word");
    run(DATABASE);
    Files.delete(dir.resolve("running"));
    run(DATABASE);
    assertEquals(2, runs());
  }

  @Test
  void whenTheSecretCannotBeReadTheRunningContainerIsKept() throws Exception {
    secret("first-Pa55word");
    run(DATABASE);
    Files.createFile(dir.resolve("aws.fails"));
    secret("rotated-Pa55word");

    assertNotEquals(0, run(DATABASE));
    assertEquals(1, runs());
    assertTrue(lines("container.env").contains("DATABASE_PASSWORD=first-Pa55word"));
  }

  @Test
  void withoutADatabaseNoSecretIsRead() throws Exception {
    assertEquals(0, run(List.of()));
    assertFalse(Files.exists(dir.resolve("aws.calls")));
    assertEquals(1, runs());
    assertTrue(lines("container.env").stream().noneMatch(line -> line.startsWith("DATABASE_")));
  }

  /** Runs the run script exactly as the user data installs it, with the env file the user data writes. */
  private int run(List<EnvVar> linked) throws Exception {
    String userData = UserData.script(api, linked);
    Files.writeString(etc.resolve("api.env"), between(userData, "ROCKOFAGES_ENV_END"));
    Path script = dir.resolve("rockofages-api");
    Files.writeString(script, between(userData, "ROCKOFAGES_SCRIPT_END"));
    ProcessBuilder bash = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("output").toFile());
    bash.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    bash.environment().put("ROCKOFAGES_DIR", etc.toString());
    bash.environment().put("STATE", dir.toString());
    return bash.start().waitFor();
  }

  /** The body of the quoted heredoc that ends with {@code marker}. */
  private static String between(String userData, String marker) {
    Matcher body = Pattern.compile("<<'" + marker + "'\n(.*?)" + marker + "\n", Pattern.DOTALL).matcher(userData);
    assertTrue(body.find(), marker + " in the user data");
    return body.group(1);
  }

  private void secret(String password) throws IOException {
    Files.writeString(dir.resolve("secret.json"), "{\"username\": \"rockofages\", \"password\": \""
        + password + "\"}\n");
  }

  private long runs() throws IOException {
    return lines("docker.calls").stream().filter(line -> line.startsWith("run ")).count();
  }

  private List<String> lines(String file) throws IOException {
    return Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
  }

  private static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }
}
