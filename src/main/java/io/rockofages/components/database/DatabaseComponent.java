package io.rockofages.components.database;

import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.EnvVar;
import io.rockofages.aws.Ownership;
import io.rockofages.components.securitygroup.SecurityGroupState;
import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.Component;
import io.rockofages.engine.ComponentGroup;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.Endpoint;
import io.rockofages.engine.FieldChange;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.Secret;
import io.rockofages.engine.StackContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.Tag;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * The PostgreSQL RDS instance. Changes RDS makes in place go through ModifyDBInstance with
 * ApplyImmediately set; changes it cannot make (shrinking storage, another database name or master
 * user, an engine downgrade, encryption, another subnet group) are never done by replacing the
 * database: the plan shows REPLACE and the stack stalls with the reason, touching nothing.
 */
public final class DatabaseComponent implements Component<DatabaseComponent.Desired, DatabaseState> {
  public static final String NAME = "database";
  public static final String ENGINE = "postgres";
  public static final String PASSWORD_TAG = "rockofages.io/password-fingerprint";
  private static final Set<String> PROGRESSING = Set.of("creating", "backing-up", "modifying", "rebooting",
      "renaming", "resetting-master-credentials", "starting", "stopping", "upgrading", "maintenance",
      "storage-optimization", "configuring-enhanced-monitoring", "configuring-log-exports", "configuring-iam-database-auth",
      "moving-to-vpc", "converting-to-vpc", "deleting", "stopped");

  /** The database as the spec wants it. The password is a {@link Secret}: it never prints. */
  public record Desired(String identifier, String engineVersion, String instanceClass, int allocatedStorage,
      String storageType, String databaseName, String masterUsername, boolean multiAZ, boolean publiclyAccessible,
      int backupRetentionDays, boolean deletionProtection, boolean storageEncrypted, List<String> securityGroupIds,
      String subnetGroupName, Secret password) {}

  /**
   * The API host's database variables once the database exists (before: none, and the API host
   * waits for the database because it depends on it).
   */
  public static List<EnvVar> linkedEnvironment(StackContext ctx) {
    return connection(ctx).map(DatabaseConnection::environment).orElse(List.of());
  }

  /** How applications reach the database seen in this pass, once it has an address. */
  public static Optional<DatabaseConnection> connection(StackContext ctx) {
    return ctx.observedOf(NAME, DatabaseState.class).filter(d -> d.host() != null)
        .map(d -> DatabaseConnection.of(ctx.spec().getDatabase(), d, ctx.databasePassword()));
  }

  /** Why the database pieces stay when the stack is deleted, if they do. */
  public static Optional<String> retention(StackContext ctx) {
    DatabaseSpec database = ctx.spec().getDatabase();
    return database != null && database.getOnDelete() == DatabaseSpec.OnDelete.Retain
        ? Optional.of("spec.database.onDelete is Retain: left in AWS") : Optional.empty();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ComponentGroup group() {
    return ComponentGroup.DATABASE;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(DatabaseSecurityGroup.NAME, SubnetGroupComponent.NAME);
  }

  @Override
  public boolean replaceable() {
    return false;
  }

  @Override
  public Optional<String> retainedOnDelete(StackContext ctx) {
    return retention(ctx);
  }

  @Override
  public Desired desired(StackContext ctx) {
    DatabaseSpec spec = ctx.spec().getDatabase();
    String groupId = ctx.observedOf(DatabaseSecurityGroup.NAME, SecurityGroupState.class)
        .map(SecurityGroupState::groupId).orElse(StackContext.KNOWN_AFTER_APPLY);
    return new Desired(DatabaseNames.instanceIdentifier(ctx.stack()), spec.getEngineVersion(),
        spec.getInstanceClass(), spec.getAllocatedStorage(), spec.getStorageType().name(), spec.getDatabaseName(),
        spec.getMasterUsername(), spec.isMultiAZ(), spec.isPubliclyAccessible(), spec.getBackupRetentionDays(),
        spec.isDeletionProtection(), spec.isStorageEncrypted(), List.of(groupId),
        DatabaseNames.subnetGroupName(ctx.stack()), ctx.databasePassword());
  }

  @Override
  public Optional<DatabaseState> observe(StackContext ctx) {
    String identifier = DatabaseNames.instanceIdentifier(ctx.stack());
    try {
      DBInstance instance = ctx.rds().describeDBInstances(r -> r.dbInstanceIdentifier(identifier)).dbInstances().get(0);
      Ownership.requireOwnedOrUnclaimed(ctx.stack(), identifier, tagMap(instance.tagList()));
      return Optional.of(state(instance));
    } catch (DbInstanceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Diff diff(Desired desired, DatabaseState observed) {
    Diff.Builder diff = Diff.builder();
    int version = compareVersions(desired.engineVersion(), observed.engineVersion());
    if (version != 0) {
      diff.add(new FieldChange("engineVersion", observed.engineVersion(), desired.engineVersion(),
          version > 0 ? ChangeKind.IN_PLACE : ChangeKind.REPLACE));
    }
    if (desired.allocatedStorage() != observed.allocatedStorage()) {
      diff.add(new FieldChange("allocatedStorage", observed.allocatedStorage() + " GiB",
          desired.allocatedStorage() + " GiB",
          desired.allocatedStorage() > observed.allocatedStorage() ? ChangeKind.IN_PLACE : ChangeKind.REPLACE));
    }
    diff.compare("instanceClass", desired.instanceClass(), observed.instanceClass(), ChangeKind.IN_PLACE)
        .compare("storageType", desired.storageType(), observed.storageType(), ChangeKind.IN_PLACE)
        .compare("multiAZ", desired.multiAZ(), observed.multiAZ(), ChangeKind.IN_PLACE)
        .compare("publiclyAccessible", desired.publiclyAccessible(), observed.publiclyAccessible(), ChangeKind.IN_PLACE)
        .compare("backupRetentionDays", desired.backupRetentionDays(), observed.backupRetentionDays(),
            ChangeKind.IN_PLACE)
        .compare("deletionProtection", desired.deletionProtection(), observed.deletionProtection(), ChangeKind.IN_PLACE)
        .compare("securityGroups", new TreeSet<>(desired.securityGroupIds()),
            new TreeSet<>(observed.securityGroupIds()), ChangeKind.IN_PLACE)
        .compare("databaseName", desired.databaseName(), observed.databaseName(), ChangeKind.REPLACE)
        .compare("masterUsername", desired.masterUsername(), observed.masterUsername(), ChangeKind.REPLACE)
        .compare("storageEncrypted", desired.storageEncrypted(), observed.storageEncrypted(), ChangeKind.REPLACE)
        .compare("subnetGroup", desired.subnetGroupName(), observed.subnetGroupName(), ChangeKind.REPLACE);
    if (!PasswordFingerprint.matches(desired.password(), observed.passwordFingerprint())) {
      diff.add(new FieldChange("masterPassword", "(previous)", "(from the Secret)", ChangeKind.IN_PLACE));
    }
    if ("stopped".equals(observed.status())) {
      diff.add(new FieldChange("status", "stopped", "available", ChangeKind.IN_PLACE));
    }
    return diff.build();
  }

  @Override
  public Readiness readiness(DatabaseState observed) {
    String status = observed.status();
    if ("available".equals(status)) {
      return Readiness.ready();
    }
    if ("creating".equals(status)) {
      return Readiness.creating("RDS status: " + status);
    }
    if (PROGRESSING.contains(status)) {
      return Readiness.progressing("RDS status: " + status);
    }
    return Readiness.failed("RDS status: " + status);
  }

  @Override
  public DatabaseState create(Desired desired, StackContext ctx) {
    List<Tag> tags = new ArrayList<>(rdsTags(ctx, NAME, desired.identifier()));
    tags.add(Tag.builder().key(PASSWORD_TAG).value(PasswordFingerprint.create(desired.password())).build());
    DBInstance created = ctx.rds().createDBInstance(r -> r.dbInstanceIdentifier(desired.identifier())
        .engine(ENGINE).engineVersion(desired.engineVersion()).dbInstanceClass(desired.instanceClass())
        .allocatedStorage(desired.allocatedStorage()).storageType(desired.storageType())
        .dbName(desired.databaseName()).masterUsername(desired.masterUsername())
        .masterUserPassword(desired.password().value()).multiAZ(desired.multiAZ())
        .publiclyAccessible(desired.publiclyAccessible()).backupRetentionPeriod(desired.backupRetentionDays())
        .deletionProtection(desired.deletionProtection()).storageEncrypted(desired.storageEncrypted())
        .vpcSecurityGroupIds(desired.securityGroupIds()).dbSubnetGroupName(desired.subnetGroupName())
        .copyTagsToSnapshot(true).tags(tags)).dbInstance();
    return state(created);
  }

  @Override
  public DatabaseState update(Desired desired, DatabaseState observed, Diff diff, StackContext ctx) {
    RdsClient rds = ctx.rds();
    if ("stopped".equals(observed.status())) {
      rds.startDBInstance(r -> r.dbInstanceIdentifier(observed.identifier()));
      return describe(rds, observed.identifier());
    }
    if (!"available".equals(observed.status())) {
      return observed; // RDS takes one change at a time: wait until it is available again
    }
    ModifyDbInstanceRequest.Builder modify = ModifyDbInstanceRequest.builder()
        .dbInstanceIdentifier(observed.identifier()).applyImmediately(true);
    if (diff.has("engineVersion")) {
      modify.engineVersion(desired.engineVersion())
          .allowMajorVersionUpgrade(!major(desired.engineVersion()).equals(major(observed.engineVersion())));
    }
    if (diff.has("instanceClass")) {
      modify.dbInstanceClass(desired.instanceClass());
    }
    if (diff.has("allocatedStorage")) {
      modify.allocatedStorage(desired.allocatedStorage());
    }
    if (diff.has("storageType")) {
      modify.storageType(desired.storageType());
    }
    if (diff.has("multiAZ")) {
      modify.multiAZ(desired.multiAZ());
    }
    if (diff.has("publiclyAccessible")) {
      modify.publiclyAccessible(desired.publiclyAccessible());
    }
    if (diff.has("backupRetentionDays")) {
      modify.backupRetentionPeriod(desired.backupRetentionDays());
    }
    if (diff.has("deletionProtection")) {
      modify.deletionProtection(desired.deletionProtection());
    }
    if (diff.has("securityGroups")) {
      modify.vpcSecurityGroupIds(desired.securityGroupIds());
    }
    if (diff.has("masterPassword")) {
      modify.masterUserPassword(desired.password().value());
    }
    rds.modifyDBInstance(modify.build());
    if (diff.has("masterPassword")) {
      rds.addTagsToResource(r -> r.resourceName(observed.arn()).tags(Tag.builder().key(PASSWORD_TAG)
          .value(PasswordFingerprint.create(desired.password())).build()));
    }
    return describe(rds, observed.identifier());
  }

  /**
   * One step: lift deletion protection (only because the policy allows deleting), then delete with
   * a final snapshot (onDelete Snapshot, named in the message) or without (onDelete Delete).
   */
  @Override
  public DeleteResult delete(DatabaseState observed, StackContext ctx) {
    RdsClient rds = ctx.rds();
    if ("deleting".equals(observed.status())) {
      return DeleteResult.inProgress("RDS is deleting " + observed.identifier());
    }
    if (observed.deletionProtection()) {
      rds.modifyDBInstance(r -> r.dbInstanceIdentifier(observed.identifier()).deletionProtection(false)
          .applyImmediately(true));
      return DeleteResult.inProgress("deletion protection lifted for the stack's deletion");
    }
    DatabaseSpec spec = ctx.spec().getDatabase();
    if (spec == null || spec.getOnDelete() == DatabaseSpec.OnDelete.Snapshot) {
      String snapshot = DatabaseNames.finalSnapshot(observed.identifier(), ctx.clock().instant());
      rds.deleteDBInstance(r -> r.dbInstanceIdentifier(observed.identifier()).skipFinalSnapshot(false)
          .finalDBSnapshotIdentifier(snapshot));
      return DeleteResult.inProgress("deleting after final snapshot " + snapshot);
    }
    rds.deleteDBInstance(r -> r.dbInstanceIdentifier(observed.identifier()).skipFinalSnapshot(true));
    return DeleteResult.inProgress("deleting without a final snapshot (onDelete Delete)");
  }

  @Override
  public String id(DatabaseState observed) {
    return observed.arn() != null ? observed.arn() : observed.identifier();
  }

  @Override
  public Map<Endpoint, String> endpoints(DatabaseState observed) {
    return observed.host() == null ? Map.of()
        : Map.of(Endpoint.DATABASE, observed.host() + ":" + (observed.port() == null ? DatabaseSpec.PORT : observed.port()));
  }

  @Override
  public List<String> warnings(Desired desired) {
    List<String> warnings = new ArrayList<>();
    if (desired.publiclyAccessible()) {
      warnings.add("the database has a public address (spec.database.publiclyAccessible)");
    }
    if (desired.backupRetentionDays() == 0) {
      warnings.add("the database has no automated backups (spec.database.backupRetentionDays is 0)");
    }
    if (!desired.storageEncrypted()) {
      warnings.add("the database storage is not encrypted (spec.database.storageEncrypted is false)");
    }
    return warnings;
  }

  /** Positive when {@code desired} is newer, compared only as far as desired is precise (16 matches 16.4). */
  static int compareVersions(String desired, String observed) {
    String[] want = desired.split("\\.");
    String[] have = observed == null ? new String[0] : observed.split("\\.");
    for (int i = 0; i < want.length; i++) {
      int w = Integer.parseInt(want[i]);
      int h = i < have.length ? parseOrZero(have[i]) : 0;
      if (w != h) {
        return Integer.compare(w, h);
      }
    }
    return 0;
  }

  private static int parseOrZero(String part) {
    String digits = part.replaceAll("[^0-9].*$", "");
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }

  private static String major(String version) {
    return version == null ? "" : version.split("\\.")[0];
  }

  static List<Tag> rdsTags(StackContext ctx, String component, String readableName) {
    return Ownership.tags(ctx.stack(), component, readableName).entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }

  public static Map<String, String> tagMap(List<Tag> tags) {
    return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
  }

  private static DatabaseState describe(RdsClient rds, String identifier) {
    return state(rds.describeDBInstances(r -> r.dbInstanceIdentifier(identifier)).dbInstances().get(0));
  }

  private static DatabaseState state(DBInstance i) {
    return new DatabaseState(i.dbInstanceIdentifier(), i.dbInstanceArn(), i.dbInstanceStatus(), i.engineVersion(),
        i.dbInstanceClass(), i.allocatedStorage() == null ? 0 : i.allocatedStorage(), i.storageType(), i.dbName(),
        i.masterUsername(), Boolean.TRUE.equals(i.multiAZ()), Boolean.TRUE.equals(i.publiclyAccessible()),
        i.backupRetentionPeriod() == null ? 0 : i.backupRetentionPeriod(), Boolean.TRUE.equals(i.deletionProtection()),
        Boolean.TRUE.equals(i.storageEncrypted()),
        i.vpcSecurityGroups().stream().map(VpcSecurityGroupMembership::vpcSecurityGroupId).toList(),
        i.dbSubnetGroup() == null ? null : i.dbSubnetGroup().dbSubnetGroupName(),
        i.endpoint() == null ? null : i.endpoint().address(), i.endpoint() == null ? null : i.endpoint().port(),
        tagMap(i.tagList()).get(PASSWORD_TAG));
  }
}
