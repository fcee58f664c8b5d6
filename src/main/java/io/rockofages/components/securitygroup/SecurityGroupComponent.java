package io.rockofages.components.securitygroup;

import io.rockofages.aws.AwsErrors;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.components.network.NetworkComponent;
import io.rockofages.components.network.NetworkState;
import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.Component;
import io.rockofages.engine.ComponentGroup;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldChange;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.StackContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
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
public final class SecurityGroupComponent implements Component<SecurityGroupComponent.Desired, SecurityGroupState> {

  /** @param vpcId null while the network is not known yet (plans only) */
  public record Desired(String groupName, String description, String vpcId, Set<IngressRule> ingress) {}

  /**
   * What distinguishes one stack security group from another.
   *
   * @param dependsOn components whose observed state the rules read (the network always)
   * @param retention why the group stays when the stack is deleted, if it does
   */
  public record Spec(String name, ComponentGroup group, String nameSuffix, String purpose, List<String> dependsOn,
      Function<StackContext, Set<IngressRule>> rules, Function<Desired, List<String>> advisories,
      Function<StackContext, Optional<String>> retention) {}

  private final Spec spec;

  public SecurityGroupComponent(Spec spec) {
    this.spec = spec;
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public ComponentGroup group() {
    return spec.group();
  }

  @Override
  public List<String> dependsOn() {
    return spec.dependsOn();
  }

  /** Moving a stack to another VPC would mean deleting a group that instances still use. */
  @Override
  public boolean replaceable() {
    return false;
  }

  @Override
  public Desired desired(StackContext ctx) {
    String vpcId = ctx.observedOf(NetworkComponent.NAME, NetworkState.class).map(NetworkState::vpcId).orElse(null);
    return new Desired(groupName(ctx), "rockofages " + spec.purpose() + " of " + ctx.stack(), vpcId,
        new TreeSet<>(spec.rules().apply(ctx)));
  }

  @Override
  public Optional<SecurityGroupState> observe(StackContext ctx) {
    Ec2Client ec2 = ctx.ec2();
    List<SecurityGroup> tagged = ec2.describeSecurityGroups(r -> r.filters(Ownership.ec2Filters(ctx.stack(), name())))
        .securityGroups();
    if (!tagged.isEmpty()) {
      return Optional.of(state(tagged.get(0)));
    }
    // Same name, no (or other) tags: someone else's group squatting on our name, or ours with tags stripped.
    List<SecurityGroup> named = ec2.describeSecurityGroups(r -> r.filters(
        Filter.builder().name("group-name").values(groupName(ctx)).build())).securityGroups();
    for (SecurityGroup group : named) {
      Ownership.requireOwnedOrUnclaimed(ctx.stack(), group.groupId(), Ownership.ec2TagMap(group.tags()));
    }
    return named.stream().findFirst().map(SecurityGroupComponent::state);
  }

  @Override
  public Diff diff(Desired desired, SecurityGroupState observed) {
    Diff.Builder diff = Diff.builder();
    if (desired.vpcId() != null) {
      diff.compare("vpcId", desired.vpcId(), observed.vpcId(), ChangeKind.REPLACE);
    }
    Set<IngressRule> missing = minus(desired.ingress(), observed.ingress());
    Set<IngressRule> extra = minus(observed.ingress(), desired.ingress());
    if (!missing.isEmpty() || !extra.isEmpty()) {
      diff.add(new FieldChange("ingress", describe(observed.ingress()), describe(desired.ingress()),
          ChangeKind.IN_PLACE));
    }
    return diff.build();
  }

  @Override
  public Optional<String> retainedOnDelete(StackContext ctx) {
    return spec.retention().apply(ctx);
  }

  /** A kept group lets go of rules naming other groups of the stack, so those can be deleted. */
  @Override
  public void release(StackContext ctx) {
    observe(ctx).ifPresent(observed -> {
      Set<IngressRule> groupRules = new TreeSet<>();
      observed.ingress().stream().filter(r -> r.sourceGroupId() != null).forEach(groupRules::add);
      if (!groupRules.isEmpty()) {
        ctx.ec2().revokeSecurityGroupIngress(r -> r.groupId(observed.groupId())
            .ipPermissions(IngressRule.toPermissions(groupRules, observed.originalPermissions())));
      }
    });
  }

  @Override
  public Readiness readiness(SecurityGroupState observed) {
    return Readiness.ready();
  }

  @Override
  public SecurityGroupState create(Desired desired, StackContext ctx) {
    String groupId = ctx.ec2().createSecurityGroup(r -> r.groupName(desired.groupName())
        .description(desired.description()).vpcId(desired.vpcId())
        .tagSpecifications(Ownership.ec2TagSpec(ResourceType.SECURITY_GROUP,
            Ownership.tags(ctx.stack(), name(), desired.groupName()))))
        .groupId();
    if (!desired.ingress().isEmpty()) {
      ctx.ec2().authorizeSecurityGroupIngress(r -> r.groupId(groupId)
          .ipPermissions(IngressRule.toPermissions(desired.ingress(), List.of())));
    }
    return new SecurityGroupState(groupId, desired.groupName(), desired.vpcId(), desired.ingress(), List.of());
  }

  @Override
  public SecurityGroupState update(Desired desired, SecurityGroupState observed, Diff diff, StackContext ctx) {
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
    return new SecurityGroupState(observed.groupId(), observed.groupName(), observed.vpcId(), desired.ingress(),
        List.of());
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
