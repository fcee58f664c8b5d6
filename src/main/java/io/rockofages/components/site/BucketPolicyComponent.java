package io.rockofages.components.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rockofages.api.SiteSpec;
import io.rockofages.aws.AwsErrors;
import io.rockofages.engine.Component;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Link;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The bucket policy: read for this stack's distribution only (CloudFrontOnly, by its ARN), or public
 * read (PublicWebsite). Compared as JSON, so formatting never looks like drift; a replaced policy is
 * put back.
 */
public final class BucketPolicyComponent extends Component<JsonNode, JsonNode>
    implements Component.Creatable<JsonNode, JsonNode>, Component.Updatable<JsonNode, JsonNode>,
    Component.Deletable<JsonNode> {
  public static final Ref<JsonNode> REF = Ref.of("site-bucket-policy", JsonNode.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final FieldTable<JsonNode, JsonNode, StackContext> FIELDS =
      FieldTable.<JsonNode, JsonNode, StackContext>builder()
          .inPlace("policy", desired -> desired, observed -> observed, (ctx, desired, observed) -> put(ctx, desired))
          .build();

  private final Optional<Link<?, String>> readerArn;

  /**
   * @param readerArn the ARN of the one reader the policy allows (the distribution, which need only
   *     exist), or empty for public read
   */
  public BucketPolicyComponent(Optional<Link<?, String>> readerArn) {
    super(REF, SiteBucketComponent.GROUP, Lifecycle.DEFAULT, Stream.concat(Stream.of(SiteBucketComponent.REF.ready()),
        readerArn.map(Link::dependency).stream()).toList());
    this.readerArn = readerArn;
  }

  @Override
  public JsonNode desired(StackContext ctx) {
    SiteSpec site = ctx.spec().getSite();
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec());
    return site.getAccess() == SiteSpec.Access.PublicWebsite ? publicRead(bucket) : distributionRead(bucket,
        readerArn.flatMap(link -> link.read(ctx)).orElse(StackContext.KNOWN_AFTER_APPLY));
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
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec());
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
  protected FieldTable<JsonNode, JsonNode, StackContext> fields() {
    return FIELDS;
  }

  @Override
  public JsonNode create(JsonNode desired, StackContext ctx) {
    put(ctx, desired);
    return desired;
  }

  @Override
  public JsonNode update(JsonNode desired, JsonNode observed, Diff diff, StackContext ctx) {
    FIELDS.apply(diff, ctx, desired, observed);
    return desired;
  }

  private static void put(StackContext ctx, JsonNode policy) {
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec());
    ctx.s3().putBucketPolicy(r -> r.bucket(bucket).policy(policy.toString()));
  }

  @Override
  public DeleteResult delete(JsonNode observed, StackContext ctx) {
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec());
    ctx.s3().deleteBucketPolicy(r -> r.bucket(bucket));
    return DeleteResult.gone("policy removed from " + bucket);
  }

  @Override
  public String id(JsonNode observed) {
    return "policy";
  }
}
