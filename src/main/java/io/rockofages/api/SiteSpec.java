package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** The static site: an S3 bucket with the files, behind a CloudFront distribution. */
public class SiteSpec {
  /** Who may read the bucket. */
  public enum Access {
    /** Private bucket, public access blocked; only this distribution reads it (origin access control). */
    CloudFrontOnly,
    /** The seed's S3 static website hosting with a public-read policy. Earns a SecurityAdvisory. */
    PublicWebsite
  }

  @Pattern(Patterns.BUCKET_NAME)
  @JsonPropertyDescription("S3 bucket name. Empty: derived from namespace/name plus a short hash. Immutable.")
  private String bucketName;

  @Default("index.html")
  @Pattern(Patterns.OBJECT_KEY)
  @Size(max = 1024)
  @JsonPropertyDescription("Object served for / (and the website index document).")
  private String indexDocument = "index.html";

  @Default("error.html")
  @Pattern(Patterns.OBJECT_KEY)
  @Size(max = 1024)
  @JsonPropertyDescription("Object served for errors in PublicWebsite mode.")
  private String errorDocument = "error.html";

  @Default("CloudFrontOnly")
  @JsonPropertyDescription("CloudFrontOnly (private bucket read only by the distribution) or PublicWebsite (the seed's public S3 website).")
  private Access access = Access.CloudFrontOnly;

  @JsonPropertyDescription("Where the files come from: a ConfigMap whose keys are object keys (binaryData supported). Absent: the bucket's content is left alone.")
  private ContentSource contentFrom;

  @JsonPropertyDescription("The CloudFront distribution in front of the bucket.")
  private CdnSpec cdn = new CdnSpec();

  public String getBucketName() {
    return bucketName;
  }

  public void setBucketName(String bucketName) {
    this.bucketName = bucketName;
  }

  public String getIndexDocument() {
    return indexDocument;
  }

  public void setIndexDocument(String indexDocument) {
    this.indexDocument = indexDocument == null ? "index.html" : indexDocument;
  }

  public String getErrorDocument() {
    return errorDocument;
  }

  public void setErrorDocument(String errorDocument) {
    this.errorDocument = errorDocument == null ? "error.html" : errorDocument;
  }

  public Access getAccess() {
    return access;
  }

  public void setAccess(Access access) {
    this.access = access == null ? Access.CloudFrontOnly : access;
  }

  public ContentSource getContentFrom() {
    return contentFrom;
  }

  public void setContentFrom(ContentSource contentFrom) {
    this.contentFrom = contentFrom;
  }

  public CdnSpec getCdn() {
    return cdn;
  }

  public void setCdn(CdnSpec cdn) {
    this.cdn = cdn == null ? new CdnSpec() : cdn;
  }

  /** Where site content comes from. */
  public static class ContentSource {
    @JsonPropertyDescription("A ConfigMap in the RockOfAges' namespace; each key is an object key.")
    private NameRef configMapRef;

    public NameRef getConfigMapRef() {
      return configMapRef;
    }

    public void setConfigMapRef(NameRef configMapRef) {
      this.configMapRef = configMapRef;
    }
  }

  /** A reference to an object by name in the same namespace. */
  public static class NameRef {
    @io.fabric8.generator.annotation.Required
    @Pattern(Patterns.K8S_NAME)
    @JsonPropertyDescription("Name of the object.")
    private String name;

    public NameRef() {}

    public NameRef(String name) {
      this.name = name;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }
  }
}
