package io.rockofages.components.apihost;

import io.rockofages.api.StackId;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.Tags;
import io.rockofages.engine.Component;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Dependency;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable.Change;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Link;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * The API host's identity: an IAM role EC2 may assume, allowed to read one secret (the database
 * password) and nothing else; without a database it may do nothing. The inline policy is named by a
 * fingerprint tag, so a pass knows it is current from one GetRole.
 */
public final class ApiRoleComponent extends Component<ApiRoleComponent.Desired, RoleState>
    implements Component.Creatable<ApiRoleComponent.Desired, RoleState>,
    Component.Updatable<ApiRoleComponent.Desired, RoleState>, Component.Deletable<RoleState> {
  public static final Ref<RoleState> REF = Ref.of("api-role", RoleState.class);
  public static final String POLICY_FINGERPRINT_TAG = "rockofages.io/policy-fingerprint";
  static final String POLICY_NAME = "read-database-password";
  private static final String NO_POLICY = "none";
  private static final String TRUST_POLICY = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},\
      "Action":"sts:AssumeRole"}]}""";

  /** @param policy the inline policy, or null for none */
  public record Desired(String name, String policy) {
    String policyFingerprint() {
      return policy == null ? NO_POLICY : StackId.sha256Hex(policy).substring(0, 16);
    }
  }

  private static final FieldTable<Desired, RoleState, StackContext> FIELDS =
      FieldTable.<Desired, RoleState, StackContext>builder()
          .custom("policy", (d, o) -> d.policyFingerprint().equals(o.policyFingerprint()) ? Optional.empty()
              : Change.inPlace(o.policyFingerprint() == null ? "(not written)" : o.policyFingerprint(),
                  d.policyFingerprint()), (ctx, d, o) -> writePolicy(ctx.iam(), d))
          .build();

  private final Optional<Link<?, String>> readableSecret;

  /** @param readableSecret the ARN of the one secret the host may read (the database password), if any */
  public ApiRoleComponent(Optional<Link<?, String>> readableSecret) {
    super(REF, ApiInstanceComponent.GROUP, Lifecycle.DEFAULT,
        readableSecret.<List<Dependency<?>>>map(link -> List.of(link.dependency()))
            .orElse(List.of()));
    this.readableSecret = readableSecret;
  }

  /** IAM names are global to the account: the region is part of it, so two regions' stacks never share one. */
  public static String roleName(StackContext ctx) {
    String suffix = "-" + ctx.region() + "-api";
    return ctx.stack().namePrefix(64 - suffix.length()) + suffix;
  }

  @Override
  public Desired desired(StackContext ctx) {
    String policy = readableSecret.map(link -> link.read(ctx).orElse(StackContext.KNOWN_AFTER_APPLY))
        .map(ApiRoleComponent::readSecretPolicy).orElse(null);
    return new Desired(roleName(ctx), policy);
  }

  static String readSecretPolicy(String secretArn) {
    return """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue",\
        "Resource":"%s"}]}""".formatted(secretArn);
  }

  /**
   * Every role of the account, with its instance profiles, is one listing ({@link AccountRoles}):
   * read ahead for the instance profile's component too, which is always assembled beside this one.
   */
  @Override
  public void readAhead(StackContext ctx) {
    ctx.shared().readAhead(AccountRoles.listing(ctx.iam()));
  }

  @Override
  public Optional<RoleState> observe(StackContext ctx) {
    String name = roleName(ctx);
    return Ownership.findOwned(ctx.stack(), "IAM role " + name, Ownership.ownedPartOf(ctx.stack(), ctx.shared(),
            AccountRoles.listing(ctx.iam()), name(), name, AccountRoles::role,
            () -> ctx.iam().getRole(r -> r.roleName(name)).role(), role -> Tags.fromIam(role.tags())),
            role -> Tags.fromIam(role.tags()), role -> ctx.ifLastReported(name(), role.arn()),
            role -> ctx.iam().tagRole(r -> r.roleName(name).tags(Tags.iam(ctx.ownershipTags(name(), name)))),
        role -> new RoleState(role.roleName(), role.arn(), Tags.fromIam(role.tags()).get(POLICY_FINGERPRINT_TAG)));
  }

  @Override
  protected FieldTable<Desired, RoleState, StackContext> fields() {
    return FIELDS;
  }

  /** The policy is written after the role and named last: a crash in between leaves a role the next pass completes. */
  @Override
  public RoleState create(Desired desired, StackContext ctx) {
    Map<String, String> tags = ctx.ownershipTags(name(), desired.name());
    Role role = ctx.iam().createRole(r -> r.roleName(desired.name()).assumeRolePolicyDocument(TRUST_POLICY)
        .description("API host of rockofages stack " + ctx.stack()).tags(Tags.iam(tags))).role();
    writePolicy(ctx.iam(), desired);
    return new RoleState(role.roleName(), role.arn(), desired.policyFingerprint());
  }

  @Override
  public RoleState update(Desired desired, RoleState observed, Diff diff, StackContext ctx) {
    FIELDS.apply(diff, ctx, desired, observed);
    return new RoleState(observed.name(), observed.arn(), desired.policyFingerprint());
  }

  private static void writePolicy(IamClient iam, Desired desired) {
    if (desired.policy() != null) {
      iam.putRolePolicy(r -> r.roleName(desired.name()).policyName(POLICY_NAME).policyDocument(desired.policy()));
    } else if (iam.listRolePolicies(r -> r.roleName(desired.name())).policyNames().contains(POLICY_NAME)) {
      iam.deleteRolePolicy(r -> r.roleName(desired.name()).policyName(POLICY_NAME));
    }
    iam.tagRole(r -> r.roleName(desired.name()).tags(Tags.iam(Map.of(POLICY_FINGERPRINT_TAG,
        desired.policyFingerprint()))));
  }

  /** Inline policies go first: IAM refuses to delete a role that still has one. */
  @Override
  public DeleteResult delete(RoleState observed, StackContext ctx) {
    IamClient iam = ctx.iam();
    iam.listRolePolicies(r -> r.roleName(observed.name())).policyNames()
        .forEach(policy -> iam.deleteRolePolicy(r -> r.roleName(observed.name()).policyName(policy)));
    iam.deleteRole(r -> r.roleName(observed.name()));
    return DeleteResult.gone("deleted " + observed.name());
  }

  @Override
  public String id(RoleState observed) {
    return observed.arn();
  }
}
