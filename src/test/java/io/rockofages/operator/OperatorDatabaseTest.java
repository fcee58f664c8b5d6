package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rockofages.api.Condition;
import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.SecretKeyRef;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.components.database.DatabaseNames;
import io.rockofages.testing.Await;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.OperatorHarness;
import io.rockofages.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;

/** The database through the operator: where the password lives, the connection Secret, rotation, deletion order. */
class OperatorDatabaseTest {
  private static final String NAMESPACE = "shop";

  private OperatorHarness harness;
  private KubernetesClient client;
  private AwsCallMeter meter;
  private RdsClient rds;
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void start() {
    originalErr = System.err;
    System.setErr(new PrintStream(new TeeOutputStream(originalErr, logs), true, StandardCharsets.UTF_8));
    harness = new OperatorHarness(Duration.ofSeconds(30));
    client = harness.client;
    meter = harness.meter;
    rds = harness.aws.rds(MotoServer.REGION);
  }

  @AfterEach
  void stop() {
    harness.close();
    System.setErr(originalErr);
  }

  /** Copies what is logged to the console into the test's buffer too. */
  private static final class TeeOutputStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeOutputStream(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }
  }

  private RockOfAges withDatabase(String name) {
    var spec = Specs.minimal();
    spec.setDatabase(new DatabaseSpec());
    return Specs.resource(NAMESPACE, name, spec);
  }

  @Test
  void byDefaultRdsKeepsThePasswordAndTheConnectionSecretSaysWhereUnlessAskedToPublishIt() throws Exception {
    client.resource(withDatabase("rock")).create();

    RockOfAges ready = await("Ready", () -> get("rock"), r -> r != null && r.getStatus() != null
        && r.getStatus().isReady());
    String secretArn = rds.describeDBInstances().dbInstances().get(0).masterUserSecret().secretArn();
    String password = new ObjectMapper().readTree(harness.aws.secretsManager(MotoServer.REGION)
        .getSecretValue(r -> r.secretId(secretArn)).secretString()).path("password").asText();
    Secret connection = await("connection Secret", () -> secret("rock-db"), s -> s != null);
    String endpoint = ready.getStatus().getEndpoints().getDatabase();
    assertEquals(endpoint, decode(connection, "host") + ":" + decode(connection, "port"));
    assertEquals("rockofages", decode(connection, "dbname"));
    assertEquals("rockofages", decode(connection, "username"));
    assertEquals(secretArn, decode(connection, "secretArn"));
    assertEquals(Set.of("host", "port", "dbname", "username", "secretArn"), connection.getData().keySet());
    assertEquals("True", ready.getStatus().condition("DatabaseReady").map(Condition::getStatus).orElseThrow());
    assertNull(secret("rock-db-master"), "no password Secret: the operator never had the password");
    assertNoPasswordOutsideSecrets(password);

    ready.getSpec().getDatabase().setPublishPassword(true);
    client.resource(ready).update();

    Secret published = await("the password published", () -> secret("rock-db"), s -> s.getData().containsKey("url"));
    assertEquals(password, decode(published, "password"));
    assertEquals("postgresql://rockofages:" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + endpoint
        + "/rockofages", decode(published, "url"));
    assertNoPasswordOutsideSecrets(password);
  }

  @Test
  void aReferencedSecretStallsUntilItAppearsAndItsRotationReachesRdsWithoutANewHost() {
    RockOfAges resource = withDatabase("ref");
    resource.getSpec().getDatabase().setPasswordSecretRef(new SecretKeyRef("app-db-password", "pw"));
    resource.getSpec().getDatabase().setPublishPassword(true);
    client.resource(resource).create();

    RockOfAges stalled = await("Stalled", () -> get("ref"), r -> r != null && r.getStatus() != null
        && r.getStatus().condition("Stalled").map(Condition::isTrue).orElse(false));
    assertTrue(stalled.getStatus().condition("Stalled").orElseThrow().getMessage()
        .contains("Secret app-db-password not found"));
    assertEquals(0, meter.mutatingCalls(), "nothing created without a password");

    // Labelled to be watched, so its arrival is acted on at once rather than at the next resync.
    Secret password = client.resource(new SecretBuilder().withNewMetadata().withName("app-db-password")
        .withNamespace(NAMESPACE).addToLabels("rockofages.io/watched", "true").endMetadata()
        .withStringData(Map.of("pw", "user-chosen-Pa55word")).build()).create();

    RockOfAges ready = await("Ready, the password's check remembered", () -> get("ref"), r -> r.getStatus().isReady()
        && r.getStatus().getPasswordCheck() != null
        && r.getStatus().getPasswordCheck().getFingerprintDigests().size() == 2); // the database's tag and the secret's
    assertEquals(secret("app-db-password").getMetadata().getResourceVersion(),
        ready.getStatus().getPasswordCheck().getSecretResourceVersion(), "for the Secret version it checked");
    assertEquals("user-chosen-Pa55word", decode(await("connection", () -> secret("ref-db"), s -> s != null),
        "password"));
    long modifiesBefore = meter.count("ModifyDBInstance");
    long launchesBefore = meter.count("RunInstances");

    password.setStringData(Map.of("pw", "rotated-Pa55word-42"));
    client.resource(password).update();

    await("connection Secret with the new password", () -> secret("ref-db"),
        s -> "rotated-Pa55word-42".equals(decode(s, "password")));
    assertEquals(modifiesBefore + 1, meter.count("ModifyDBInstance"), "the master password was set in RDS");
    assertEquals(launchesBefore, meter.count("RunInstances"), "the host reads the new one from Secrets Manager");
    String rotatedVersion = secret("app-db-password").getMetadata().getResourceVersion();
    await("the check follows the new Secret version", () -> get("ref"), r -> r.getStatus().getPasswordCheck() != null
        && rotatedVersion.equals(r.getStatus().getPasswordCheck().getSecretResourceVersion()));
    assertNoPasswordOutsideSecrets("rotated-Pa55word-42");
  }

  @Test
  void deletionProtectionHoldsTheDeletionWithAStatusAndAnEventUntilTheSpecLiftsItThenAFinalSnapshotIsTaken() {
    client.resource(withDatabase("gone")).create();
    RockOfAges ready = await("Ready", () -> get("gone"), r -> r != null && r.getStatus() != null
        && r.getStatus().isReady());
    long writesBefore = meter.mutatingCalls();

    client.resource(ready).delete();

    RockOfAges held = await("held by the deletion protection", () -> get("gone"), r -> r.getStatus().getComponents()
        .stream().anyMatch(c -> "Failed".equals(c.getState()) && c.getMessage().contains("has deletion protection on"))
        && r.getStatus().condition("Stalled").map(Condition::isTrue).orElse(false));
    assertTrue(held.getMetadata().getFinalizers().contains(RockOfAgesReconciler.FINALIZER), "the finalizer stays");
    assertTrue(client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .anyMatch(e -> "Warning".equals(e.getType()) && e.getMessage().contains("has deletion protection on")),
        "an event says what to do");
    assertEquals(writesBefore, meter.mutatingCalls(), "nothing deleted, the protection not lifted");

    // A patch, not an update: the operator writes status meanwhile, so held's resourceVersion may be old.
    client.resources(RockOfAges.class).inNamespace(NAMESPACE).withName("gone").edit(r -> {
      r.getSpec().getDatabase().setDeletionProtection(false);
      return r;
    });

    await("object gone", () -> get("gone"), r -> r == null);
    String identifier = DatabaseNames.instanceIdentifier(new StackId(NAMESPACE, "gone"));
    assertTrue(rds.describeDBInstances().dbInstances().isEmpty());
    assertTrue(rds.describeDBSnapshots(r -> r.dbInstanceIdentifier(identifier)).dbSnapshots().stream()
        .anyMatch(s -> s.dbSnapshotIdentifier().startsWith(identifier + "-final-")));
    List<String> messages = client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .sorted(Comparator.comparing(e -> Instant.parse(e.getFirstTimestamp())))
        .map(e -> e.getReason() + " " + e.getMessage()).toList();
    int hostGoing = indexOf(messages, "Deleting api-instance ");
    int snapshot = indexOf(messages, "final snapshot " + identifier + "-final-");
    int subnetsGone = indexOf(messages, "Deleted database-subnet-group ");
    assertTrue(hostGoing >= 0 && snapshot > hostGoing && subnetsGone > snapshot,
        "API host, then database (with its snapshot named), then subnet group: " + messages);
    assertTrue(rds.describeDBSubnetGroups().dbSubnetGroups().isEmpty());
  }

  private static int indexOf(List<String> messages, String part) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i).contains(part)) {
        return i;
      }
    }
    return -1;
  }

  private void assertNoPasswordOutsideSecrets(String password) {
    String status = client.getKubernetesSerialization().asJson(get(
        get("rock") != null ? "rock" : "ref").getStatus());
    assertFalse(status.contains(password), "status");
    client.v1().events().inNamespace(NAMESPACE).list().getItems()
        .forEach(e -> assertFalse(e.getMessage().contains(password), "event " + e.getReason()));
    assertTrue(logs.size() > 0, "the operator did log");
    assertFalse(logs.toString(StandardCharsets.UTF_8).contains(password), "logs");
  }

  private RockOfAges get(String name) {
    return client.resources(RockOfAges.class).inNamespace(NAMESPACE).withName(name).get();
  }

  private Secret secret(String name) {
    return client.secrets().inNamespace(NAMESPACE).withName(name).get();
  }

  private static String decode(Secret secret, String key) {
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  private static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
    return Await.until(what, read, done);
  }
}
