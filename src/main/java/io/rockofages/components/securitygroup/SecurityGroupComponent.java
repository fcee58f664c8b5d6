package io.rockofages.components.securitygroup;

import io.rockofages.api.AdoptSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.aws.AwsErrors;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.Tags;
import io.rockofages.components.network.NetworkComponent;
import io.rockofages.components.network.NetworkState;
import io.rockofages.engine.Component;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Dependency;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable.Change;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Group;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * A security group owned by the stack whose ingress rules are exactly what the spec says: a rule
 * removed behind the operator's back is added back, an extra one is revoked. Egress stays AWS's
 * default (all outbound). Found by ownership tags, or by its deterministic name in the VPC.
 */
public final class SecurityGroupComponent extends Component<SecurityGroupComponent.Desired, SecurityGroupState>
    implements Component.Creatable<SecurityGroupComponent.Desired, SecurityGroupState>,
    Component.Updatable<SecurityGroupComponent.Desired, SecurityGroupState>, Component.Deletable<SecurityGroupState>,
    Component.Releasable {

  /** @param vpcId null while the network is not known yet (plans only) */
  public record Desired(String groupName, String description, String vpcId, Set<IngressRule> ingress) {}

  /**
   * What distinguishes one stack security group from another.
   *
   * @param ruleInputs components whose observed state the rules read, besides the network every group reads
   * @param retention why the group stays when the stack is deleted, if it does
   * @param adoptEntry the spec.adopt entry that names an existing group to take over
   */
  public record Spec(Ref<SecurityGroupState> ref, Group group, String nameSuffix, String purpose,
      List<Dependency<?>> ruleInputs, Function<StackContext, Set<IngressRule>> rules,
      Function<Desired, List<String>> advisories, Function<RockOfAgesSpec, Optional<String>> retention,
      Function<AdoptSpec, String> adoptEntry) {}

  /** Moving a stack to another VPC would mean deleting a group that instances still use: never replaced. */
  private static final FieldTable<Desired, SecurityGroupState, StackContext> FIELDS =
      FieldTable.<Desired, SecurityGroupState, StackContext>builder()
          .replaceWhen("vpcId", (desired, observed) -> desired.vpcId() == null
              || desired.vpcId().equals(observed.vpcId()) ? Optional.empty()
              : Change.replace(observed.vpcId(), desired.vpcId()))
          .custom("ingress", (desired, observed) -> desired.ingress().equals(observed.ingress()) ? Optional.empty()
              : Change.inPlace(describe(observed.ingress()), describe(desired.ingress())),
              SecurityGroupComponent::syncIngress)
          .build();

  private final Spec spec;

  public SecurityGroupComponent(Spec spec) {
    super(spec.ref(), spec.group(), Lifecycle.neverReplaced().keptWhen(spec.retention()),
        Stream.concat(Stream.of(NetworkComponent.REF.ready()), spec.ruleInputs().stream()).toList());
    this.spec = spec;
  }

  @Override
  public Desired desired(StackContext ctx) {
    String vpcId = ctx.observed(NetworkComponent.REF).map(NetworkState::vpcId).orElse(null);
    return new Desired(groupName(ctx), "rockofages " + spec.purpose() + " of " + ctx.stack(), vpcId,
        new TreeSet<>(spec.rules().apply(ctx)));
  }

  @Override
  public Optional<SecurityGroupState> observe(StackContext ctx) {
    Ec2Client ec2 = ctx.ec2();
    List<SecurityGroup> tagged = taggedGroups(ctx);
    if (!tagged.isEmpty()) {
      return Optional.of(state(tagged.get(0)));
    }
    // Our name in our VPC without our component tag: never taken over unless it carries the stack's tag.
    List<Filter> byName = new ArrayList<>(List.of(Filter.builder().name("group-name").values(groupName(ctx)).build()));
    ctx.observed(NetworkComponent.REF).map(NetworkState::vpcId)
        .ifPresent(vpcId -> byName.add(Filter.builder().name("vpc-id").values(vpcId).build()));
    List<SecurityGroup> named = ec2.describeSecurityGroups(r -> r.filters(byName)).securityGroups();
    if (named.isEmpty()) {
      named = knownById(ctx);
    }
    for (SecurityGroup group : named) {
      Ownership.requireOwned(ctx.stack(), "security group " + group.groupId() + " (" + group.groupName() + ")",
          Tags.fromEc2(group.tags()), ctx.ifLastReported(name(), group.groupId()), () -> ec2.createTags(r -> r
              .resources(group.groupId()).tags(Tags.ec2(ctx.ownershipTags(name(), group.groupName())))),
          () -> state(group));
    }
    return named.stream().findFirst().map(SecurityGroupComponent::state);
  }

  /** The API host's and the database's groups are one listing: whichever starts it, the other finds it read. */
  @Override
  public void readAhead(StackContext ctx) {
    ctx.shared().readAhead("every security group in " + ctx.region(), () -> taggedGroups(ctx));
  }

  /** The groups tagged as this stack's component (from the shared listing when the process shares one). */
  private List<SecurityGroup> taggedGroups(StackContext ctx) {
    return Ownership.ec2Owned(ctx.stack(), name(), "security-groups", ctx.region(), ctx.shared(), List.of(),
        filters -> ctx.ec2().describeSecurityGroupsPaginator(r -> r.filters(filters)).securityGroups().stream()
            .toList(), SecurityGroup::tags);
  }


  /** The group the stack last reported (or spec.adopt names), looked up by id: its name may be anyone's. */
  private List<SecurityGroup> knownById(StackContext ctx) {
    Optional<String> known = ctx.lastReported(name()).filter(id -> id.startsWith("sg-"));
    return known.flatMap(id -> AwsErrors.unlessNotFound(() -> ctx.ec2().describeSecurityGroups(r -> r.groupIds(id))
        .securityGroups())).orElse(List.of());
  }

  @Override
  public Optional<String> adoptedId(RockOfAgesSpec rockOfAges) {
    return rockOfAges.getAdopt().named(spec.adoptEntry());
  }

  @Override
  protected FieldTable<Desired, SecurityGroupState, StackContext> fields() {
    return FIELDS;
  }

  /** A kept group lets go of rules naming other groups of the stack, so those can be deleted. */
  @Override
  public void release(StackContext ctx) {
    observe(ctx).ifPresent(observed -> {
      Set<IngressRule> groupRules = new TreeSet<>();
      observed.ingress().stream().filter(r -> r.source() == IngressRule.Source.GROUP).forEach(groupRules::add);
      if (!groupRules.isEmpty()) {
        ctx.ec2().revokeSecurityGroupIngress(r -> r.groupId(observed.groupId())
            .ipPermissions(IngressRule.toPermissions(groupRules, observed.originalPermissions())));
      }
    });
  }

  @Override
  public SecurityGroupState create(Desired desired, StackContext ctx) {
    String groupId = ctx.ec2().createSecurityGroup(r -> r.groupName(desired.groupName())
        .description(desired.description()).vpcId(desired.vpcId())
        .tagSpecifications(Ownership.ec2TagSpec(ResourceType.SECURITY_GROUP,
            ctx.ownershipTags(name(), desired.groupName()))))
        .groupId();
    if (!desired.ingress().isEmpty()) {
      ctx.ec2().authorizeSecurityGroupIngress(r -> r.groupId(groupId)
          .ipPermissions(IngressRule.toPermissions(desired.ingress(), List.of())));
    }
    return new SecurityGroupState(groupId, desired.groupName(), desired.vpcId(), desired.ingress(), List.of());
  }

  @Override
  public SecurityGroupState update(Desired desired, SecurityGroupState observed, Diff diff, StackContext ctx) {
    FIELDS.apply(diff, ctx, desired, observed);
    return new SecurityGroupState(observed.groupId(), observed.groupName(), observed.vpcId(), desired.ingress(),
        List.of());
  }

  /** Revokes what the spec does not ask for, then adds what is missing. */
  private static void syncIngress(StackContext ctx, Desired desired, SecurityGroupState observed) {
    Set<IngressRule> missing = minus(desired.ingress(), observed.ingress());
    Set<IngressRule> extra = minus(observed.ingress(), desired.ingress());
    if (!extra.isEmpty()) {
      ctx.ec2().revokeSecurityGroupIngress(r -> r.groupId(observed.groupId())
          .ipPermissions(IngressRule.toPermissions(extra, observed.originalPermissions())));
    }
    if (!missing.isEmpty()) {
      ctx.ec2().authorizeSecurityGroupIngress(r -> r.groupId(observed.groupId())
          .ipPermissions(IngressRule.toPermissions(missing, List.of())));
    }
  }

  @Override
  public DeleteResult delete(SecurityGroupState observed, StackContext ctx) {
    try {
      ctx.ec2().deleteSecurityGroup(r -> r.groupId(observed.groupId()));
      return DeleteResult.gone("deleted " + observed.groupId());
    } catch (SdkException e) {
      if (AwsErrors.classify(e) == ErrorKind.RETRYABLE) {
        // DependencyViolation: an instance that used it is still shutting down.
        return DeleteResult.inProgress("still in use (" + AwsErrors.describe(e) + "); retrying");
      }
      throw e;
    }
  }

  @Override
  public String id(SecurityGroupState observed) {
    return observed.groupId();
  }

  @Override
  public List<String> warnings(Desired desired) {
    return spec.advisories().apply(desired);
  }

  private String groupName(StackContext ctx) {
    return ctx.stack().namePrefix(240) + "-" + spec.nameSuffix();
  }

  private static SecurityGroupState state(SecurityGroup group) {
    return new SecurityGroupState(group.groupId(), group.groupName(), group.vpcId(),
        IngressRule.fromPermissions(group.ipPermissions()), group.ipPermissions());
  }

  private static Set<IngressRule> minus(Set<IngressRule> rules, Set<IngressRule> without) {
    Set<IngressRule> rest = new TreeSet<>(rules);
    rest.removeAll(without);
    return rest;
  }

  private static String describe(Set<IngressRule> rules) {
    return rules.isEmpty() ? "(none)" : new TreeSet<>(rules).toString();
  }
}
