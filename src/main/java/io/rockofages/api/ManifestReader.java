package io.rockofages.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a RockOfAges manifest for the command line: YAML syntax, apiVersion and kind, the CRD
 * schema, and unknown fields are all checked before anything touches AWS.
 */
public final class ManifestReader {
  public static final String DEFAULT_NAMESPACE = "default";
  /** A key given twice is refused: YAML would silently keep one of the two values. */
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ManifestReader() {}

  public static RockOfAges read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ManifestException(file + ": no such file");
    } catch (IOException e) {
      throw new ManifestException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return parse(text, file.toString());
  }

  public static RockOfAges parse(String text, String source) {
    // Other documents (the site's ConfigMap, say) may share the file, as with kubectl apply -f.
    List<JsonNode> documents = documents(text, source);
    List<JsonNode> stacks = documents.stream().filter(d -> "RockOfAges".equals(d.path("kind").asText())).toList();
    if (documents.size() == 1) {
      stacks = documents;
    } else if (stacks.size() != 1) {
      throw new ManifestException(source + ": expected one RockOfAges document, found " + stacks.size());
    }
    JsonNode node = stacks.get(0);
    List<String> problems = new ArrayList<>();
    if (!RockOfAges.API_VERSION.equals(node.path("apiVersion").asText())) {
      problems.add(source + ": apiVersion must be " + RockOfAges.API_VERSION + ", not '"
          + node.path("apiVersion").asText() + "'");
    }
    if (!"RockOfAges".equals(node.path("kind").asText())) {
      problems.add(source + ": kind must be RockOfAges, not '" + node.path("kind").asText() + "'");
    }
    if (node.path("metadata").path("name").asText().isBlank()) {
      problems.add(source + ": metadata.name: required");
    }
    SpecSchema.get().problems(node).forEach(p -> problems.add(source + ": " + p));
    if (!problems.isEmpty()) {
      throw new ManifestException(problems);
    }
    RockOfAges resource = bind(node, source);
    if (resource.getMetadata().getNamespace() == null || resource.getMetadata().getNamespace().isBlank()) {
      resource.getMetadata().setNamespace(DEFAULT_NAMESPACE);
    }
    return resource;
  }

  /** The documents of {@code kind} named {@code name} in the file (e.g. the site's ConfigMap). */
  public static List<JsonNode> companions(Path file, String kind, String name) {
    try {
      return documents(Files.readString(file), file.toString()).stream()
          .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
          .toList();
    } catch (IOException e) {
      throw new ManifestException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  private static List<JsonNode> documents(String text, String source) {
    try {
      List<JsonNode> documents = new ArrayList<>();
      YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).forEachRemaining(d -> {
        if (d != null && !d.isNull() && !d.isMissingNode()) {
          documents.add(d);
        }
      });
      return documents;
    } catch (IOException | RuntimeException e) {
      throw new ManifestException(source + ": not valid YAML: " + firstLine(e));
    }
  }

  private static RockOfAges bind(JsonNode node, String source) {
    try {
      return YAML.treeToValue(node, RockOfAges.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ManifestException(source + ": " + path(e) + ": unknown field (known here: "
          + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")");
    } catch (JsonMappingException e) {
      throw new ManifestException(source + ": " + path(e) + ": " + firstLine(e));
    } catch (JsonProcessingException e) {
      throw new ManifestException(source + ": " + firstLine(e));
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String firstLine(Exception e) {
    String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
        ? " (line " + jpe.getLocation().getLineNr() + ")" : "";
    return (message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("")) + where;
  }
}
