package io.rockofages.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rockofages.testing.Examples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The generated CRD: committed copy up to date, shape, and descriptions everywhere. */
class CrdTest {
  private static final Path COMMITTED = Path.of("crds/rockofages.rockofages.io-v1.yml");

  @Test
  void committedCrdMatchesTheGeneratedOne() throws IOException {
    assertEquals(generated(), Files.readString(COMMITTED),
        "crds/ is stale: run `mvn process-classes && cp target/classes" + SpecSchema.CRD_RESOURCE + " crds/`");
  }

  @Test
  void crdHasTheNamesScopeStatusAndColumnsKubectlShows() throws IOException {
    JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(generated());
    JsonNode spec = crd.path("spec");
    assertEquals("rockofages.io", spec.path("group").asText());
    assertEquals("Namespaced", spec.path("scope").asText());
    assertEquals("rockofages", spec.path("names").path("plural").asText());
    assertEquals("RockOfAges", spec.path("names").path("kind").asText());
    assertEquals("roa", spec.path("names").path("shortNames").get(0).asText());
    JsonNode version = spec.path("versions").get(0);
    assertEquals("v1alpha1", version.path("name").asText());
    assertTrue(version.path("subresources").has("status"));
    List<String> columns = new ArrayList<>();
    version.path("additionalPrinterColumns").forEach(c -> columns.add(c.path("name").asText()));
    assertEquals(List.of("Ready", "Phase", "Status", "Age", "Site", "API", "Database", "Drift"), columns);
  }

  @Test
  void everySpecFieldHasADescriptionForKubectlExplain() throws IOException {
    JsonNode schema = new ObjectMapper(new YAMLFactory()).readTree(generated())
        .path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
    List<String> undocumented = new ArrayList<>();
    collectUndocumented("spec", schema.path("properties").path("spec"), undocumented);
    collectUndocumented("status", schema.path("properties").path("status"), undocumented);
    assertEquals(List.of(), undocumented);
  }

  @Test
  void regionVpcAndBucketAreImmutableThroughCelRulesOnTheSpec() throws IOException {
    JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(generated()).path("spec").path("versions").get(0)
        .path("schema").path("openAPIV3Schema").path("properties").path("spec");
    List<String> rules = new ArrayList<>();
    spec.path("x-kubernetes-validations").forEach(rule -> rules.add(rule.path("rule").asText()));
    assertEquals(List.of(Immutability.REGION, Immutability.VPC_ID, Immutability.BUCKET_NAME), rules,
        "on the spec, where adding or removing a value is a transition too");
  }

  @Test
  void crossFieldRulesAreStatedForTheApiServerInCel() throws IOException {
    JsonNode cdn = new ObjectMapper(new YAMLFactory()).readTree(generated()).path("spec").path("versions").get(0)
        .path("schema").path("openAPIV3Schema").path("properties").path("spec").path("properties").path("site")
        .path("properties").path("cdn");
    JsonNode rule = cdn.path("x-kubernetes-validations").get(0);
    assertEquals(CrossFieldRules.ALIASES_NEED_CERTIFICATE_CEL, rule.path("rule").asText());
    assertEquals(CrossFieldRules.ALIASES_NEED_CERTIFICATE, rule.path("message").asText());
  }

  private static void collectUndocumented(String path, JsonNode node, List<String> undocumented) {
    for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) () -> node.path("properties").fields()) {
      String fieldPath = path + "." + field.getKey();
      if (!field.getValue().hasNonNull("description")) {
        undocumented.add(fieldPath);
      }
      collectUndocumented(fieldPath, field.getValue(), undocumented);
      collectUndocumented(fieldPath + "[]", field.getValue().path("items"), undocumented);
    }
  }

  static String generated() throws IOException {
    try (InputStream in = CrdTest.class.getResourceAsStream(SpecSchema.CRD_RESOURCE)) {
      assertNotNull(in, "the build generates " + SpecSchema.CRD_RESOURCE);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Stream<Path> examples() throws IOException {
    return Examples.stacks();
  }

}
