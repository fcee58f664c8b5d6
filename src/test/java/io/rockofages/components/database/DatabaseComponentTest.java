package io.rockofages.components.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsServices;
import io.rockofages.aws.StackException;
import io.rockofages.components.network.NetworkState;
import io.rockofages.components.securitygroup.SecurityGroupState;
import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldChange;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.Secret;
import io.rockofages.engine.StackContext;
import io.rockofages.engine.StackInputs;
import io.rockofages.testing.Specs;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** desired, diff and readiness of the database: pure, no AWS. */
class DatabaseComponentTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private static final Secret PASSWORD = new Secret("unit-test-Pa55word");
  private static final String FINGERPRINT = PasswordFingerprint.create(PASSWORD);
  private static final String MANAGED_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1";
  /** The spec brings its own password (passwordSecretRef), as most cases here. */
  private final DatabaseComponent component = new DatabaseComponent(true);
  private final DatabaseComponent managedByRds = new DatabaseComponent(false);
  private final RockOfAgesSpec spec = Specs.minimal();

  DatabaseComponentTest() {
    spec.setDatabase(new DatabaseSpec());
  }

  private DatabaseComponent.Desired desired() {
    return desired(component, StackInputs.none().withDatabasePassword(PASSWORD));
  }

  private DatabaseComponent.Desired desired(DatabaseComponent database, StackInputs inputs) {
    StackContext ctx = new StackContext(STACK, spec, AwsServices.of("us-east-1", null, null), Clock.systemUTC(),
        inputs);
    ctx.record(DatabaseSecurityGroup.REF, Optional.of(new SecurityGroupState("sg-db", "g", "vpc-1", Set.of(), List.of())));
    return database.desired(ctx);
  }

  private static DatabaseState observed(String status, String version, int storage, String passwordFingerprint) {
    return observed(status, version, storage, passwordFingerprint, null);
  }

  private static DatabaseState observed(String status, String version, int storage, String passwordFingerprint,
      String managedSecretArn) {
    return new DatabaseState("roa-shop-rock-db", "arn:db", status, version, "db.t3.micro", storage, "gp3",
        "rockofages", "rockofages", false, false, 7, true, true, List.of("sg-db"), "roa-shop-rock-db-subnets",
        "db.example", 5432, passwordFingerprint, "Snapshot", managedSecretArn);
  }

  @Test
  void matchingDatabaseHasNoDiffAndAMajorVersionMatchesItsMinors() {
    assertTrue(component.diff(desired(), observed("available", "16.4", 20, FINGERPRINT)).isEmpty());
  }

  @Test
  void growthIsInPlaceShrinkingIsRefusedAsReplace() {
    spec.getDatabase().setAllocatedStorage(50);
    assertEquals(ChangeKind.IN_PLACE, only(component.diff(desired(), observed("available", "16.4", 20, FINGERPRINT))).kind());
    spec.getDatabase().setAllocatedStorage(20);
    assertEquals(ChangeKind.REPLACE, only(component.diff(desired(), observed("available", "16.4", 50, FINGERPRINT))).kind());
  }

  @Test
  void upgradesAreInPlaceDowngradesAreRefused() {
    spec.getDatabase().setEngineVersion("17");
    assertEquals(ChangeKind.IN_PLACE, only(component.diff(desired(), observed("available", "16.4", 20, FINGERPRINT))).kind());
    spec.getDatabase().setEngineVersion("16.6");
    assertEquals(ChangeKind.IN_PLACE, only(component.diff(desired(), observed("available", "16.4", 20, FINGERPRINT))).kind());
    spec.getDatabase().setEngineVersion("15");
    assertEquals(ChangeKind.REPLACE, only(component.diff(desired(), observed("available", "16.4", 20, FINGERPRINT))).kind());
  }

  @Test
  void nameUserEncryptionNeedANewDatabase() {
    spec.getDatabase().setDatabaseName("shop");
    spec.getDatabase().setMasterUsername("admin");
    spec.getDatabase().setStorageEncrypted(false);
    Diff diff = component.diff(desired(), observed("available", "16.4", 20, FINGERPRINT));
    assertEquals(3, diff.changes().size());
    assertTrue(diff.changes().stream().allMatch(c -> c.kind() == ChangeKind.REPLACE));
    assertFalse(component.lifecycle().replaceable(), "so the engine stalls instead of replacing");
  }

  @Test
  void anotherPasswordIsAnInPlaceChangeThatNeverShowsTheValue() {
    FieldChange change = only(component.diff(desired(), observed("available", "16.4", 20,
        PasswordFingerprint.create(new Secret("the-old-one")))));
    assertEquals("masterPassword", change.field());
    assertEquals(ChangeKind.IN_PLACE, change.kind());
    assertFalse(change.toString().contains(PASSWORD.value()));
    assertFalse(desired().toString().contains(PASSWORD.value()), "Desired prints (redacted)");
  }

  @Test
  void aDatabaseWithoutOurFingerprintGetsThePasswordSet() {
    assertEquals("masterPassword", only(component.diff(desired(), observed("available", "16.4", 20, null))).field());
  }

  @Test
  void byDefaultRdsKeepsThePasswordAndADatabaseThatHasItsSecretNeedsNothing() {
    DatabaseComponent.Desired desired = desired(managedByRds, StackInputs.none());
    assertNull(desired.suppliedPassword());
    assertTrue(managedByRds.diff(desired, observed("available", "16.4", 20, null, MANAGED_SECRET)).isEmpty());
  }

  @Test
  void aDatabaseWithASetPasswordIsHandedToRdsInPlaceAndBack() {
    FieldChange toRds = only(managedByRds.diff(desired(managedByRds, StackInputs.none()),
        observed("available", "16.4", 20, FINGERPRINT)));
    assertEquals(new FieldChange("masterPassword", "(set by rockofages)", "(managed by RDS in Secrets Manager)",
        ChangeKind.IN_PLACE), toRds);
    FieldChange toTheSpecs = only(component.diff(desired(), observed("available", "16.4", 20, null, MANAGED_SECRET)));
    assertEquals(new FieldChange("masterPassword", "(managed by RDS in Secrets Manager)", "(from the Secret)",
        ChangeKind.IN_PLACE), toTheSpecs);
  }

  @Test
  void fingerprintsAreSaltedAndVerifiable() {
    String again = PasswordFingerprint.create(PASSWORD);
    assertFalse(again.equals(FINGERPRINT), "a new salt each time");
    assertTrue(PasswordFingerprint.matches(PASSWORD, again));
    assertFalse(PasswordFingerprint.matches(new Secret("unit-test-Pa55word!"), again));
    assertFalse(PasswordFingerprint.matches(PASSWORD, "garbage"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"creating", "backing-up", "modifying", "rebooting", "renaming",
      "resetting-master-credentials", "starting", "stopping", "stopped", "upgrading", "maintenance",
      "storage-optimization", "configuring-enhanced-monitoring", "deleting"})
  void transitionalStatusesAreProgressing(String status) {
    Readiness readiness = component.readiness(observed(status, "16.4", 20, FINGERPRINT));
    assertEquals(Readiness.State.PROGRESSING, readiness.state());
    assertEquals("RDS status: " + status, readiness.reason());
  }

  @ParameterizedTest
  @ValueSource(strings = {"storage-full", "failed", "incompatible-parameters", "incompatible-network",
      "incompatible-option-group", "incompatible-restore", "incompatible-credentials",
      "inaccessible-encryption-credentials", "restore-error"})
  void brokenStatusesFailWithRdsWords(String status) {
    Readiness readiness = component.readiness(observed(status, "16.4", 20, FINGERPRINT));
    assertEquals(Readiness.State.FAILED, readiness.state());
    assertEquals("RDS status: " + status, readiness.reason());
  }

  @Test
  void availableIsReadyAndStoppedIsStarted() {
    assertTrue(component.readiness(observed("available", "16.4", 20, FINGERPRINT)).isReady());
    assertEquals("status", only(component.diff(desired(), observed("stopped", "16.4", 20, FINGERPRINT))).field());
  }

  @ParameterizedTest
  @CsvSource({"16, 16.4, 0", "16.4, 16.4, 0", "16.6, 16.4, 1", "17, 16.4, 1", "15, 16.4, -1", "16.2, 16.4, -1",
      "16, 16, 0"})
  void versionsCompareOnlyAsFarAsTheSpecIsPrecise(String desired, String observed, int sign) {
    assertEquals(sign, Integer.signum(DatabaseComponent.compareVersions(desired, observed)));
  }

  @Test
  void subnetGroupTakesOneSubnetPerZoneAndNeedsTwoZones() {
    NetworkState two = new NetworkState("vpc-1", List.of("igw"), Set.of(), "rtb", "igw", true, List.of(
        new NetworkState.Subnet("subnet-b", "us-east-1a", true, true),
        new NetworkState.Subnet("subnet-a", "us-east-1a", true, true),
        new NetworkState.Subnet("subnet-c", "us-east-1b", true, true)), null);
    assertEquals(Set.of("subnet-a", "subnet-c"), SubnetGroupComponent.onePerZone(two));
    NetworkState one = new NetworkState("vpc-1", List.of("igw"), Set.of(), "rtb", "igw", true, List.of(
        new NetworkState.Subnet("subnet-a", "us-east-1a", true, true)), null);
    StackException error = assertThrows(StackException.class, () -> SubnetGroupComponent.onePerZone(one));
    assertTrue(error.getMessage().contains("needs at least two"), error.getMessage());
  }

  @Test
  void namesAreValidRdsIdentifiers() {
    assertEquals("roa-shop-rock-db", DatabaseNames.instanceIdentifier(STACK));
    String longName = DatabaseNames.instanceIdentifier(new StackId("team.a", "x".repeat(200)));
    assertTrue(longName.length() <= 63, longName);
    assertTrue(longName.matches("^[a-z][a-z0-9]*(-[a-z0-9]+)*$"), longName);
    assertEquals("roa-shop-rock-db-final-20260102-030405",
        DatabaseNames.finalSnapshot("roa-shop-rock-db", Instant.parse("2026-01-02T03:04:05Z")));
  }

  @Test
  void openSettingsEarnWarnings() {
    spec.getDatabase().setPubliclyAccessible(true);
    spec.getDatabase().setBackupRetentionDays(0);
    spec.getDatabase().setStorageEncrypted(false);
    assertEquals(3, component.warnings(desired()).size());
  }

  private static FieldChange only(Diff diff) {
    assertEquals(1, diff.changes().size(), diff.changes().toString());
    return diff.changes().get(0);
  }
}
