package io.rockofages.components.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rockofages.api.SiteSpec;
import io.rockofages.aws.AwsErrors;
import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.Component;
import io.rockofages.engine.ComponentGroup;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldChange;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.StackContext;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The bucket policy: read for this stack's distribution only (CloudFrontOnly, by its ARN), or public
 * read (PublicWebsite). Compared as JSON, so formatting never looks like drift; a replaced policy is
 * put back.
 */
public final class BucketPolicyComponent implements Component<JsonNode, JsonNode> {
  public static final String NAME = "site-bucket-policy";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> reader;
  private final Function<StackContext, Optional<String>> readerArn;

  /**
   * @param reader the component whose ARN the policy grants read (the distribution), or none for public read
   * @param readerArn how to find that ARN in the pass
   */
  public BucketPolicyComponent(List<String> reader, Function<StackContext, Optional<String>> readerArn) {
    this.reader = List.copyOf(reader);
    this.readerArn = readerArn;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ComponentGroup group() {
    return ComponentGroup.SITE;
  }

  @Override
  public List<String> dependsOn() {
    List<String> dependencies = new ArrayList<>(List.of(SiteBucketComponent.NAME));
    dependencies.addAll(reader);
    return dependencies;
  }

  /** The ARN is known as soon as the distribution exists; its deployment is not needed. */
  @Override
  public boolean needsReady(String dependency) {
    return !reader.contains(dependency);
  }

  @Override
  public JsonNode desired(StackContext ctx) {
    SiteSpec site = ctx.spec().getSite();
    String bucket = SiteNames.bucket(ctx.stack(), site);
    return site.getAccess() == SiteSpec.Access.PublicWebsite ? publicRead(bucket)
        : distributionRead(bucket, readerArn.apply(ctx).orElse(StackContext.KNOWN_AFTER_APPLY));
  }

  static JsonNode publicRead(String bucket) {
    ObjectNode statement = statement("PublicReadForWebsite", bucket);
    statement.put("Principal", "*");
    return document(statement);
  }

  static JsonNode distributionRead(String bucket, String distributionArn) {
    ObjectNode statement = statement("ReadOnlyThroughThisStacksDistribution", bucket);
    statement.putObject("Principal").put("Service", "cloudfront.amazonaws.com");
    statement.putObject("Condition").putObject("StringEquals").put("AWS:SourceArn", distributionArn);
    return document(statement);
  }

  private static ObjectNode statement(String sid, String bucket) {
    ObjectNode statement = JSON.createObjectNode();
    statement.put("Sid", sid).put("Effect", "Allow").put("Action", "s3:GetObject")
        .put("Resource", "arn:aws:s3:::" + bucket + "/*");
    return statement;
  }

  private static JsonNode document(ObjectNode statement) {
    ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");
    statements.add(statement);
    return policy;
  }

  @Override
  public Optional<JsonNode> observe(StackContext ctx) {
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec().getSite());
    try {
      return Optional.of(JSON.readTree(ctx.s3().getBucketPolicy(r -> r.bucket(bucket)).policy()));
    } catch (AwsServiceException e) {
      if (List.of("NoSuchBucketPolicy", "NoSuchBucket").contains(AwsErrors.errorCode(e))) {
        return Optional.empty();
      }
      throw e;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Diff diff(JsonNode desired, JsonNode observed) {
    return desired.equals(observed) ? Diff.none()
        : new Diff(List.of(new FieldChange("policy", observed.toString(), desired.toString(), ChangeKind.IN_PLACE)));
  }

  @Override
  public Readiness readiness(JsonNode observed) {
    return Readiness.ready();
  }

  @Override
  public JsonNode create(JsonNode desired, StackContext ctx) {
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec().getSite());
    ctx.s3().putBucketPolicy(r -> r.bucket(bucket).policy(desired.toString()));
    return desired;
  }

  @Override
  public JsonNode update(JsonNode desired, JsonNode observed, Diff diff, StackContext ctx) {
    return create(desired, ctx);
  }

  @Override
  public DeleteResult delete(JsonNode observed, StackContext ctx) {
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec().getSite());
    ctx.s3().deleteBucketPolicy(r -> r.bucket(bucket));
    return DeleteResult.gone("policy removed from " + bucket);
  }

  @Override
  public String id(JsonNode observed) {
    return "policy";
  }
}
