package io.rockofages.components.database;

import io.rockofages.api.Conditions;
import io.rockofages.api.AdoptSpec;
import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.Endpoints;
import io.rockofages.api.EnvVar;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.aws.Inventory;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.SharedReads;
import io.rockofages.aws.Tags;
import io.rockofages.components.securitygroup.SecurityGroupState;
import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.Component;
import io.rockofages.engine.Connection;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Dependency;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable.Change;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Group;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Link;
import io.rockofages.engine.Outputs;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.Ref;
import io.rockofages.engine.Secret;
import io.rockofages.engine.StackContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * The PostgreSQL RDS instance. Changes RDS makes in place go through ModifyDBInstance with
 * ApplyImmediately set; changes it cannot make (shrinking storage, another database name or master
 * user, an engine downgrade, encryption, another subnet group) are never done by replacing the
 * database: the plan shows REPLACE and the stack stalls with the reason, touching nothing.
 */
public final class DatabaseComponent extends Component<DatabaseComponent.Desired, DatabaseState>
    implements Component.Creatable<DatabaseComponent.Desired, DatabaseState>,
    Component.Updatable<DatabaseComponent.Desired, DatabaseState>, Component.Deletable<DatabaseState>,
    Component.Guarded<DatabaseState> {
  public static final Ref<DatabaseState> REF = Ref.of("database", DatabaseState.class);
  public static final Group GROUP = new Group(Conditions.DATABASE_READY);
  public static final String ENGINE = "postgres";
  public static final String PASSWORD_TAG = "rockofages.io/password-fingerprint";
  /** spec.database.onDelete, kept on the instance so a section removed from the spec is deleted as it said. */
  public static final String ON_DELETE_TAG = "rockofages.io/on-delete";
  private static final Set<String> PROGRESSING = Set.of("creating", "backing-up", "modifying", "rebooting",
      "renaming", "resetting-master-credentials", "starting", "stopping", "upgrading", "maintenance",
      "storage-optimization", "configuring-enhanced-monitoring", "configuring-log-exports", "configuring-iam-database-auth",
      "moving-to-vpc", "converting-to-vpc", "deleting", "stopped");
  /** The watch tells a database's stack by its tag and looks at what its state shows. */
  private static final SharedReads.Watch<DBInstance> WATCH = new SharedReads.Watch<>(
      instance -> Tags.fromRds(instance.tagList()).get(Ownership.STACK_TAG), DatabaseComponent::state);

  /**
   * The database as the spec wants it.
   *
   * @param suppliedPassword the password the spec brings, a {@link Secret} that never prints; null: RDS
   *     generates and keeps it in Secrets Manager ({@code ManageMasterUserPassword})
   */
  public record Desired(String identifier, String engineVersion, String instanceClass, int allocatedStorage,
      String storageType, String databaseName, String masterUsername, boolean multiAZ, boolean publiclyAccessible,
      int backupRetentionDays, boolean deletionProtection, boolean storageEncrypted, List<String> securityGroupIds,
      String subnetGroupName, Secret suppliedPassword, String onDelete) {
    boolean passwordManagedByRds() {
      return suppliedPassword == null;
    }
  }

  /** One update: a start, or one ModifyDBInstance and the tags that describe it (written after it). */
  private static final class DatabaseChanges {
    private final ModifyDbInstanceRequest.Builder modify;
    private boolean modified;
    final Map<String, String> tags = new HashMap<>();
    boolean start;

    DatabaseChanges(String identifier) {
      modify = ModifyDbInstanceRequest.builder().dbInstanceIdentifier(identifier).applyImmediately(true);
    }

    ModifyDbInstanceRequest.Builder modify() {
      modified = true;
      return modify;
    }
  }

  private static final FieldTable<Desired, DatabaseState, DatabaseChanges> FIELDS =
      FieldTable.<Desired, DatabaseState, DatabaseChanges>builder()
          .custom("engineVersion", DatabaseComponent::compareEngineVersion, (c, d, o) -> c.modify()
              .engineVersion(d.engineVersion()).allowMajorVersionUpgrade(!major(d.engineVersion()).equals(major(
                  o.engineVersion()))))
          .custom("allocatedStorage", DatabaseComponent::compareStorage,
              (c, d, o) -> c.modify().allocatedStorage(d.allocatedStorage()))
          .inPlace("instanceClass", Desired::instanceClass, DatabaseState::instanceClass,
              (c, d, o) -> c.modify().dbInstanceClass(d.instanceClass()))
          .inPlace("storageType", Desired::storageType, DatabaseState::storageType,
              (c, d, o) -> c.modify().storageType(d.storageType()))
          .inPlace("multiAZ", Desired::multiAZ, DatabaseState::multiAZ, (c, d, o) -> c.modify().multiAZ(d.multiAZ()))
          .inPlace("publiclyAccessible", Desired::publiclyAccessible, DatabaseState::publiclyAccessible,
              (c, d, o) -> c.modify().publiclyAccessible(d.publiclyAccessible()))
          .inPlace("backupRetentionDays", Desired::backupRetentionDays, DatabaseState::backupRetentionDays,
              (c, d, o) -> c.modify().backupRetentionPeriod(d.backupRetentionDays()))
          .inPlace("deletionProtection", Desired::deletionProtection, DatabaseState::deletionProtection,
              (c, d, o) -> c.modify().deletionProtection(d.deletionProtection()))
          .inPlace("securityGroups", d -> new TreeSet<>(d.securityGroupIds()), o -> new TreeSet<>(o.securityGroupIds()),
              (c, d, o) -> c.modify().vpcSecurityGroupIds(d.securityGroupIds()))
          .replace("databaseName", Desired::databaseName, DatabaseState::databaseName)
          .replace("masterUsername", Desired::masterUsername, DatabaseState::masterUsername)
          .replace("storageEncrypted", Desired::storageEncrypted, DatabaseState::storageEncrypted)
          .replace("subnetGroup", Desired::subnetGroupName, DatabaseState::subnetGroupName)
          .custom("masterPassword", DatabaseComponent::comparePassword, DatabaseComponent::setPassword)
          .inPlace("onDelete", Desired::onDelete, DatabaseState::onDelete, (c, d, o) -> c.tags.put(ON_DELETE_TAG,
              d.onDelete()))
          .custom("status", (d, o) -> "stopped".equals(o.status()) ? Change.inPlace("stopped", "available")
              : Optional.empty(), (c, d, o) -> c.start = true)
          .build();

  private final boolean passwordFromSecret;

  /**
   * @param passwordFromSecret the spec brings the password (passwordSecretRef): it is kept in the
   *     stack's own Secrets Manager secret, written before the database gets it
   */
  public DatabaseComponent(boolean passwordFromSecret) {
    super(REF, GROUP, Lifecycle.neverReplaced().keptWhen(DatabaseComponent::retention), Stream.<Dependency<?>>concat(
        Stream.of(DatabaseSecurityGroup.REF.ready(), SubnetGroupComponent.REF.ready()),
        passwordFromSecret ? Stream.of(PasswordSecretComponent.REF.ready()) : Stream.empty()).toList());
    this.passwordFromSecret = passwordFromSecret;
  }

  /**
   * The API host's database variables once the database exists (before: none, and the API host
   * waits for the database because the link makes it a dependency). No password: the host reads it
   * from Secrets Manager ({@link #managedSecretArnLink} or the stack's own secret).
   */
  public static Link<DatabaseState, List<EnvVar>> environmentLink() {
    return new Link<>(REF.ready(), (database, ctx) -> database.host() == null ? List.of()
        : DatabaseConnection.of(ctx.spec().getDatabase(), database, null, Optional.empty()).environment());
  }

  /** The ARN of the secret in which RDS keeps the password it manages. */
  public static Link<DatabaseState, String> managedSecretArnLink() {
    return new Link<>(REF.ready(), (database, ctx) -> database.masterUserSecretArn());
  }

  /**
   * The database section of a spec that no longer has one, as far as AWS remembers it: how to
   * delete it comes from the instance's on-delete tag (a final snapshot when nothing says otherwise).
   */
  public static DatabaseSpec lastKnown(Inventory inventory) {
    DatabaseSpec removed = new DatabaseSpec();
    inventory.of(REF.name()).stream().map(r -> r.tags().get(ON_DELETE_TAG)).filter(Objects::nonNull).findFirst()
        .ifPresent(onDelete -> removed.setOnDelete(DatabaseSpec.OnDelete.valueOf(onDelete)));
    return removed;
  }

  /** Why the database pieces stay when the stack is deleted, if they do. */
  public static Optional<String> retention(RockOfAgesSpec spec) {
    DatabaseSpec database = spec.getDatabase();
    return database != null && database.getOnDelete() == DatabaseSpec.OnDelete.Retain
        ? Optional.of("spec.database.onDelete is Retain: left in AWS") : Optional.empty();
  }

  @Override
  public Desired desired(StackContext ctx) {
    DatabaseSpec spec = ctx.spec().getDatabase();
    String groupId = ctx.observed(DatabaseSecurityGroup.REF).map(SecurityGroupState::groupId)
        .orElse(StackContext.KNOWN_AFTER_APPLY);
    return new Desired(DatabaseNames.instanceIdentifier(ctx.stack(), ctx.spec()), spec.getEngineVersion(),
        spec.getInstanceClass(), spec.getAllocatedStorage(), spec.getStorageType().name(), spec.getDatabaseName(),
        spec.getMasterUsername(), spec.isMultiAZ(), spec.isPubliclyAccessible(), spec.getBackupRetentionDays(),
        spec.isDeletionProtection(), spec.isStorageEncrypted(), List.of(groupId),
        DatabaseNames.subnetGroupName(ctx.stack(), ctx.spec()), passwordFromSecret ? ctx.databasePassword().orElseThrow(
            () -> new IllegalStateException("spec.database.passwordSecretRef is set but no password was supplied"))
            : null, spec.getOnDelete().name());
  }

  @Override
  public void readAhead(StackContext ctx) {
    ctx.shared().readAhead(everyDatabase(ctx));
  }

  /** Every database of the region by identifier, from one (watched) listing all stacks share while it is fresh. */
  private SharedReads.Every<DBInstance> everyDatabase(StackContext ctx) {
    return new SharedReads.Every<>(name(), ctx.region(),
        () -> ctx.rds().describeDBInstancesPaginator(r -> { }).dbInstances().stream().toList(),
        DatabaseComponent::lowerCaseIdentifier, WATCH);
  }

  /** RDS keeps identifiers in lower case whatever case they were given in. */
  private static String lowerCaseIdentifier(DBInstance instance) {
    return instance.dbInstanceIdentifier().toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<DatabaseState> observe(StackContext ctx) {
    String identifier = DatabaseNames.instanceIdentifier(ctx.stack(), ctx.spec());
    return Ownership.findOwned(ctx.stack(), "database " + identifier, () -> ctx.ownReads().oneOf(everyDatabase(ctx),
        identifier.toLowerCase(Locale.ROOT),
        () -> Optional.of(ctx.rds().describeDBInstances(r -> r.dbInstanceIdentifier(identifier)).dbInstances().get(0))),
        instance -> Tags.fromRds(instance.tagList()), instance -> Optional.ofNullable(ctx.ifLastReported(name(),
            instance.dbInstanceArn())).orElse(ctx.ifLastReported(name(), instance.dbInstanceIdentifier())),
        instance -> ctx.rds().addTagsToResource(r -> r.resourceName(instance.dbInstanceArn())
            .tags(Tags.rds(ctx.ownershipTags(name(), identifier)))),
        DatabaseComponent::state);
  }

  @Override
  public Optional<String> adoptedId(RockOfAgesSpec spec) {
    return spec.getAdopt().named(AdoptSpec::getDatabaseIdentifier);
  }

  @Override
  protected FieldTable<Desired, DatabaseState, DatabaseChanges> fields() {
    return FIELDS;
  }

  /** Who keeps the password, and whether RDS has the one the spec brings (by its fingerprint tag). */
  private static Optional<Change> comparePassword(Desired desired, DatabaseState observed) {
    if (desired.passwordManagedByRds()) {
      return observed.masterUserSecretArn() != null ? Optional.empty()
          : Change.inPlace("(set by rockofages)", "(managed by RDS in Secrets Manager)");
    }
    if (observed.masterUserSecretArn() != null) {
      return Change.inPlace("(managed by RDS in Secrets Manager)", "(from the Secret)");
    }
    return PasswordFingerprint.matches(desired.suppliedPassword(), observed.passwordFingerprint()) ? Optional.empty()
        : Change.inPlace("(previous)", "(from the Secret)");
  }

  private static void setPassword(DatabaseChanges changes, Desired desired, DatabaseState observed) {
    if (desired.passwordManagedByRds()) {
      changes.modify().manageMasterUserPassword(true);
      return;
    }
    if (observed.masterUserSecretArn() != null) {
      changes.modify().manageMasterUserPassword(false);
    }
    changes.modify().masterUserPassword(desired.suppliedPassword().value());
    changes.tags.put(PASSWORD_TAG, PasswordFingerprint.create(desired.suppliedPassword()));
  }

  /** Upgrades happen in place; a downgrade would need a new database. */
  private static Optional<Change> compareEngineVersion(Desired desired, DatabaseState observed) {
    int version = compareVersions(desired.engineVersion(), observed.engineVersion());
    return version == 0 ? Optional.empty() : Optional.of(new Change(observed.engineVersion(),
        desired.engineVersion(), version > 0 ? ChangeKind.IN_PLACE : ChangeKind.REPLACE));
  }

  /** Storage grows in place and never shrinks. */
  private static Optional<Change> compareStorage(Desired desired, DatabaseState observed) {
    return desired.allocatedStorage() == observed.allocatedStorage() ? Optional.empty()
        : Optional.of(new Change(observed.allocatedStorage() + " GiB", desired.allocatedStorage() + " GiB",
            desired.allocatedStorage() > observed.allocatedStorage() ? ChangeKind.IN_PLACE : ChangeKind.REPLACE));
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
    Map<String, String> tags = ctx.ownershipTags(name(), desired.identifier());
    if (!desired.passwordManagedByRds()) {
      tags.put(PASSWORD_TAG, PasswordFingerprint.create(desired.suppliedPassword()));
    }
    tags.put(ON_DELETE_TAG, desired.onDelete());
    String password = desired.passwordManagedByRds() ? null : desired.suppliedPassword().value();
    DBInstance created = ctx.rds().createDBInstance(r -> r.dbInstanceIdentifier(desired.identifier())
        .engine(ENGINE).engineVersion(desired.engineVersion()).dbInstanceClass(desired.instanceClass())
        .allocatedStorage(desired.allocatedStorage()).storageType(desired.storageType())
        .dbName(desired.databaseName()).masterUsername(desired.masterUsername())
        .manageMasterUserPassword(desired.passwordManagedByRds()).masterUserPassword(password)
        .multiAZ(desired.multiAZ())
        .publiclyAccessible(desired.publiclyAccessible()).backupRetentionPeriod(desired.backupRetentionDays())
        .deletionProtection(desired.deletionProtection()).storageEncrypted(desired.storageEncrypted())
        .vpcSecurityGroupIds(desired.securityGroupIds()).dbSubnetGroupName(desired.subnetGroupName())
        .copyTagsToSnapshot(true).tags(Tags.rds(tags))).dbInstance();
    return state(created);
  }

  /** RDS takes one change at a time: a stopped database is started first, a busy one waits. */
  @Override
  public DatabaseState update(Desired desired, DatabaseState observed, Diff diff, StackContext ctx) {
    DatabaseChanges changes = FIELDS.apply(diff, new DatabaseChanges(observed.identifier()), desired, observed);
    RdsClient rds = ctx.rds();
    if (changes.start) {
      rds.startDBInstance(r -> r.dbInstanceIdentifier(observed.identifier()));
      return describe(rds, observed.identifier());
    }
    if (!"available".equals(observed.status())) {
      return observed;
    }
    if (changes.modified) {
      rds.modifyDBInstance(changes.modify.build());
    }
    if (!changes.tags.isEmpty()) {
      rds.addTagsToResource(r -> r.resourceName(observed.arn()).tags(Tags.rds(changes.tags)));
    }
    return describe(rds, observed.identifier());
  }

  /**
   * Deletion protection is the user's to lift: while it is on in AWS and the spec keeps it on, the
   * stack's deletion is held before anything is deleted (a section taken out of the spec keeps it on
   * too: AWS remembers it on, and no spec said otherwise).
   */
  @Override
  public Optional<String> holdsDeletion(DatabaseState observed, StackContext ctx) {
    DatabaseSpec spec = ctx.spec().getDatabase();
    if (!observed.deletionProtection() || spec != null && !spec.isDeletionProtection()) {
      return Optional.empty();
    }
    return Optional.of("database " + observed.identifier() + " has deletion protection on, so nothing of the stack is "
        + "deleted: set spec.database.deletionProtection to false to delete it with the stack (after a final snapshot "
        + "unless onDelete is Delete), or spec.database.onDelete to Retain to keep it; if the database section was "
        + "taken out of the spec, put it back with one of those first");
  }

  /**
   * One step: lift deletion protection (reached only when the spec turned it off), then delete with
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
      return DeleteResult.inProgress("deletion protection lifted: spec.database.deletionProtection is false");
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

  /**
   * host:port once RDS gives an address, and the connection for applications: where the password
   * is (the secret's ARN), and the password itself only when the spec asks to publish it.
   */
  @Override
  public Outputs outputs(DatabaseState observed, StackContext ctx) {
    if (observed.host() == null) {
      return Outputs.NONE;
    }
    DatabaseSpec spec = ctx.spec().getDatabase();
    String secretArn = passwordFromSecret ? ctx.observed(PasswordSecretComponent.REF)
        .map(PasswordSecretState::arn).orElse(null) : observed.masterUserSecretArn();
    Optional<Secret> published = spec.isPublishPassword()
        ? Optional.of(ctx.databasePassword().orElseGet(() -> PasswordSecretComponent.readPassword(ctx, secretArn)))
        : Optional.empty();
    DatabaseConnection connection = DatabaseConnection.of(spec, observed, secretArn, published);
    String target = connection.host() + ":" + connection.port();
    return Outputs.NONE.endpoint(Endpoints.DATABASE, target).connection(new Connection(
        DatabaseNames.connectionSecret(ctx.stack(), spec), target, connection.secretData()));
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
        Tags.fromRds(i.tagList()).get(PASSWORD_TAG), Tags.fromRds(i.tagList()).get(ON_DELETE_TAG),
        i.masterUserSecret() == null ? null : i.masterUserSecret().secretArn());
  }
}
