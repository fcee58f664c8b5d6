package io.rockofages.components.site;

import static io.rockofages.api.Text.blankToNull;

import io.rockofages.api.Conditions;
import io.rockofages.api.Endpoints;
import io.rockofages.api.AdoptSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.rockofages.aws.AwsErrors;
import io.rockofages.aws.Inventory;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.SharedReads;
import io.rockofages.aws.Tags;
import io.rockofages.engine.Component;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Group;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Outputs;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The site bucket: tagged, encrypted by default, owner-enforced. CloudFrontOnly blocks all public
 * access; PublicWebsite turns on website hosting (the seed's way). Any of these changed behind the
 * operator's back is put back. Deletion empties it (every version) and deletes it.
 */
public final class SiteBucketComponent extends Component<SiteBucketComponent.Desired, BucketState>
    implements Component.Creatable<SiteBucketComponent.Desired, BucketState>,
    Component.Updatable<SiteBucketComponent.Desired, BucketState>, Component.Deletable<BucketState> {
  public static final Ref<BucketState> REF = Ref.of("site-bucket", BucketState.class);
  public static final Group GROUP = new Group(Conditions.SITE_READY);

  /** @param website null in CloudFrontOnly mode */
  public record Desired(String name, boolean publicAccessBlocked, BucketState.Website website) {}

  /** Where in-place changes go: each field is its own S3 call on the bucket (tags: the stack's ownership tags). */
  private record Bucket(S3Client s3, String name, Map<String, String> tags) {}

  private static final FieldTable<Desired, BucketState, Bucket> FIELDS = FieldTable.<Desired, BucketState, Bucket>builder()
      .inPlace("ownershipTags", d -> "tagged", o -> o.tagged() ? "tagged" : "untagged", SiteBucketComponent::tag)
      .inPlace("encryption", d -> "AES256", o -> o.encrypted() ? "AES256" : null, SiteBucketComponent::encrypt)
      .inPlace("objectOwnership", d -> "BucketOwnerEnforced", o -> o.ownerEnforced() ? "BucketOwnerEnforced" : null,
          SiteBucketComponent::enforceOwner)
      .inPlace("publicAccessBlock", d -> d.publicAccessBlocked() ? "all blocked" : "off",
          o -> o.publicAccessBlocked() ? "all blocked" : "off", SiteBucketComponent::setPublicAccessBlock)
      .inPlace("website", Desired::website, BucketState::website, SiteBucketComponent::setWebsite)
      .build();

  /** A bucket is never replaced: it holds content and its name is its identity. */
  public SiteBucketComponent() {
    super(REF, GROUP, Lifecycle.neverReplaced(), List.of());
  }

  /**
   * The site section of a spec that no longer has one, as far as AWS remembers it: the bucket by
   * the name it was tagged with (a name the user gave is in no spec any more), private by default
   * so the origin access control goes too.
   */
  public static SiteSpec lastKnown(Inventory inventory) {
    SiteSpec removed = new SiteSpec();
    inventory.of(REF.name()).stream().findFirst().ifPresent(bucket -> removed.setBucketName(bucket.id()));
    return removed;
  }

  @Override
  public Optional<String> adoptedId(RockOfAgesSpec spec) {
    return spec.getAdopt().named(AdoptSpec::getBucketName);
  }

  @Override
  public Desired desired(StackContext ctx) {
    SiteSpec site = ctx.spec().getSite();
    boolean website = site.getAccess() == SiteSpec.Access.PublicWebsite;
    return new Desired(SiteNames.bucket(ctx.stack(), ctx.spec()), !website,
        website ? new BucketState.Website(site.getIndexDocument(), site.getErrorDocument()) : null);
  }

  @Override
  public Optional<BucketState> observe(StackContext ctx) {
    String bucket = desired(ctx).name();
    try {
      return Optional.of(observe(ctx, bucket));
    } catch (AwsServiceException e) {
      if ("NoSuchBucket".equals(AwsErrors.errorCode(e))) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void readAhead(StackContext ctx) {
    ctx.readTagsAheadIfReported(everyStacksTags(ctx));
  }

  private static SharedReads.Listing<Map<String, String>> everyStacksTags(StackContext ctx) {
    return Inventory.tagsByArn("s3", ctx.tagging(), "in " + ctx.region());
  }

  /**
   * The bucket's settings; its ownership tags from one tagging-API listing of every stack's buckets
   * (or read alone), not read again every pass once confirmed.
   */
  private BucketState observe(StackContext ctx, String bucket) {
    S3Client s3 = ctx.s3();
    Map<String, String> tags = Ownership.confirmedTags(ctx.stack(), ctx.shared(), everyStacksTags(ctx), name(),
        SiteNames.bucketArn(bucket, ctx.region()),
        ctx.inStatus(name(), bucket), () -> absentIf(() -> Tags.fromS3(s3.getBucketTagging(r -> r.bucket(bucket))
            .tagSet()), "NoSuchTagSet", Map.of()));
    boolean tagged = Ownership.isOwnedBy(ctx.stack(), tags);
    Ownership.requireNotOthers(ctx.stack(), "bucket " + bucket, tags);
    boolean encrypted = absentIf(() -> !s3.getBucketEncryption(r -> r.bucket(bucket))
        .serverSideEncryptionConfiguration().rules().isEmpty(), "ServerSideEncryptionConfigurationNotFoundError", false);
    boolean ownerEnforced = absentIf(() -> s3.getBucketOwnershipControls(r -> r.bucket(bucket)).ownershipControls()
        .rules().stream().anyMatch(rule -> rule.objectOwnership() == ObjectOwnership.BUCKET_OWNER_ENFORCED),
        "OwnershipControlsNotFoundError", false);
    boolean blocked = absentIf(() -> allBlocked(s3.getPublicAccessBlock(r -> r.bucket(bucket))
        .publicAccessBlockConfiguration()), "NoSuchPublicAccessBlockConfiguration", false);
    BucketState.Website website = absentIf(() -> {
      var config = s3.getBucketWebsite(r -> r.bucket(bucket));
      return new BucketState.Website(config.indexDocument() == null ? null : config.indexDocument().suffix(),
          config.errorDocument() == null ? null : config.errorDocument().key());
    }, "NoSuchWebsiteConfiguration", null);
    BucketState state = new BucketState(bucket, ctx.region(), tagged, encrypted, ownerEnforced, blocked, website);
    if (!tagged && !isCrashWindow(ctx, tags)) {
      // S3 replaces the whole tag set: the bucket's own tags (an adopted bucket's) are kept beside ours.
      Map<String, String> retagged = new HashMap<>(tags);
      retagged.putAll(ctx.ownershipTags(name(), bucket));
      Ownership.requireOwned(ctx.stack(), "bucket " + bucket, tags, ctx.ifLastReported(name(), bucket),
          () -> s3.putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(Tags.s3(retagged)))), () -> state);
    }
    return state;
  }

  @Override
  protected FieldTable<Desired, BucketState, Bucket> fields() {
    return FIELDS;
  }

  @Override
  public BucketState create(Desired desired, StackContext ctx) {
    ctx.s3().createBucket(r -> {
      r.bucket(desired.name());
      if (!"us-east-1".equals(ctx.region())) {
        r.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(ctx.region())));
      }
    });
    BucketState fresh = new BucketState(desired.name(), ctx.region(), false, false, false, false, null);
    return update(desired, fresh, diff(desired, fresh), ctx);
  }

  @Override
  public BucketState update(Desired desired, BucketState observed, Diff diff, StackContext ctx) {
    FIELDS.apply(diff, new Bucket(ctx.s3(), observed.name(), ctx.ownershipTags(name(), observed.name())),
        desired, observed);
    return new BucketState(observed.name(), observed.region(), true, true, true, desired.publicAccessBlocked(),
        desired.website());
  }

  /**
   * S3 cannot tag a bucket in the call that creates it: a process that died between CreateBucket and
   * PutBucketTagging leaves it untagged. A bucket with no tags at all, under the name only this stack
   * derives (stack identity and a hash), in this account, is that one. A name the user gave gets no
   * such benefit: it may well be someone's existing bucket.
   */
  private boolean isCrashWindow(StackContext ctx, Map<String, String> tags) {
    return tags.isEmpty() && blankToNull(ctx.spec().getSite().getBucketName()) == null
        && adoptedId(ctx.spec()).isEmpty();
  }

  private static void tag(Bucket bucket, Desired desired, BucketState observed) {
    bucket.s3().putBucketTagging(r -> r.bucket(bucket.name()).tagging(t -> t.tagSet(Tags.s3(bucket.tags()))));
  }

  private static void encrypt(Bucket bucket, Desired desired, BucketState observed) {
    bucket.s3().putBucketEncryption(r -> r.bucket(bucket.name()).serverSideEncryptionConfiguration(c -> c.rules(rule -> rule
        .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
  }

  private static void enforceOwner(Bucket bucket, Desired desired, BucketState observed) {
    bucket.s3().putBucketOwnershipControls(r -> r.bucket(bucket.name()).ownershipControls(c -> c.rules(rule -> rule
        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
  }

  private static void setPublicAccessBlock(Bucket bucket, Desired desired, BucketState observed) {
    if (desired.publicAccessBlocked()) {
      bucket.s3().putPublicAccessBlock(r -> r.bucket(bucket.name()).publicAccessBlockConfiguration(c -> c
          .blockPublicAcls(true).ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
    } else {
      bucket.s3().deletePublicAccessBlock(r -> r.bucket(bucket.name()));
    }
  }

  private static void setWebsite(Bucket bucket, Desired desired, BucketState observed) {
    if (desired.website() == null) {
      bucket.s3().deleteBucketWebsite(r -> r.bucket(bucket.name()));
    } else {
      bucket.s3().putBucketWebsite(r -> r.bucket(bucket.name()).websiteConfiguration(w -> w
          .indexDocument(i -> i.suffix(desired.website().indexDocument()))
          .errorDocument(e -> e.key(desired.website().errorDocument()))));
    }
  }

  /** Empties the bucket (every object version, a page at a time) and deletes it. */
  @Override
  public DeleteResult delete(BucketState observed, StackContext ctx) {
    S3Client s3 = ctx.s3();
    String bucket = observed.name();
    for (var page : s3.listObjectVersionsPaginator(r -> r.bucket(bucket))) {
      List<ObjectIdentifier> doomed = new ArrayList<>();
      page.versions().forEach(v -> doomed.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
      page.deleteMarkers().forEach(m -> doomed.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId())
          .build()));
      if (!doomed.isEmpty()) {
        s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(doomed).quiet(true)));
      }
    }
    s3.deleteBucket(r -> r.bucket(bucket));
    return DeleteResult.gone("emptied and deleted " + bucket);
  }

  @Override
  public String id(BucketState observed) {
    return observed.name();
  }

  /** The S3 website URL in PublicWebsite mode, a fallback: an enabled distribution's URL takes its place. */
  @Override
  public Outputs outputs(BucketState observed, StackContext ctx) {
    return observed.website() == null ? Outputs.NONE : Outputs.NONE.fallbackEndpoint(Endpoints.SITE,
        "http://" + SiteNames.websiteEndpoint(observed.name(), observed.region()) + "/");
  }

  @Override
  public List<String> warnings(Desired desired) {
    return desired.website() == null ? List.of()
        : List.of("the site bucket is public (spec.site.access PublicWebsite): anyone can read every object");
  }

  private static boolean allBlocked(PublicAccessBlockConfiguration c) {
    return Boolean.TRUE.equals(c.blockPublicAcls()) && Boolean.TRUE.equals(c.ignorePublicAcls())
        && Boolean.TRUE.equals(c.blockPublicPolicy()) && Boolean.TRUE.equals(c.restrictPublicBuckets());
  }

  /** Runs an S3 read whose "not configured" error code means the default value. */
  private static <T> T absentIf(Supplier<T> read, String notConfiguredCode, T whenAbsent) {
    try {
      return read.get();
    } catch (AwsServiceException e) {
      if (notConfiguredCode.equals(AwsErrors.errorCode(e))) {
        return whenAbsent;
      }
      throw e;
    }
  }
}
