package io.rockofages.components.database;

import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.StackException;
import io.rockofages.components.network.NetworkComponent;
import io.rockofages.components.network.NetworkState;
import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.Component;
import io.rockofages.engine.ComponentGroup;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.StackContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.DbSubnetGroupNotFoundException;
import software.amazon.awssdk.services.rds.model.Subnet;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * The DB subnet group: the "menu" of subnets RDS may use, one per availability zone of the VPC
 * (the first subnet of each zone by id), at least two zones.
 */
public final class SubnetGroupComponent implements Component<SubnetGroupComponent.Desired, SubnetGroupState> {
  public static final String NAME = "database-subnet-group";

  /** @param vpcId null while the network is not known (plans only) */
  public record Desired(String name, String vpcId, Set<String> subnetIds) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ComponentGroup group() {
    return ComponentGroup.DATABASE;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(NetworkComponent.NAME);
  }

  /** The database inside it would have to move: never done automatically. */
  @Override
  public boolean replaceable() {
    return false;
  }

  @Override
  public Optional<String> retainedOnDelete(StackContext ctx) {
    return DatabaseComponent.retention(ctx);
  }

  @Override
  public Desired desired(StackContext ctx) {
    String name = DatabaseNames.subnetGroupName(ctx.stack());
    return ctx.observedOf(NetworkComponent.NAME, NetworkState.class)
        .map(network -> new Desired(name, network.vpcId(), onePerZone(network)))
        .orElse(new Desired(name, null, Set.of(StackContext.KNOWN_AFTER_APPLY)));
  }

  static Set<String> onePerZone(NetworkState network) {
    Map<String, String> firstByZone = new TreeMap<>();
    network.subnets().stream().sorted(Comparator.comparing(NetworkState.Subnet::id))
        .forEach(s -> firstByZone.putIfAbsent(s.availabilityZone(), s.id()));
    if (firstByZone.size() < 2) {
      throw new StackException(ErrorKind.INVALID, network.vpcId() + " has subnets in " + firstByZone.size()
          + " availability zone(s) " + firstByZone.keySet() + "; a DB subnet group needs at least two");
    }
    return new TreeSet<>(firstByZone.values());
  }

  @Override
  public Optional<SubnetGroupState> observe(StackContext ctx) {
    String name = DatabaseNames.subnetGroupName(ctx.stack());
    try {
      DBSubnetGroup group = ctx.rds().describeDBSubnetGroups(r -> r.dbSubnetGroupName(name)).dbSubnetGroups().get(0);
      List<Tag> tags = ctx.rds().listTagsForResource(r -> r.resourceName(group.dbSubnetGroupArn())).tagList();
      Ownership.requireOwnedOrUnclaimed(ctx.stack(), name, DatabaseComponent.tagMap(tags));
      return Optional.of(new SubnetGroupState(group.dbSubnetGroupName(), group.dbSubnetGroupArn(), group.vpcId(),
          group.subnets().stream().map(Subnet::subnetIdentifier).collect(Collectors.toSet())));
    } catch (DbSubnetGroupNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public Diff diff(Desired desired, SubnetGroupState observed) {
    Diff.Builder diff = Diff.builder();
    if (desired.vpcId() != null) {
      diff.compare("vpcId", desired.vpcId(), observed.vpcId(), ChangeKind.REPLACE);
    }
    return diff.compare("subnets", new TreeSet<>(desired.subnetIds()), new TreeSet<>(observed.subnetIds()),
        ChangeKind.IN_PLACE).build();
  }

  @Override
  public Readiness readiness(SubnetGroupState observed) {
    return Readiness.ready();
  }

  @Override
  public SubnetGroupState create(Desired desired, StackContext ctx) {
    DBSubnetGroup group = ctx.rds().createDBSubnetGroup(r -> r.dbSubnetGroupName(desired.name())
        .dbSubnetGroupDescription("rockofages database subnets of " + ctx.stack()).subnetIds(desired.subnetIds())
        .tags(DatabaseComponent.rdsTags(ctx, NAME, desired.name()))).dbSubnetGroup();
    return new SubnetGroupState(group.dbSubnetGroupName(), group.dbSubnetGroupArn(), desired.vpcId(),
        desired.subnetIds());
  }

  @Override
  public SubnetGroupState update(Desired desired, SubnetGroupState observed, Diff diff, StackContext ctx) {
    ctx.rds().modifyDBSubnetGroup(r -> r.dbSubnetGroupName(observed.name()).subnetIds(desired.subnetIds()));
    return new SubnetGroupState(observed.name(), observed.arn(), observed.vpcId(), desired.subnetIds());
  }

  @Override
  public DeleteResult delete(SubnetGroupState observed, StackContext ctx) {
    ctx.rds().deleteDBSubnetGroup(r -> r.dbSubnetGroupName(observed.name()));
    return DeleteResult.gone("deleted " + observed.name());
  }

  @Override
  public String id(SubnetGroupState observed) {
    return observed.name();
  }
}
