package io.rockofages.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Build step run after fabric8's crd-generator, for what its annotations cannot say: the printer
 * columns in the order declared on {@link RockOfAges} (the generator sorts them by JSON path,
 * which puts AGE first); conditions as a list map keyed by type (so server-side apply merges them
 * by type); timestamps as date-time; and descriptions for the root, spec, status and the items of
 * every array (kubectl explain shows them). Usage: {@code CrdPostProcessor <generated.yml> <output.yml>}.
 */
public final class CrdPostProcessor {
  private CrdPostProcessor() {}

  private static final Map<String, String> OBJECT_DESCRIPTIONS = Map.of(
      "", "A small web stack on AWS (the seed's network, API host, database and static site behind CloudFront), "
          + "kept equal to this resource by the rockofages operator.",
      "spec", "What the stack should be. Sections left out (database, site) are not made, or are deleted.",
      "status", "What the operator last saw in AWS, in the shape kubectl, kstatus and Argo CD read.");

  /** Every array's items get a description; a new array without one here fails the build. */
  private static final Map<String, String> ITEM_DESCRIPTIONS = Map.ofEntries(
      Map.entry("spec.api.container.env", "One environment variable of the container."),
      Map.entry("spec.api.http.cidrs", "An IPv4 or IPv6 CIDR block."),
      Map.entry("spec.api.ssh.cidrs", "An IPv4 or IPv6 CIDR block."),
      Map.entry("spec.database.allowedCidrs", "An IPv4 or IPv6 CIDR block."),
      Map.entry("spec.site.cdn.aliases", "A domain name the distribution answers to."),
      Map.entry("status.conditions", "One condition, keyed by type."),
      Map.entry("status.components", "One AWS resource of the stack as last seen."),
      Map.entry("status.warnings", "One security advisory."),
      Map.entry("status.passwordCheck.fingerprintDigests", "The SHA-256 digest of one fingerprint tag."),
      Map.entry("status.plan", "One change the next pass would make."),
      Map.entry("status.drift", "One change made behind the operator's back, and when it was put back."),
      Map.entry("status.orphans", "One resource tagged for the stack that no component claims."));

  private static final Set<String> TIMESTAMPS = Set.of("lastTransitionTime", "lastSyncTime", "firstSeen", "repairedAt");

  /** Descriptions for objects and array items, date-time for timestamps, all the way down. */
  private static void describe(ObjectNode schema, String path) {
    if (OBJECT_DESCRIPTIONS.containsKey(path)) {
      schema.put("description", OBJECT_DESCRIPTIONS.get(path));
    }
    if ("array".equals(schema.path("type").asText())) {
      String items = ITEM_DESCRIPTIONS.get(path);
      if (items == null) {
        throw new IllegalStateException("array " + path + " has no item description in CrdPostProcessor");
      }
      ((ObjectNode) schema.path("items")).put("description", items);
      describe((ObjectNode) schema.path("items"), path + "[]");
    }
    for (Map.Entry<String, JsonNode> property : (Iterable<Map.Entry<String, JsonNode>>) () ->
        schema.path("properties").fields()) {
      ObjectNode child = (ObjectNode) property.getValue();
      if (TIMESTAMPS.contains(property.getKey())) {
        child.put("format", "date-time");
      }
      describe(child, path.isEmpty() ? property.getKey() : path + "." + property.getKey());
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: CrdPostProcessor <generated.yml> <output.yml>");
    }
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    JsonNode crd = yaml.readTree(Path.of(args[0]).toFile());
    List<String> declaredOrder = Arrays.stream(RockOfAges.class.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name).toList();
    for (JsonNode version : crd.path("spec").path("versions")) {
      ArrayNode columns = (ArrayNode) version.get("additionalPrinterColumns");
      List<JsonNode> sorted = new ArrayList<>();
      columns.forEach(sorted::add);
      sorted.sort((a, b) -> Integer.compare(declaredOrder.indexOf(a.path("name").asText()),
          declaredOrder.indexOf(b.path("name").asText())));
      ((ObjectNode) version).putArray("additionalPrinterColumns").addAll(sorted);
      ObjectNode root = (ObjectNode) version.path("schema").path("openAPIV3Schema");
      describe(root, "");
      // The only rule on the root: CEL may read metadata.name there and nowhere else.
      root.putArray("x-kubernetes-validations").addObject().put("rule", CrossFieldRules.NAME_IS_DNS_LABEL_CEL)
          .put("message", "metadata.name " + CrossFieldRules.NAME_IS_DNS_LABEL);
      ObjectNode conditions = (ObjectNode) root.path("properties").path("status").path("properties").path("conditions");
      conditions.put("x-kubernetes-list-type", "map");
      conditions.putArray("x-kubernetes-list-map-keys").add("type");
      ((ObjectNode) conditions.path("items")).putArray("required").add("type").add("status");
    }
    Path output = Path.of(args[1]);
    Files.createDirectories(output.getParent());
    Files.writeString(output, "# Generated by the build from io.rockofages.api (mvn process-classes); do not edit.\n"
        + yaml.writeValueAsString(crd));
  }
}
