package io.rockofages.components.cdn;

import io.rockofages.aws.AwsErrors;
import io.rockofages.aws.SharedReads;
import io.rockofages.aws.SingleAttempt;
import io.rockofages.engine.Component;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlOriginTypes;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlSigningBehaviors;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlSigningProtocols;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlSummary;

/** The origin access control that lets only this stack's distribution read the private bucket (sigv4, always). */
public final class OriginAccessControlComponent extends Component<String, String>
    implements Component.Creatable<String, String>, Component.Deletable<String> {
  public static final Ref<String> REF = Ref.of("cdn-origin-access-control", String.class);

  public OriginAccessControlComponent() {
    super(REF, DistributionComponent.GROUP, Lifecycle.DEFAULT, List.of());
  }

  /** The deterministic OAC name (CloudFront allows 64 characters). */
  @Override
  public String desired(StackContext ctx) {
    return ctx.stack().namePrefix(59) + "-site";
  }

  @Override
  public void readAhead(StackContext ctx) {
    ctx.shared().readAhead(everyControl(ctx));
  }

  /** Every origin access control of the account by id, from one listing all stacks share while it is fresh. */
  private SharedReads.Every<OriginAccessControlSummary> everyControl(StackContext ctx) {
    return new SharedReads.Every<>(name(), "the account", () -> ctx.cloudFront()
        .listOriginAccessControlsPaginator(r -> { }).stream()
        .flatMap(page -> page.originAccessControlList().items().stream()).toList(),
        OriginAccessControlSummary::id, SharedReads.Watch.none());
  }

  /** @return the OAC id */
  @Override
  public Optional<String> observe(StackContext ctx) {
    String name = desired(ctx);
    if (ctx.shared().on()) {
      // One listing of every control serves all stacks while it is fresh; the id status reported first.
      Map<String, OriginAccessControlSummary> every = ctx.shared().every(everyControl(ctx));
      return ctx.lastReported(name()).filter(id -> every.containsKey(id) && name.equals(every.get(id).name()))
          .or(() -> every.values().stream().filter(o -> name.equals(o.name())).map(OriginAccessControlSummary::id)
              .findFirst());
    }
    // By the id status reported first: one read, however many controls the account has.
    Optional<String> known = ctx.lastReported(name()).filter(id -> hasName(ctx, id, name));
    if (known.isPresent()) {
      return known;
    }
    for (var page : ctx.cloudFront().listOriginAccessControlsPaginator(r -> { })) {
      Optional<String> id = page.originAccessControlList().items().stream().filter(o -> name.equals(o.name()))
          .map(OriginAccessControlSummary::id).findFirst();
      if (id.isPresent()) {
        return id;
      }
    }
    return Optional.empty();
  }

  /** Whether the control {@code id} exists under {@code name}; a stale id is not an error, just not it. */
  private static boolean hasName(StackContext ctx, String id, String name) {
    return AwsErrors.unlessNotFound(() -> ctx.cloudFront().getOriginAccessControl(r -> r.id(id)).originAccessControl()
        .originAccessControlConfig().name()).filter(name::equals).isPresent();
  }

  /** Its name is all there is to it, and the name is how it is found. */
  @Override
  protected FieldTable<String, String, ?> fields() {
    return FieldTable.none();
  }

  @Override
  public String create(String desired, StackContext ctx) {
    // AWS refuses a second control of the same name, but emulators may not: sent once either way.
    return ctx.cloudFront().createOriginAccessControl(r -> r.overrideConfiguration(o -> o.addPlugin(SingleAttempt.PLUGIN))
        .originAccessControlConfig(c -> c.name(desired)
        .description(DistributionComponent.comment(ctx.stack())).signingProtocol(OriginAccessControlSigningProtocols.SIGV4)
        .signingBehavior(OriginAccessControlSigningBehaviors.ALWAYS)
        .originAccessControlOriginType(OriginAccessControlOriginTypes.S3))).originAccessControl().id();
  }

  @Override
  public DeleteResult delete(String observed, StackContext ctx) {
    String etag = ctx.cloudFront().getOriginAccessControl(r -> r.id(observed)).eTag();
    ctx.cloudFront().deleteOriginAccessControl(r -> r.id(observed).ifMatch(etag));
    return DeleteResult.gone("deleted " + observed);
  }

  @Override
  public String id(String observed) {
    return observed;
  }
}
