package io.rockofages.components.apihost;

import io.rockofages.aws.Ownership;
import io.rockofages.aws.Tags;
import io.rockofages.engine.Component;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.Role;

/** The instance profile through which the API host wears its role (same name as the role). */
public final class ApiInstanceProfileComponent
    extends Component<ApiInstanceProfileComponent.Desired, InstanceProfileState>
    implements Component.Creatable<ApiInstanceProfileComponent.Desired, InstanceProfileState>,
    Component.Updatable<ApiInstanceProfileComponent.Desired, InstanceProfileState>,
    Component.Deletable<InstanceProfileState> {
  public static final Ref<InstanceProfileState> REF = Ref.of("api-instance-profile", InstanceProfileState.class);

  public record Desired(String name, String roleName) {}

  private static final FieldTable<Desired, InstanceProfileState, StackContext> FIELDS =
      FieldTable.<Desired, InstanceProfileState, StackContext>builder()
          .inPlace("roles", d -> List.of(d.roleName()), InstanceProfileState::roleNames,
              (ctx, d, o) -> setRole(ctx.iam(), d, o.roleNames()))
          .build();

  public ApiInstanceProfileComponent() {
    super(REF, ApiInstanceComponent.GROUP, Lifecycle.DEFAULT, List.of(ApiRoleComponent.REF.ready()));
  }

  @Override
  public Desired desired(StackContext ctx) {
    String name = ApiRoleComponent.roleName(ctx);
    return new Desired(name, name);
  }

  @Override
  public Optional<InstanceProfileState> observe(StackContext ctx) {
    String name = ApiRoleComponent.roleName(ctx);
    return Ownership.findOwned(ctx.stack(), "instance profile " + name, Ownership.ownedPartOf(ctx.stack(),
        ctx.shared(), AccountRoles.listing(ctx.iam()), name(), name, role -> AccountRoles.profile(role, name),
        () -> ctx.iam().getInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile(),
        p -> Tags.fromIam(p.tags())), p -> Tags.fromIam(p.tags()),
        p -> ctx.ifLastReported(name(), p.arn()), p -> ctx.iam().tagInstanceProfile(r -> r.instanceProfileName(name)
            .tags(Tags.iam(ctx.ownershipTags(name(), name)))),
        ApiInstanceProfileComponent::state);
  }

  @Override
  protected FieldTable<Desired, InstanceProfileState, StackContext> fields() {
    return FIELDS;
  }

  /** The role is added after the profile exists: a crash in between leaves an empty profile the next pass fills. */
  @Override
  public InstanceProfileState create(Desired desired, StackContext ctx) {
    InstanceProfile profile = ctx.iam().createInstanceProfile(r -> r.instanceProfileName(desired.name())
        .tags(Tags.iam(ctx.ownershipTags(name(), desired.name())))).instanceProfile();
    setRole(ctx.iam(), desired, List.of());
    return new InstanceProfileState(profile.instanceProfileName(), profile.arn(), List.of(desired.roleName()));
  }

  @Override
  public InstanceProfileState update(Desired desired, InstanceProfileState observed, Diff diff, StackContext ctx) {
    FIELDS.apply(diff, ctx, desired, observed);
    return new InstanceProfileState(observed.name(), observed.arn(), List.of(desired.roleName()));
  }

  /** A profile holds at most one role: any other is taken out first. */
  private static void setRole(IamClient iam, Desired desired, List<String> current) {
    current.stream().filter(role -> !role.equals(desired.roleName())).forEach(role -> iam.removeRoleFromInstanceProfile(
        r -> r.instanceProfileName(desired.name()).roleName(role)));
    if (!current.contains(desired.roleName())) {
      try {
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName(desired.name()).roleName(desired.roleName()));
      } catch (LimitExceededException full) {
        // A profile holds one role: after a lost answer the retry finds ours already in it.
        if (!hasRole(iam, desired)) {
          throw full;
        }
      }
    }
  }

  private static boolean hasRole(IamClient iam, Desired desired) {
    return iam.getInstanceProfile(r -> r.instanceProfileName(desired.name())).instanceProfile().roles().stream()
        .anyMatch(role -> desired.roleName().equals(role.roleName()));
  }

  @Override
  public DeleteResult delete(InstanceProfileState observed, StackContext ctx) {
    IamClient iam = ctx.iam();
    observed.roleNames().forEach(role -> iam.removeRoleFromInstanceProfile(
        r -> r.instanceProfileName(observed.name()).roleName(role)));
    iam.deleteInstanceProfile(r -> r.instanceProfileName(observed.name()));
    return DeleteResult.gone("deleted " + observed.name());
  }

  @Override
  public String id(InstanceProfileState observed) {
    return observed.arn();
  }

  private static InstanceProfileState state(InstanceProfile profile) {
    return new InstanceProfileState(profile.instanceProfileName(), profile.arn(),
        profile.roles().stream().map(Role::roleName).toList());
  }
}
