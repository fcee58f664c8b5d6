package io.rockofages.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.operator.OperatorConfig;
import io.rockofages.testing.Await;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.RealApiServer;
import io.rockofages.testing.RunningOperator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The operator on a real API server with exactly the rights deploy/base/rbac.yaml gives its service
 * account (every request impersonates it), driven by the real kubectl as a user drives it: apply,
 * get, explain, describe, wait, server-side apply, delete. Afterwards the API server's audit log
 * shows that the operator used every right it is granted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorOnRealServerTest {
  private static final String SERVICE_ACCOUNT = RunningOperator.SERVICE_ACCOUNT;
  private static final RealApiServer SERVER = RealApiServer.get();
  private static final AwsCallMeter METER = new AwsCallMeter();
  private static KubernetesClient admin;
  private static AwsClients aws;
  private static RunningOperator operator;

  @BeforeAll
  static void start() {
    SERVER.installDeploy();
    admin = SERVER.admin();
    MotoServer moto = MotoServer.get();
    moto.reset();
    aws = moto.clients(METER);
    operator = RunningOperator.start(new OperatorConfig(Set.of("default"), Duration.ofSeconds(3),
        Duration.ofMillis(300), MotoServer.REGION, 0), aws);
  }

  @AfterAll
  static void stop() {
    operator.stop();
    admin.close();
    aws.close();
  }

  @Test
  @Order(1)
  void theWholeStackComesUpThroughKubectlWithOnlyTheOperatorsRbac() {
    RealApiServer.Kubectl applied = SERVER.kubectl("apply", "-f", "examples/site-files.yaml", "-f",
        "examples/stack-secure.yaml");
    assertEquals(0, applied.code(), applied.out());

    RealApiServer.Kubectl ready = SERVER.kubectl("wait", "--for=condition=Ready", "roa/rock-of-ages",
        "--timeout=120s");
    assertEquals(0, ready.code(), ready.out() + describe());

    RealApiServer.Kubectl table = SERVER.kubectl("get", "rockofages");
    List<String> lines = table.out().lines().toList();
    assertEquals(List.of("NAME", "READY", "PHASE", "STATUS", "AGE"), List.of(lines.get(0).trim().split("\\s+")),
        table.out());
    assertEquals(2, lines.size(), table.out());
    assertTrue(lines.get(1).matches("rock-of-ages\\s+True\\s+Ready\\s+AllComponentsReady\\s+\\S+"), table.out());
    assertTrue(lines.stream().allMatch(line -> line.length() <= 80), "fits a normal terminal:\n" + table.out());
    RealApiServer.Kubectl wide = SERVER.kubectl("get", "roa", "-o", "wide");
    assertEquals(List.of("NAME", "READY", "PHASE", "STATUS", "AGE", "SITE", "API", "DATABASE", "DRIFT"),
        List.of(wide.out().lines().findFirst().orElseThrow().trim().split("\\s+")), wide.out());
    assertTrue(wide.out().lines().skip(1).findFirst().orElseThrow()
        .matches("rock-of-ages\\s+True\\s+Ready\\s+AllComponentsReady\\s+\\S+\\s+https://\\S+\\s+http://\\S+\\s+\\S+:5432\\s+0"),
        wide.out());

    RealApiServer.Kubectl explain = SERVER.kubectl("explain", "rockofages.spec.database");
    assertEquals(0, explain.code(), explain.out());
    assertTrue(explain.out().contains("onDelete") && explain.out().contains("final snapshot"), explain.out());

    RealApiServer.Kubectl version = SERVER.kubectl("get", "roa/rock-of-ages", "-o",
        "jsonpath={.status.components[?(@.name==\"cdn-distribution\")].version}");
    assertTrue(version.out().matches("\\S+ [0-9a-f]{16}"), "what a restart needs of the distribution is kept in "
        + "status (the CRD's schema has it): " + version.out());

    String described = describe();
    assertTrue(described.contains("Created") && described.contains("api-instance"), described);
    assertTrue(described.contains("ConnectionSecretWritten"), described);
  }

  @Test
  @Order(2)
  void askingToPublishThePasswordRewritesTheConnectionSecretWithTheOneRdsKeeps() throws IOException {
    Map<String, String> before = admin.secrets().inNamespace("default").withName("rock-of-ages-db").get().getData();
    assertFalse(before.containsKey("password"), "by default the password stays in Secrets Manager");
    String secretArn = new String(Base64.getDecoder().decode(before.get("secretArn")), StandardCharsets.UTF_8);
    String password = new ObjectMapper().readTree(aws.secretsManager(MotoServer.REGION)
        .getSecretValue(r -> r.secretId(secretArn)).secretString()).path("password").asText();

    RealApiServer.Kubectl patched = SERVER.kubectl("patch", "roa", "rock-of-ages", "--type=merge", "-p",
        "{\"spec\":{\"database\":{\"publishPassword\":true}}}");
    assertEquals(0, patched.code(), patched.out());

    String published = Await.until("the connection Secret updated", () -> admin.secrets().inNamespace("default")
        .withName("rock-of-ages-db").get().getData().get("password"), value -> value != null);
    assertEquals(password, new String(Base64.getDecoder().decode(published), StandardCharsets.UTF_8));
  }

  @Test
  @Order(3)
  void deletionProtectionHoldsTheDeletionUntilPatchedOffThenTheFinalizerLeavesNothingInAws() {
    RealApiServer.Kubectl deleting = SERVER.kubectl("delete", "roa", "rock-of-ages", "--wait=false");
    assertEquals(0, deleting.code(), deleting.out());
    RealApiServer.Kubectl stalled = SERVER.kubectl("wait", "--for=condition=Stalled", "roa/rock-of-ages",
        "--timeout=60s");
    assertEquals(0, stalled.code(), stalled.out() + describe());
    RealApiServer.Kubectl stalledMessages = SERVER.kubectl("get", "roa", "rock-of-ages", "-o",
        "jsonpath={.status.conditions[?(@.type==\"Stalled\")].message}");
    assertTrue(stalledMessages.out().startsWith("database: database ") && stalledMessages.out()
        .contains("has deletion protection on, so nothing of the stack is deleted"), stalledMessages.out());
    List<String> types = List.of(SERVER.kubectl("get", "roa", "rock-of-ages", "-o",
        "jsonpath={.status.conditions[*].type}").out().trim().split(" "));
    assertEquals(1, types.stream().filter("Stalled"::equals).count(), "the status is replaced, not appended: " + types);
    String described = describe();
    assertTrue(described.contains("has deletion protection on"), "an event says it: " + described);
    assertEquals(1, aws.rds(MotoServer.REGION).describeDBInstances().dbInstances().size(), "the database stays");

    RealApiServer.Kubectl lifted = SERVER.kubectl("patch", "roa", "rock-of-ages", "--type=merge", "-p",
        "{\"spec\":{\"database\":{\"deletionProtection\":false}}}");
    assertEquals(0, lifted.code(), lifted.out());
    RealApiServer.Kubectl gone = SERVER.kubectl("wait", "--for=delete", "roa/rock-of-ages", "--timeout=120s");
    assertEquals(0, gone.code(), gone.out());

    Ec2Client ec2 = aws.ec2(MotoServer.REGION);
    assertTrue(ec2.describeInstances(r -> r.filters(f -> f.name("instance-state-name").values("pending", "running")))
        .reservations().isEmpty(), "the API host is gone");
    assertTrue(aws.rds(MotoServer.REGION).describeDBInstances().dbInstances().isEmpty(), "the database is gone");
    assertTrue(aws.cloudFront().listDistributions().distributionList().items().isEmpty(), "the distribution is gone");
  }

  @Test
  @Order(4)
  void serverSideApplyAndTheOperatorsStatusWritesNeverConflictAndTheSpecStaysAsApplied() throws IOException {
    Path manifest = Path.of("examples/api-host-secure.yaml");
    RealApiServer.Kubectl first = SERVER.kubectl("apply", "--server-side", "--field-manager=argocd-like", "-f",
        manifest.toString());
    assertEquals(0, first.code(), first.out());
    assertEquals(0, SERVER.kubectl("wait", "--for=condition=Ready", "roa/rock-of-ages", "--timeout=120s").code(),
        describe());

    RealApiServer.Kubectl again = SERVER.kubectl("apply", "--server-side", "--field-manager=argocd-like", "-f",
        manifest.toString());
    assertEquals(0, again.code(), "no conflict with the operator's fields: " + again.out());

    JsonNode applied = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(manifest)).path("spec");
    JsonNode live = new ObjectMapper().readTree(SERVER.kubectl("get", "roa", "rock-of-ages", "-o", "json").out());
    assertTrue(contains(live.path("spec"), applied), "the spec is as applied (plus server defaults): " + live);
    assertEquals(1, live.path("metadata").path("generation").asInt(), "the operator never wrote spec");
    Set<String> operatorOwns = new TreeSet<>();
    live.path("metadata").path("managedFields").forEach(m -> {
      if (!"argocd-like".equals(m.path("manager").asText())) {
        m.path("fieldsV1").fieldNames().forEachRemaining(operatorOwns::add);
      }
    });
    assertFalse(operatorOwns.contains("f:spec"), "fields owned by others: " + operatorOwns);
    assertEquals(0, SERVER.kubectl("delete", "roa", "rock-of-ages", "--timeout=120s").code());
  }

  @Test
  @Order(5)
  void theOperatorUsedEveryRightItIsGranted() throws IOException {
    Set<String> used = new HashSet<>();
    Set<String> secretListings = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(SERVER.auditLog())) {
      JsonNode event = json.readTree(line);
      if (SERVICE_ACCOUNT.equals(event.path("impersonatedUser").path("username").asText())
          || SERVICE_ACCOUNT.equals(event.path("user").path("username").asText())) {
        JsonNode ref = event.path("objectRef");
        if ("secrets".equals(ref.path("resource").asText()) && Set.of("list", "watch").contains(event.path("verb").asText())) {
          secretListings.add(event.path("requestURI").asText());
        }
        String resource = ref.path("resource").asText() + (ref.hasNonNull("subresource")
            ? "/" + ref.path("subresource").asText() : "");
        used.add(ref.path("apiGroup").asText("") + " " + resource + " " + event.path("verb").asText());
      }
    }
    Set<String> granted = new TreeSet<>();
    JsonNode role = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("deploy/base/rbac.yaml")));
    role.path("rules").forEach(rule -> rule.path("apiGroups").forEach(group -> rule.path("resources")
        .forEach(resource -> rule.path("verbs").forEach(verb -> granted.add(group.asText() + " "
            + resource.asText() + " " + verb.asText())))));
    // Not a request of its own: the admission plugin checks it when an owned Secret is created.
    used.add("rockofages.io rockofages/finalizers update");
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    assertEquals(Set.of(), unused, "granted but never used by the operator; used: " + new TreeSet<>(used));
    assertTrue(!secretListings.isEmpty() && secretListings.stream()
        .allMatch(uri -> uri.contains("labelSelector=rockofages.io%2Fwatched%3Dtrue")),
        "Secrets are only ever listed and watched by the operator's label: " + secretListings);
  }

  /** Whether every value in {@code applied} is in {@code live} as applied (live may hold server defaults too). */
  private static boolean contains(JsonNode live, JsonNode applied) {
    if (!applied.isObject()) {
      return applied.equals(live);
    }
    var fields = applied.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      if (!contains(live.path(field.getKey()), field.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static String describe() {
    return SERVER.kubectl("describe", "roa", "rock-of-ages").out();
  }
}
