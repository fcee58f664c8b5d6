package io.rockofages.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

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

  /** One line per broken rule, naming the object that breaks it. */
  static List<String> problems(JsonNode resource) {
    List<String> problems = new ArrayList<>();
    JsonNode cdn = resource.path("spec").path("site").path("cdn");
    if (cdn.path("aliases").size() > 0 && cdn.path("acmCertificateArn").asText("").isEmpty()) {
      problems.add("spec.site.cdn: " + ALIASES_NEED_CERTIFICATE);
    }
    return problems;
  }
}
