package io.rockofages.cli;

import io.rockofages.api.StackId;
import io.rockofages.engine.Secret;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the CLI gets the database master password (there is no cluster to keep a Secret in):
 * --db-password-file, else ROCKOFAGES_DB_PASSWORD, else a file it generates once with mode 0600
 * under ~/.config/rockofages/ and reuses on every later run.
 */
final class DatabasePasswordOptions {
  static final String ENV = "ROCKOFAGES_DB_PASSWORD";

  @Option(names = "--db-password-file", paramLabel = "FILE",
      description = "File holding the database master password (default: $ROCKOFAGES_DB_PASSWORD, else a generated "
          + "file under ~/.config/rockofages/).")
  Path passwordFile;

  /** @param mayWrite false for plan: a missing generated file is not created, only imagined */
  Secret resolve(StackId stack, Map<String, String> env, boolean mayWrite, PrintWriter err) {
    if (passwordFile != null) {
      return read(passwordFile).orElseThrow(() -> new IllegalArgumentException(passwordFile + ": no such file"));
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Secret(fromEnv);
    }
    Path generated = defaultFile(stack, env);
    Optional<Secret> existing = read(generated);
    if (existing.isPresent()) {
      return existing.get();
    }
    Secret password = Secret.generate();
    if (mayWrite) {
      write(generated, password);
      err.println("generated the database master password into " + generated + " (mode 0600)");
    }
    return password;
  }

  static Path defaultFile(StackId stack, Map<String, String> env) {
    Path config = Optional.ofNullable(env.get("XDG_CONFIG_HOME")).map(Path::of)
        .orElseGet(() -> Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config"));
    return config.resolve("rockofages").resolve(stack.namespace()).resolve(stack.name()).resolve("db-password");
  }

  private static Optional<Secret> read(Path file) {
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException(file + ": the password file is empty");
      }
      return Optional.of(new Secret(text));
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the password file", e);
    }
  }

  private static void write(Path file, Secret password) {
    try {
      Files.createDirectories(file.getParent(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, password.value() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write the generated password", e);
    }
  }
}
