package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** CloudFront settings of the site. */
@ValidationRule(value = CrossFieldRules.ALIASES_NEED_CERTIFICATE_CEL, message = CrossFieldRules.ALIASES_NEED_CERTIFICATE)
public class CdnSpec {
  /** Managed-CachingOptimized, AWS's default managed cache policy. */
  public static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";

  /** CloudFront price classes. */
  public enum PriceClass {
    PriceClass_100, PriceClass_200, PriceClass_All
  }

  /** How viewers may connect. */
  public enum ViewerProtocolPolicy {
    @com.fasterxml.jackson.annotation.JsonProperty("redirect-to-https") REDIRECT_TO_HTTPS("redirect-to-https"),
    @com.fasterxml.jackson.annotation.JsonProperty("https-only") HTTPS_ONLY("https-only"),
    @com.fasterxml.jackson.annotation.JsonProperty("allow-all") ALLOW_ALL("allow-all");

    private final String value;

    ViewerProtocolPolicy(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  @Default("true")
  @JsonPropertyDescription("Whether the distribution serves requests. false: disabled (the site URL becomes the S3 website endpoint in PublicWebsite mode).")
  private boolean enabled = true;

  @Default("PriceClass_100")
  @JsonPropertyDescription("PriceClass_100, PriceClass_200 or PriceClass_All.")
  private PriceClass priceClass = PriceClass.PriceClass_100;

  @JsonPropertyDescription("Alternate domain names (CNAMEs); they need acmCertificateArn.")
  private List<@Pattern(Patterns.DOMAIN_NAME) String> aliases = new ArrayList<>();

  @Pattern(Patterns.ACM_ARN)
  @JsonPropertyDescription("ACM certificate (in us-east-1) for the aliases. Empty: CloudFront's default certificate.")
  private String acmCertificateArn;

  @Default("redirect-to-https")
  @JsonPropertyDescription("redirect-to-https (default), https-only, or allow-all (plain HTTP; earns a SecurityAdvisory).")
  private ViewerProtocolPolicy viewerProtocolPolicy = ViewerProtocolPolicy.REDIRECT_TO_HTTPS;

  @Default(CACHING_OPTIMIZED)
  @Pattern(Patterns.UUID)
  @JsonPropertyDescription("Cache policy id; default: the managed CachingOptimized policy.")
  private String cachePolicyId = CACHING_OPTIMIZED;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public PriceClass getPriceClass() {
    return priceClass;
  }

  public void setPriceClass(PriceClass priceClass) {
    this.priceClass = priceClass == null ? PriceClass.PriceClass_100 : priceClass;
  }

  public List<String> getAliases() {
    return aliases;
  }

  public void setAliases(List<String> aliases) {
    this.aliases = aliases == null ? new ArrayList<>() : aliases;
  }

  public String getAcmCertificateArn() {
    return acmCertificateArn;
  }

  public void setAcmCertificateArn(String acmCertificateArn) {
    this.acmCertificateArn = acmCertificateArn;
  }

  public ViewerProtocolPolicy getViewerProtocolPolicy() {
    return viewerProtocolPolicy;
  }

  public void setViewerProtocolPolicy(ViewerProtocolPolicy viewerProtocolPolicy) {
    this.viewerProtocolPolicy = viewerProtocolPolicy == null ? ViewerProtocolPolicy.REDIRECT_TO_HTTPS
        : viewerProtocolPolicy;
  }

  public String getCachePolicyId() {
    return cachePolicyId;
  }

  public void setCachePolicyId(String cachePolicyId) {
    this.cachePolicyId = cachePolicyId == null ? CACHING_OPTIMIZED : cachePolicyId;
  }
}
