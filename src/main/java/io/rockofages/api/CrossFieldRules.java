package io.rockofages.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules that span fields. The CRD states each as CEL for the API server; the same rule is checked
 * here for the CLI and the operator, which validate with a JSON-schema library that has no CEL.
 * The message is shared, so a person reads the same words from kubectl and from the CLI.
 */
public final class CrossFieldRules {
  private CrossFieldRules() {}

  public static final String ALIASES_NEED_CERTIFICATE_CEL =
      "!has(self.aliases) || size(self.aliases) == 0 || (has(self.acmCertificateArn) && self.acmCertificateArn != '')";
  public static final String ALIASES_NEED_CERTIFICATE = "aliases need acmCertificateArn: CloudFront serves an "
      + "alternate domain name only with a certificate (in us-east-1) that covers it";

  private static final String DNS_LABEL_REGEX = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
  private static final Pattern DNS_LABEL = Pattern.compile(DNS_LABEL_REGEX);
  /** Stack names become part of AWS names (security groups, the database identifier, buckets). */
  public static final String NAME_IS_DNS_LABEL_CEL =
      "self.metadata.name.size() <= 63 && self.metadata.name.matches('" + DNS_LABEL_REGEX + "')";
  public static final String NAME_IS_DNS_LABEL = "must be a DNS label (at most 63 lowercase letters, digits and "
      + "'-', starting and ending with a letter or digit): it becomes part of the stack's AWS resource names";

  /** One line per broken rule, naming the object that breaks it. */
  static List<String> problems(JsonNode resource) {
    List<String> problems = new ArrayList<>();
    String name = resource.path("metadata").path("name").asText("");
    if (!name.isEmpty() && (name.length() > 63 || !DNS_LABEL.matcher(name).matches())) {
      problems.add("metadata.name: " + NAME_IS_DNS_LABEL);
    }
    JsonNode cdn = resource.path("spec").path("site").path("cdn");
    if (cdn.path("aliases").size() > 0 && cdn.path("acmCertificateArn").asText("").isEmpty()) {
      problems.add("spec.site.cdn: " + ALIASES_NEED_CERTIFICATE);
    }
    return problems;
  }
}
