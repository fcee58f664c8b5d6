package io.rockofages.components.cdn;

import static io.rockofages.api.Text.blankToNull;

import io.rockofages.api.AdoptSpec;
import io.rockofages.api.CdnSpec;
import io.rockofages.api.Conditions;
import io.rockofages.api.Endpoints;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsErrors;
import io.rockofages.aws.Inventory;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.SharedReads;
import io.rockofages.aws.Tags;
import io.rockofages.components.site.SiteBucketComponent;
import io.rockofages.components.site.SiteNames;
import io.rockofages.engine.Component;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable.Change;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Group;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Outputs;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.DistributionSummary;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionConfigResponse;
import software.amazon.awssdk.services.cloudfront.model.GetDistributionResponse;
import software.amazon.awssdk.services.cloudfront.model.MinimumProtocolVersion;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginProtocolPolicy;
import software.amazon.awssdk.services.cloudfront.model.SSLSupportMethod;
import software.amazon.awssdk.services.cloudfront.model.Tag;

/**
 * The CloudFront distribution in front of the bucket: S3 REST origin with origin access control
 * (CloudFrontOnly) or the S3 website endpoint (PublicWebsite), default root object, compression,
 * price class, aliases and certificate. Drift is put back with GetDistributionConfig →
 * UpdateDistribution (If-Match). Deletion disables it first and deletes it once deployed.
 */
public final class DistributionComponent extends Component<DistributionComponent.Desired, DistributionState>
    implements Component.Creatable<DistributionComponent.Desired, DistributionState>,
    Component.Updatable<DistributionComponent.Desired, DistributionState>, Component.Deletable<DistributionState> {
  public static final Ref<DistributionState> REF = Ref.of("cdn-distribution", DistributionState.class);
  public static final Group GROUP = new Group(Conditions.CDN_READY);
  static final String ORIGIN_ID = "site-bucket";

  /** @param originAccessControlId null for the website origin */
  public record Desired(String callerReference, String comment, boolean enabled, String defaultRootObject,
      String priceClass, String viewerProtocolPolicy, String cachePolicyId, List<String> aliases,
      String acmCertificateArn, String originDomain, String originAccessControlId) {}

  /** CloudFront changes a distribution only by a new config as a whole: any field change asks for one. */
  private static final class ConfigRewrite {
    boolean needed;
  }

  private static final FieldTable.Applier<Desired, DistributionState, ConfigRewrite> REWRITE =
      (rewrite, desired, observed) -> rewrite.needed = true;

  private static final FieldTable<Desired, DistributionState, ConfigRewrite> FIELDS =
      FieldTable.<Desired, DistributionState, ConfigRewrite>builder()
          .inPlace("enabled", Desired::enabled, DistributionState::enabled, REWRITE)
          .inPlace("defaultRootObject", Desired::defaultRootObject, DistributionState::defaultRootObject, REWRITE)
          .inPlace("priceClass", Desired::priceClass, DistributionState::priceClass, REWRITE)
          .inPlace("viewerProtocolPolicy", Desired::viewerProtocolPolicy, DistributionState::viewerProtocolPolicy,
              REWRITE)
          .inPlace("cachePolicyId", Desired::cachePolicyId, DistributionState::cachePolicyId, REWRITE)
          .inPlace("compress", d -> true, DistributionState::compress, REWRITE)
          .inPlace("aliases", Desired::aliases, DistributionState::aliases, REWRITE)
          .inPlace("acmCertificateArn", Desired::acmCertificateArn, DistributionState::acmCertificateArn, REWRITE)
          .inPlace("origin", Desired::originDomain, DistributionState::originDomain, REWRITE)
          // CloudFront always reports the OAC of an origin; an emulator that drops it must not look like drift.
          .custom("originAccessControl", (desired, observed) -> observed.originAccessControlId() == null
              || observed.originAccessControlId().equals(desired.originAccessControlId()) ? Optional.empty()
              : Change.inPlace(observed.originAccessControlId(), desired.originAccessControlId()), REWRITE)
          .build();

  private final boolean privateOrigin;

  /** @param privateOrigin true for a private bucket read through origin access control (CloudFrontOnly) */
  public DistributionComponent(boolean privateOrigin) {
    super(REF, GROUP, Lifecycle.DEFAULT, privateOrigin
        ? List.of(SiteBucketComponent.REF.ready(), OriginAccessControlComponent.REF.ready())
        : List.of(SiteBucketComponent.REF.ready()));
    this.privateOrigin = privateOrigin;
  }

  /** The distribution's comment, also what narrows the search for it. */
  static String comment(StackId stack) {
    return "rockofages site of " + stack;
  }

  @Override
  public Desired desired(StackContext ctx) {
    SiteSpec site = ctx.spec().getSite();
    CdnSpec cdn = site.getCdn();
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec());
    boolean website = !privateOrigin;
    String oac = website ? null : ctx.observed(OriginAccessControlComponent.REF)
        .orElse(StackContext.KNOWN_AFTER_APPLY);
    return new Desired("roa-" + ctx.stack().shortHash(16) + "-site", comment(ctx.stack()),
        cdn.isEnabled(), site.getIndexDocument(), cdn.getPriceClass().name(), cdn.getViewerProtocolPolicy().value(),
        cdn.getCachePolicyId(), cdn.getAliases().stream().sorted().toList(), blankToNull(cdn.getAcmCertificateArn()),
        website ? SiteNames.websiteEndpoint(bucket, ctx.region()) : SiteNames.restEndpoint(bucket, ctx.region()), oac);
  }

  @Override
  public Optional<DistributionState> observe(StackContext ctx) {
    // By the id status reported (or spec.adopt names) first: two reads, however many distributions the account has.
    Optional<DistributionState> known = ctx.lastReported(name()).flatMap(id -> knownById(ctx, id));
    if (known.isPresent()) {
      return known;
    }
    CloudFrontClient cloudFront = ctx.cloudFront();
    String comment = comment(ctx.stack());
    Collection<DistributionSummary> every = ctx.shared().on() ? ctx.shared().every(everyDistribution(ctx)).values()
        : listEvery(cloudFront);
    for (DistributionSummary summary : every) {
      // The comment narrows the search; the tags decide (emulators may not return comments, nor must
      // other distributions have one). Anyone's tags are kept: whose a distribution is does not change.
      if (summary.comment() != null && !summary.comment().isEmpty() && !comment.equals(summary.comment())) {
        continue;
      }
      Map<String, String> tags = ctx.shared().partOf(everyStacksTags(ctx), name(), summary.arn(), Function.identity(),
          () -> readTags(ctx, summary.arn()), anyones -> true);
      if (ctx.stack().tagValue().equals(tags.get(Ownership.STACK_TAG))
          && name().equals(tags.get(Ownership.COMPONENT_TAG))) {
        GetDistributionConfigResponse config = cloudFront.getDistributionConfig(r -> r.id(summary.id()));
        return Optional.of(state(summary.id(), summary.arn(), summary.domainName(), summary.status(),
            config.eTag(), summary.lastModifiedTime(), config.distributionConfig()));
      }
    }
    return Optional.empty();
  }

  /**
   * The distribution the stack last reported (or spec.adopt names), by its id: ours when it carries
   * the stack's tag; without it, it gets the tags (back); another stack's is refused.
   */
  private Optional<DistributionState> knownById(StackContext ctx, String id) {
    CloudFrontClient cloudFront = ctx.cloudFront();
    return byId(ctx, id).map(found -> {
      var distribution = found.distribution();
      Map<String, String> tags = Ownership.confirmedTags(ctx.stack(), ctx.shared(), everyStacksTags(ctx), name(),
          distribution.arn(), ctx.inStatus(name(), id), () -> readTags(ctx, distribution.arn()));
      DistributionState state = stateOf(found);
      Ownership.requireOwned(ctx.stack(), "distribution " + id, tags, id, () -> cloudFront.tagResource(r -> r
          .resource(distribution.arn()).tags(t -> t.items(Tags.cloudFront(ctx.ownershipTags(name(),
              comment(ctx.stack())))))), () -> state);
      return state;
    });
  }

  /**
   * The distribution {@code id} with its ETag, if it exists. Shared: one listing of every
   * distribution (for all stacks while fresh) says whether it exists and its status; its
   * configuration is read again only when the listing's LastModifiedTime moves (CloudFront sets it
   * on every change; moto never moves it), or {@link SharedReads#CONFIRMED_FOR} after the last read.
   * After a start, what status saw at the modification the listing shows is taken for a while
   * instead ({@link SharedReads.ForStack#startFrom}).
   */
  private Optional<GetDistributionResponse> byId(StackContext ctx, String id) {
    CloudFrontClient cloudFront = ctx.cloudFront();
    Supplier<Optional<GetDistributionResponse>> read = () -> AwsErrors.unlessNotFound(() -> cloudFront
        .getDistribution(r -> r.id(id)));
    if (!ctx.shared().on()) {
      return read.get();
    }
    return Optional.ofNullable(ctx.shared().every(everyDistribution(ctx)).get(id)).flatMap(summary -> {
      String key = "config of " + id + " modified at " + summary.lastModifiedTime();
      ctx.ownReads().startFrom(name(), key, () -> asLastReported(ctx, summary).map(Optional::of));
      return ctx.ownReads().confirmed(name(), key, read, Optional::isPresent)
          // The listing's modification time: what a later look at it (after a start too) is compared with.
          .map(found -> found.toBuilder().distribution(found.distribution().toBuilder().status(summary.status())
              .lastModifiedTime(summary.lastModifiedTime()).build()).build());
    });
  }

  /**
   * The distribution as the spec asks for it, when status saw it so at the modification the listing
   * shows: the pass then found it as the same desired state asks, and nothing changed it since
   * (CloudFront moves LastModifiedTime on every change). Its ETag is the listing's, if any.
   */
  private Optional<GetDistributionResponse> asLastReported(StackContext ctx, DistributionSummary summary) {
    Desired desired = desired(ctx);
    return ctx.lastReportedVersion(name()).flatMap(Seen::parse)
        .filter(seen -> seen.equals(Seen.of(summary.lastModifiedTime(), desired)))
        .map(seen -> GetDistributionResponse.builder().eTag(summary.eTag()).distribution(d -> d.id(summary.id())
            .arn(summary.arn()).domainName(summary.domainName()).status(summary.status())
            .lastModifiedTime(summary.lastModifiedTime())
            .distributionConfig(config(desired, desired.callerReference()))).build());
  }

  /**
   * What status keeps of the distribution ({@link #version}): the modification CloudFront reported
   * when a pass found it as the desired state asks, and a fingerprint of that desired state.
   */
  record Seen(Instant modified, String desired) {
    static Seen of(Instant modified, Desired desired) {
      return new Seen(modified, StackId.sha256Hex(desired.toString()).substring(0, 16));
    }

    String text() {
      return modified + " " + desired;
    }

    static Optional<Seen> parse(String text) {
      String[] parts = text.split(" ", 2);
      try {
        return parts.length == 2 ? Optional.of(new Seen(Instant.parse(parts[0]), parts[1])) : Optional.empty();
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * Every stack's distributions' tags by ARN, from one tagging-API listing: a process starting with
   * hundreds of stacks reads a page, not a distribution's tags each.
   */
  @Override
  public void readAhead(StackContext ctx) {
    ctx.shared().readAhead(everyDistribution(ctx));
    ctx.readTagsAheadIfReported(everyStacksTags(ctx));
  }

  private static SharedReads.Listing<Map<String, String>> everyStacksTags(StackContext ctx) {
    return Inventory.tagsByArn("cloudfront", ctx.globalTagging(), "of the account");
  }

  private static Map<String, String> readTags(StackContext ctx, String arn) {
    return Tags.fromCloudFront(ctx.cloudFront().listTagsForResource(r -> r.resource(arn)).tags().items());
  }

  /** Every distribution of the account by id, from one listing all stacks share while it is fresh. */
  private SharedReads.Every<DistributionSummary> everyDistribution(StackContext ctx) {
    return new SharedReads.Every<>(name(), "the account", () -> listEvery(ctx.cloudFront()), DistributionSummary::id,
        SharedReads.Watch.none());
  }

  private static List<DistributionSummary> listEvery(CloudFrontClient cloudFront) {
    return cloudFront.listDistributionsPaginator(r -> { }).stream()
        .flatMap(page -> page.distributionList().items().stream()).toList();
  }

  @Override
  public Optional<String> adoptedId(RockOfAgesSpec spec) {
    return spec.getAdopt().named(AdoptSpec::getDistributionId);
  }

  @Override
  protected FieldTable<Desired, DistributionState, ConfigRewrite> fields() {
    return FIELDS;
  }

  @Override
  public Readiness readiness(DistributionState observed) {
    return "Deployed".equals(observed.status()) ? Readiness.ready()
        : Readiness.progressing("CloudFront status: " + observed.status());
  }

  @Override
  public DistributionState create(Desired desired, StackContext ctx) {
    List<Tag> tags = Tags.cloudFront(ctx.ownershipTags(name(), desired.comment()));
    var created = ctx.cloudFront().createDistributionWithTags(r -> r.distributionConfigWithTags(c -> c
        .distributionConfig(config(desired, desired.callerReference())).tags(t -> t.items(tags))));
    var d = created.distribution();
    return state(d.id(), d.arn(), d.domainName(), d.status(), created.eTag(), d.lastModifiedTime(),
        d.distributionConfig());
  }

  @Override
  public DistributionState update(Desired desired, DistributionState observed, Diff diff, StackContext ctx) {
    if (!FIELDS.apply(diff, new ConfigRewrite(), desired, observed).needed) {
      return observed;
    }
    CloudFrontClient cloudFront = ctx.cloudFront();
    GetDistributionConfigResponse current = cloudFront.getDistributionConfig(r -> r.id(observed.id()));
    var updated = cloudFront.updateDistribution(r -> r.id(observed.id()).ifMatch(current.eTag())
        .distributionConfig(config(desired, current.distributionConfig().callerReference())));
    var d = updated.distribution();
    return state(d.id(), d.arn(), d.domainName(), d.status(), updated.eTag(), d.lastModifiedTime(),
        d.distributionConfig());
  }

  /** Disable, wait until that is deployed, then delete (each step on its own pass). */
  @Override
  public DeleteResult delete(DistributionState observed, StackContext ctx) {
    CloudFrontClient cloudFront = ctx.cloudFront();
    if (observed.enabled()) {
      GetDistributionConfigResponse current = cloudFront.getDistributionConfig(r -> r.id(observed.id()));
      cloudFront.updateDistribution(r -> r.id(observed.id()).ifMatch(current.eTag())
          .distributionConfig(current.distributionConfig().toBuilder().enabled(false).build()));
      return DeleteResult.inProgress("disabling " + observed.id() + " before deleting it");
    }
    if (!"Deployed".equals(observed.status())) {
      return DeleteResult.inProgress("waiting for the disabled " + observed.id() + " to deploy");
    }
    // After a start the ETag is the listing's, which may not show it.
    String etag = observed.etag() != null ? observed.etag() : cloudFront.getDistributionConfig(r -> r
        .id(observed.id())).eTag();
    cloudFront.deleteDistribution(r -> r.id(observed.id()).ifMatch(etag));
    return DeleteResult.inProgress("deleting " + observed.id());
  }

  @Override
  public String id(DistributionState observed) {
    return observed.id();
  }

  @Override
  public Optional<String> version(Desired desired, DistributionState observed) {
    return Optional.ofNullable(observed.lastModified()).map(at -> Seen.of(at, desired).text());
  }

  @Override
  public Outputs outputs(DistributionState observed, StackContext ctx) {
    return observed.enabled() ? Outputs.NONE.endpoint(Endpoints.SITE, "https://" + observed.domainName() + "/")
        : Outputs.NONE;
  }

  @Override
  public List<String> warnings(Desired desired) {
    return "allow-all".equals(desired.viewerProtocolPolicy())
        ? List.of("viewers may reach the site over plain HTTP (spec.site.cdn.viewerProtocolPolicy allow-all)")
        : List.of();
  }

  static DistributionConfig config(Desired desired, String callerReference) {
    Origin.Builder origin = Origin.builder().id(ORIGIN_ID).domainName(desired.originDomain());
    if (desired.originAccessControlId() == null) {
      origin.customOriginConfig(c -> c.httpPort(80).httpsPort(443).originProtocolPolicy(OriginProtocolPolicy.HTTP_ONLY));
    } else {
      origin.originAccessControlId(desired.originAccessControlId()).s3OriginConfig(s -> s.originAccessIdentity(""));
    }
    DistributionConfig.Builder config = DistributionConfig.builder().callerReference(callerReference)
        .comment(desired.comment()).enabled(desired.enabled()).defaultRootObject(desired.defaultRootObject())
        .priceClass(desired.priceClass())
        .origins(o -> o.quantity(1).items(origin.build()))
        .defaultCacheBehavior(b -> b.targetOriginId(ORIGIN_ID).viewerProtocolPolicy(desired.viewerProtocolPolicy())
            .cachePolicyId(desired.cachePolicyId()).compress(true))
        .aliases(a -> a.quantity(desired.aliases().size()).items(desired.aliases()));
    if (desired.acmCertificateArn() == null) {
      config.viewerCertificate(v -> v.cloudFrontDefaultCertificate(true));
    } else {
      config.viewerCertificate(v -> v.acmCertificateArn(desired.acmCertificateArn())
          .sslSupportMethod(SSLSupportMethod.SNI_ONLY).minimumProtocolVersion(MinimumProtocolVersion.TLS_V1_2_2021));
    }
    return config.build();
  }

  private static DistributionState stateOf(GetDistributionResponse found) {
    var d = found.distribution();
    return state(d.id(), d.arn(), d.domainName(), d.status(), found.eTag(), d.lastModifiedTime(),
        d.distributionConfig());
  }

  private static DistributionState state(String id, String arn, String domain, String status, String etag,
      Instant lastModified, DistributionConfig c) {
    Origin origin = c.origins().items().isEmpty() ? null : c.origins().items().get(0);
    var behavior = c.defaultCacheBehavior();
    List<String> aliases = c.aliases() == null ? List.of() : new ArrayList<>(c.aliases().items());
    aliases.sort(String::compareTo);
    String acm = c.viewerCertificate() == null ? null : blankToNull(c.viewerCertificate().acmCertificateArn());
    return new DistributionState(id, arn, domain, status, etag, lastModified, Boolean.TRUE.equals(c.enabled()),
        blankToNull(c.defaultRootObject()), c.priceClassAsString(), behavior.viewerProtocolPolicyAsString(),
        behavior.cachePolicyId(), Boolean.TRUE.equals(behavior.compress()), aliases, acm,
        origin == null ? null : origin.domainName(), origin == null ? null : blankToNull(origin.originAccessControlId()));
  }
}
