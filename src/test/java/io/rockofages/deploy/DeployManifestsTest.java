package io.rockofages.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** deploy/: what the cluster gets is complete, consistent and least-privilege. */
class DeployManifestsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static List<JsonNode> documents(String file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(Path.of("deploy", file)))
        .forEachRemaining(docs::add);
    return docs;
  }

  @Test
  void kustomizationListsEveryManifestAndTheCrd() throws IOException {
    Set<String> listed = new TreeSet<>();
    documents("base/kustomization.yaml").get(0).path("resources").forEach(r -> listed.add(r.asText()));
    Set<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("deploy/base"))) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
          .forEach(present::add);
    }
    present.add("../../crds");
    assertEquals(present, listed);
  }

  @Test
  void rbacCoversWhatTheOperatorDoesAndNoMore() throws IOException {
    JsonNode role = documents("base/rbac.yaml").get(0);
    Set<String> grants = new TreeSet<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode resource : rule.path("resources")) {
        for (JsonNode verb : rule.path("verbs")) {
          assertFalse("*".equals(verb.asText()) || "*".equals(resource.asText()), "no wildcards");
          grants.add(resource.asText() + ":" + verb.asText());
        }
      }
    }
    assertEquals(new TreeSet<>(List.of("configmaps:get", "configmaps:list", "configmaps:watch", "events:create",
        "rockofages/finalizers:update", "rockofages/status:update", "rockofages:list", "rockofages:patch",
        "rockofages:watch", "secrets:create", "secrets:get", "secrets:list", "secrets:update", "secrets:watch")),
        grants, "each one used, as OperatorOnRealServerTest shows from the audit log");
  }

  @Test
  void argoCdsConfigMapCarriesExactlyTheTestedHealthCheck() throws IOException {
    String lua = Files.readString(Path.of("deploy/argocd/resource_customizations/rockofages.io/RockOfAges/health.lua"));
    JsonNode configMap = documents("argocd/argocd-cm.yaml").get(0);
    assertEquals(lua, configMap.path("data").path("resource.customizations.health.rockofages.io_RockOfAges").asText());
  }

  @Test
  void theOperatorsApplicationSyncsInAWaveBeforeTheStacks() throws IOException {
    List<JsonNode> applications = documents("argocd/applications.yaml");
    assertEquals(List.of("rockofages-operator", "rockofages-stacks"),
        applications.stream().map(a -> a.path("metadata").path("name").asText()).toList());
    int operatorWave = applications.get(0).path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asInt();
    int stacksWave = applications.get(1).path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave").asInt();
    assertTrue(operatorWave < stacksWave);
    assertEquals("deploy", applications.get(0).path("spec").path("source").path("path").asText());
  }

  @Test
  void deploymentRunsTheOperatorWithItsServiceAccountProbesAndNoRoot() throws IOException {
    JsonNode deployment = documents("base/deployment.yaml").get(0);
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    assertEquals(documents("base/serviceaccount.yaml").get(0).path("metadata").path("name").asText(),
        pod.path("serviceAccountName").asText());
    JsonNode container = pod.path("containers").get(0);
    assertEquals("run", container.path("args").get(0).asText());
    assertEquals("/healthz", container.path("livenessProbe").path("httpGet").path("path").asText());
    assertEquals("/readyz", container.path("readinessProbe").path("httpGet").path("path").asText());
    assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
    assertTrue(container.path("envFrom").get(0).path("secretRef").path("optional").asBoolean(),
        "static keys are optional: IRSA works without the Secret");
    List<String> env = new ArrayList<>();
    container.path("env").forEach(e -> env.add(e.path("name").asText()));
    assertEquals(List.of("WATCH_NAMESPACES", "RESYNC_INTERVAL", "PROGRESS_INTERVAL", "AWS_REGION", "METRICS_PORT",
        "CLUSTER_NAME", "LEADER_ELECTION_NAMESPACE", "POD_NAME", "JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX"), env);
  }
}
