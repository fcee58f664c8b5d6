package io.rockofages.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CRD's own openAPIV3Schema, read from the jar, applied to a resource: the CLI and the
 * operator reject exactly what the API server rejects (CEL transition rules aside), with one line
 * per problem that names the field.
 */
public final class SpecSchema {
  public static final String CRD_RESOURCE = "/META-INF/rockofages/rockofages.rockofages.io-v1.yml";

  /** Patterns in words, so nobody has to read a regular expression in an error message. */
  private static final Map<String, String> PATTERN_WORDS = Map.ofEntries(
      Map.entry(Patterns.CIDR, "an IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32"),
      Map.entry(Patterns.REGION, "an AWS region such as eu-west-1"),
      Map.entry(Patterns.INSTANCE_TYPE, "an EC2 instance type such as t3.micro"),
      Map.entry(Patterns.VPC_ID, "a VPC id such as vpc-0abc1234"),
      Map.entry(Patterns.SUBNET_ID, "a subnet id such as subnet-0abc1234"),
      Map.entry(Patterns.AMI_ID, "an AMI id such as ami-0abc1234"),
      Map.entry(Patterns.ENV_NAME, "a variable name (letters, digits, _; not starting with a digit)"),
      Map.entry(Patterns.CONTAINER_IMAGE, "a container image reference without spaces or shell characters"),
      Map.entry(Patterns.SINGLE_LINE, "a single line of text"),
      Map.entry(Patterns.KEY_NAME, "an EC2 key pair name"),
      Map.entry(Patterns.ENGINE_VERSION, "a PostgreSQL major RDS supports (13 to 18), or major.minor such as 16.4"),
      Map.entry(Patterns.DB_INSTANCE_CLASS, "an RDS instance class such as db.t3.micro"),
      Map.entry(Patterns.DB_NAME, "a database name (a letter, then letters, digits or _; at most 63)"),
      Map.entry(Patterns.DB_USERNAME, "a user name (a letter, then letters, digits or _; at most 16)"),
      Map.entry(Patterns.K8S_NAME, "a Kubernetes object name (lowercase letters, digits, - and .)"),
      Map.entry(Patterns.BUCKET_NAME, "an S3 bucket name (3-63 lowercase letters, digits and -)"),
      Map.entry(Patterns.OBJECT_KEY, "an object key such as index.html"),
      Map.entry(Patterns.DOMAIN_NAME, "a domain name such as www.example.com"),
      Map.entry(Patterns.ACM_ARN, "an ACM certificate ARN in us-east-1"),
      Map.entry(Patterns.UUID, "an id such as 658327ea-f89d-4fab-a63d-7e88639e58f6"));

  private static final List<String> KUBERNETES_KEYWORDS = List.of("x-kubernetes-validations",
      "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource",
      "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type");
  private static final SpecSchema INSTANCE = new SpecSchema();
  private final JsonSchema schema;

  private SpecSchema() {
    try (InputStream crd = SpecSchema.class.getResourceAsStream(CRD_RESOURCE)) {
      if (crd == null) {
        throw new IllegalStateException(CRD_RESOURCE + " is missing from the classpath: run the Maven build");
      }
      JsonNode openApi = new ObjectMapper(new YAMLFactory()).readTree(crd)
          .path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
      // Kubernetes' own keywords (CEL rules, list types) are the API server's business, not this validator's.
      JsonMetaSchema kubernetesV4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
          .keywords(KUBERNETES_KEYWORDS.stream().map(NonValidationKeyword::new).toList()).build();
      schema = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4))
          .metaSchema(kubernetesV4).defaultMetaSchemaIri(kubernetesV4.getIri()).build().getSchema(openApi);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SpecSchema get() {
    return INSTANCE;
  }

  /** Problems with the resource (apiVersion, kind, metadata, spec), one readable line each. */
  public List<String> problems(JsonNode resource) {
    return Stream.concat(schema.validate(resource).stream().map(SpecSchema::describe),
        CrossFieldRules.problems(resource).stream()).sorted().toList();
  }

  private static String describe(ValidationMessage message) {
    String path = message.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
    String field = "required".equals(message.getType())
        ? (path.isEmpty() ? "" : path + ".") + message.getProperty() : path;
    JsonNode value = message.getInstanceNode();
    JsonNode rule = message.getSchemaNode();
    return switch (message.getType()) {
      case "required" -> field + ": required";
      case "pattern" -> field + ": " + value + " is not "
          + PATTERN_WORDS.getOrDefault(rule.asText(), "in the expected form");
      case "minimum" -> field + ": " + value + " is below the minimum " + rule.asText();
      case "maximum" -> field + ": " + value + " is above the maximum " + rule.asText();
      case "enum" -> field + ": " + value + " is not one of " + rule;
      case "type" -> field + ": " + value + " should be " + rule.asText();
      default -> field + ": " + message.getMessage().replaceFirst("^\\S+: ", "");
    };
  }
}
