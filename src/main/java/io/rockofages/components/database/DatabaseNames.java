package io.rockofages.components.database;

import static io.rockofages.api.Text.blankToNull;

import io.rockofages.api.AdoptSpec;
import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RDS names: 1-63 lowercase letters, digits and single hyphens, starting with a letter. Derived
 * from namespace/name (dots become hyphens; long names are cut and keep a hash), so they are
 * deterministic and distinct per stack.
 */
public final class DatabaseNames {
  private DatabaseNames() {}

  private static final int MAX = 63;
  private static final DateTimeFormatter SNAPSHOT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  public static String instanceIdentifier(StackId stack) {
    return withSuffix(stack, "-db");
  }

  /** The stack's DB instance: the one spec.adopt names, else the derived identifier. */
  public static String instanceIdentifier(StackId stack, RockOfAgesSpec spec) {
    return spec.getAdopt().named(AdoptSpec::getDatabaseIdentifier).orElseGet(() -> instanceIdentifier(stack));
  }

  /** The stack's DB subnet group: the one spec.adopt names, else the derived name. */
  public static String subnetGroupName(StackId stack, RockOfAgesSpec spec) {
    return spec.getAdopt().named(AdoptSpec::getDbSubnetGroupName).orElseGet(() -> withSuffix(stack, "-db-subnets"));
  }

  /** The Secrets Manager secret of a password the spec brings (names allow letters, digits and /_+=.@-). */
  public static String passwordSecret(StackId stack) {
    return "rockofages/" + stack.namespace() + "/" + stack.name() + "/database-master";
  }

  /** The Secret applications read the connection from: the spec's name, else {@code <name>-db}. */
  public static String connectionSecret(StackId stack, DatabaseSpec spec) {
    String configured = blankToNull(spec.getConnectionSecretName());
    return configured != null ? configured : stack.name() + "-db";
  }

  public static String finalSnapshot(String instanceIdentifier, Instant now) {
    return instanceIdentifier + "-final-" + SNAPSHOT_TIME.format(now);
  }

  private static String withSuffix(StackId stack, String suffix) {
    String base = ("roa-" + stack.namespace() + "-" + stack.name()).toLowerCase().replace('.', '-')
        .replaceAll("-{2,}", "-");
    int room = MAX - suffix.length();
    if (base.length() > room) {
      String hash = stack.shortHash(8);
      base = base.substring(0, room - hash.length() - 1).replaceAll("-+$", "") + "-" + hash;
    }
    return base + suffix;
  }
}
