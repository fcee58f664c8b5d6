package io.rockofages.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SecretKeyRef;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.components.apihost.ApiRoleComponent;
import io.rockofages.components.database.DatabaseNames;
import io.rockofages.engine.PassResult;
import io.rockofages.engine.Secret;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.RequestBodies;
import io.rockofages.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Where the database password goes, read from every request the stack's code sent to AWS: in the
 * default mode nowhere (RDS makes and keeps it); when the spec brings it, only to RDS and the
 * stack's Secrets Manager secret. The API host only ever learns where it is, and reads it with its
 * role; a rotation needs no new host. Also: the host's identity repaired when changed behind our back.
 */
class DatabasePasswordMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private final RequestBodies sent = new RequestBodies();
  private final AwsCallMeter meter = new AwsCallMeter();
  private final AwsClients stacks;
  /** The test's own look at AWS, not recorded. */
  private final AwsClients look;
  private final Passes passes;
  private final RockOfAgesSpec spec = Specs.minimal();

  DatabasePasswordMotoTest() {
    MotoServer moto = MotoServer.get();
    moto.reset();
    stacks = moto.clients(meter, List.of(sent));
    look = moto.clients(new AwsCallMeter());
    passes = new Passes(STACK, stacks.forRegion(MotoServer.REGION));
    spec.setDatabase(new DatabaseSpec());
  }

  @AfterEach
  void close() {
    stacks.close();
    look.close();
  }

  @Test
  void byDefaultThePasswordIsSentNowhereAndTheHostLearnsOnlyWhereItIs() throws Exception {
    PassResult ready = passes.reconcileUntilReady(spec);
    DBInstance database = look.rds(MotoServer.REGION).describeDBInstances().dbInstances().get(0);
    String secretArn = database.masterUserSecret().secretArn();
    String password = new ObjectMapper().readTree(secrets().getSecretValue(r -> r.secretId(secretArn))
        .secretString()).path("password").asText();

    assertTrue(sent.operationsCarrying("Action=RunInstances").contains("Ec2:RunInstances"),
        "the recorder reads query-protocol bodies too");
    assertEquals(Set.of(), sent.operationsCarrying(password), "not one request carried the password");
    String userData = userData(host());
    assertTrue(userData.contains("DATABASE_SECRET_ARN=" + secretArn + "\n"), userData);
    assertFalse(userData.contains(password));
    assertFalse(ready.toString().contains(password));
    assertFalse(ready.connections().toString().contains(password), "the connection names the secret instead");
  }

  @Test
  void aPasswordTheSpecBringsGoesOnlyToRdsAndTheStacksSecretAndARotationKeepsTheHost() {
    spec.getDatabase().setPasswordSecretRef(new SecretKeyRef("app-db", "password"));
    passes.withPassword(Passes.DB_PASSWORD).reconcileUntilReady(spec);
    String hostId = host().instanceId();

    assertEquals(Set.of("Rds:CreateDBInstance", "SecretsManager:CreateSecret"),
        sent.operationsCarrying(Passes.DB_PASSWORD.value()));
    assertFalse(userData(host()).contains(Passes.DB_PASSWORD.value()));

    passes.withPassword(new Secret("rotated-Pa55word-0003")).reconcileUntilReady(spec);

    assertEquals(Set.of("Rds:ModifyDBInstance", "SecretsManager:PutSecretValue"),
        sent.operationsCarrying("rotated-Pa55word-0003"));
    assertEquals(hostId, host().instanceId(), "the host reads the new password from the secret");
    assertTrue(secrets().getSecretValue(r -> r.secretId(DatabaseNames.passwordSecret(STACK))).secretString()
        .contains("rotated-Pa55word-0003"));
  }

  @Test
  void droppingTheSpecsPasswordHandsItToRdsAndDeletesTheStacksSecretAndDestroyLeavesNoIdentity() {
    spec.getDatabase().setPasswordSecretRef(new SecretKeyRef("app-db", "password"));
    passes.withPassword(Passes.DB_PASSWORD).reconcileUntilReady(spec);
    spec.getDatabase().setPasswordSecretRef(null);

    passes.reconcileUntilReady(spec);

    assertTrue(look.rds(MotoServer.REGION).describeDBInstances().dbInstances().get(0).masterUserSecret() != null,
        "RDS keeps the password now");
    assertEquals(1, meter.count("DeleteSecret"));
    assertTrue(secrets().listSecrets().secretList().stream().noneMatch(
        secret -> secret.name().equals(DatabaseNames.passwordSecret(STACK))), "gone at once, no recovery window");
    assertTrue(userData(host()).contains("DATABASE_SECRET_ARN=" + look.rds(MotoServer.REGION).describeDBInstances()
        .dbInstances().get(0).masterUserSecret().secretArn()));

    spec.getDatabase().setDeletionProtection(false);
    passes.destroyUntilGone(spec);

    assertTrue(look.iam().listRoles().roles().stream().noneMatch(role -> role.roleName().startsWith("roa-shop-rock")));
    assertTrue(look.iam().listInstanceProfiles().instanceProfiles().isEmpty());
  }

  @Test
  void aSecretDeletedWithARecoveryWindowIsRestored() {
    spec.getDatabase().setPasswordSecretRef(new SecretKeyRef("app-db", "password"));
    passes.withPassword(Passes.DB_PASSWORD).reconcileUntilReady(spec);
    secrets().deleteSecret(r -> r.secretId(DatabaseNames.passwordSecret(STACK)).recoveryWindowInDays(7L));

    passes.reconcileUntilReady(spec);

    assertEquals(1, meter.count("RestoreSecret"));
    assertTrue(secrets().getSecretValue(r -> r.secretId(DatabaseNames.passwordSecret(STACK))).secretString()
        .contains(Passes.DB_PASSWORD.value()));
  }

  @Test
  void aHostWhoseInstanceProfileWasTakenAwayGetsItBackWithoutANewInstance() {
    passes.reconcileUntilReady(spec);
    Instance host = host();
    String profile = host.iamInstanceProfile().arn();
    look.ec2(MotoServer.REGION).disassociateIamInstanceProfile(r -> r.associationId(association(host.instanceId())));

    passes.reconcileUntilReady(spec);

    assertEquals(1, meter.count("AssociateIamInstanceProfile"));
    assertEquals(profile, host().iamInstanceProfile().arn());
    assertEquals(host.instanceId(), host().instanceId());
    assertTrue(profile.endsWith("/" + ApiRoleComponent.roleName(passes.context(spec))));
  }

  private String association(String instanceId) {
    return look.ec2(MotoServer.REGION).describeIamInstanceProfileAssociations(r -> r.filters(
        f -> f.name("instance-id").values(instanceId))).iamInstanceProfileAssociations().get(0).associationId();
  }

  private SecretsManagerClient secrets() {
    return look.secretsManager(MotoServer.REGION);
  }

  private Instance host() {
    List<Instance> live = look.ec2(MotoServer.REGION).describeInstances(r -> r.filters(
        f -> f.name("instance-state-name").values("pending", "running"))).reservations().stream()
        .flatMap(r -> r.instances().stream()).toList();
    assertEquals(1, live.size());
    return live.get(0);
  }

  private String userData(Instance instance) {
    return new String(Base64.getDecoder().decode(look.ec2(MotoServer.REGION).describeInstanceAttribute(r -> r
        .instanceId(instance.instanceId()).attribute("userData")).userData().value()), StandardCharsets.UTF_8);
  }
}
