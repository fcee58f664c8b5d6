package io.rockofages.cli;

import io.rockofages.api.DatabaseSpec;
import io.rockofages.engine.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the CLI gets the database master password when the manifest brings its own
 * (spec.database.passwordSecretRef names a Kubernetes Secret, which the CLI has no cluster to read):
 * --db-password-file, else ROCKOFAGES_DB_PASSWORD. Without passwordSecretRef, RDS keeps the
 * password in Secrets Manager and the CLI never sees it; a password given then is refused, since it would not be used.
 */
final class DatabasePasswordOptions {
  static final String ENV = "ROCKOFAGES_DB_PASSWORD";

  @Option(names = "--db-password-file", paramLabel = "FILE",
      description = "File holding the database master password, for a manifest with spec.database.passwordSecretRef "
          + "(default: $ROCKOFAGES_DB_PASSWORD).")
  Path passwordFile;

  Optional<Secret> resolve(DatabaseSpec database, Map<String, String> env) {
    String fromEnv = env.get(ENV);
    boolean given = passwordFile != null || fromEnv != null && !fromEnv.isBlank();
    if (database == null || database.getPasswordSecretRef() == null) {
      if (given) {
        throw new IllegalArgumentException("the manifest lets RDS keep the database password in Secrets Manager (no "
            + "spec.database.passwordSecretRef), so --db-password-file and " + ENV + " are not used: remove them, or "
            + "add passwordSecretRef to bring your own password");
      }
      return Optional.empty();
    }
    if (passwordFile != null) {
      return Optional.of(read(passwordFile));
    }
    if (!given) {
      throw new IllegalArgumentException("spec.database.passwordSecretRef names Secret "
          + database.getPasswordSecretRef().getName() + ", which the CLI cannot read: give the password with "
          + "--db-password-file FILE or " + ENV);
    }
    return Optional.of(new Secret(fromEnv));
  }

  private static Secret read(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException(file + ": the password file is empty");
      }
      return new Secret(text);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read the password file", e);
    }
  }
}
