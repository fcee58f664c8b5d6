package io.rockofages.components.database;

import io.rockofages.api.AdoptSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Inventory;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.SharedReads;
import io.rockofages.aws.StackException;
import io.rockofages.aws.Tags;
import io.rockofages.components.network.NetworkComponent;
import io.rockofages.components.network.NetworkState;
import io.rockofages.engine.Component;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable.Change;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.model.DBSubnetGroup;
import software.amazon.awssdk.services.rds.model.Subnet;

/**
 * The DB subnet group: the "menu" of subnets RDS may use, one per availability zone of the VPC
 * (the first subnet of each zone by id), at least two zones.
 */
public final class SubnetGroupComponent extends Component<SubnetGroupComponent.Desired, SubnetGroupState>
    implements Component.Creatable<SubnetGroupComponent.Desired, SubnetGroupState>,
    Component.Updatable<SubnetGroupComponent.Desired, SubnetGroupState>, Component.Deletable<SubnetGroupState> {
  public static final Ref<SubnetGroupState> REF = Ref.of("database-subnet-group", SubnetGroupState.class);

  /** @param vpcId null while the network is not known (plans only) */
  public record Desired(String name, String vpcId, Set<String> subnetIds) {}

  private static final FieldTable<Desired, SubnetGroupState, StackContext> FIELDS =
      FieldTable.<Desired, SubnetGroupState, StackContext>builder()
          .replaceWhen("vpcId", (desired, observed) -> desired.vpcId() == null
              || desired.vpcId().equals(observed.vpcId()) ? Optional.empty()
              : Change.replace(observed.vpcId(), desired.vpcId()))
          .inPlace("subnets", d -> new TreeSet<>(d.subnetIds()), o -> new TreeSet<>(o.subnetIds()),
              (ctx, desired, observed) -> ctx.rds().modifyDBSubnetGroup(r -> r.dbSubnetGroupName(observed.name())
                  .subnetIds(desired.subnetIds())))
          .build();

  /** The database inside it would have to move: never replaced automatically. */
  public SubnetGroupComponent() {
    super(REF, DatabaseComponent.GROUP, Lifecycle.neverReplaced().keptWhen(DatabaseComponent::retention),
        List.of(NetworkComponent.REF.ready()));
  }

  @Override
  public Desired desired(StackContext ctx) {
    String name = DatabaseNames.subnetGroupName(ctx.stack(), ctx.spec());
    return ctx.observed(NetworkComponent.REF)
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
  public void readAhead(StackContext ctx) {
    ctx.shared().readAhead(everySubnetGroup(ctx));
    ctx.readTagsAheadIfReported(everyStacksTags(ctx));
  }

  /** Every subnet group of the region by name, from one listing all stacks share while it is fresh. */
  private SharedReads.Every<DBSubnetGroup> everySubnetGroup(StackContext ctx) {
    return new SharedReads.Every<>(name(), ctx.region(),
        () -> ctx.rds().describeDBSubnetGroupsPaginator(r -> { }).dbSubnetGroups().stream().toList(),
        SubnetGroupComponent::lowerCaseName, SharedReads.Watch.none());
  }

  /** Subnet group names are kept in lower case too. */
  private static String lowerCaseName(DBSubnetGroup group) {
    return group.dbSubnetGroupName().toLowerCase(Locale.ROOT);
  }

  private static SharedReads.Listing<Map<String, String>> everyStacksTags(StackContext ctx) {
    return Inventory.tagsByArn("rds", ctx.tagging(), "in " + ctx.region());
  }

  @Override
  public Optional<SubnetGroupState> observe(StackContext ctx) {
    String name = DatabaseNames.subnetGroupName(ctx.stack(), ctx.spec());
    return Ownership.findOwned(ctx.stack(), "DB subnet group " + name, () -> ctx.ownReads().oneOf(everySubnetGroup(ctx),
        name.toLowerCase(Locale.ROOT),
        () -> Optional.of(ctx.rds().describeDBSubnetGroups(r -> r.dbSubnetGroupName(name)).dbSubnetGroups().get(0))),
        group -> Ownership.confirmedTags(ctx.stack(), ctx.shared(), everyStacksTags(ctx), name(),
            group.dbSubnetGroupArn(), ctx.inStatus(name(), group.dbSubnetGroupName()),
            () -> Tags.fromRds(ctx.rds().listTagsForResource(r -> r.resourceName(group.dbSubnetGroupArn())).tagList())),
        group -> ctx.ifLastReported(name(), group.dbSubnetGroupName()),
        group -> ctx.rds().addTagsToResource(r -> r.resourceName(group.dbSubnetGroupArn())
            .tags(Tags.rds(ctx.ownershipTags(name(), name)))),
        group -> new SubnetGroupState(group.dbSubnetGroupName(), group.dbSubnetGroupArn(), group.vpcId(),
            group.subnets().stream().map(Subnet::subnetIdentifier).collect(Collectors.toSet())));
  }

  @Override
  public Optional<String> adoptedId(RockOfAgesSpec spec) {
    return spec.getAdopt().named(AdoptSpec::getDbSubnetGroupName);
  }

  @Override
  protected FieldTable<Desired, SubnetGroupState, StackContext> fields() {
    return FIELDS;
  }

  @Override
  public SubnetGroupState create(Desired desired, StackContext ctx) {
    DBSubnetGroup group = ctx.rds().createDBSubnetGroup(r -> r.dbSubnetGroupName(desired.name())
        .dbSubnetGroupDescription("rockofages database subnets of " + ctx.stack()).subnetIds(desired.subnetIds())
        .tags(Tags.rds(ctx.ownershipTags(name(), desired.name())))).dbSubnetGroup();
    return new SubnetGroupState(group.dbSubnetGroupName(), group.dbSubnetGroupArn(), desired.vpcId(),
        desired.subnetIds());
  }

  @Override
  public SubnetGroupState update(Desired desired, SubnetGroupState observed, Diff diff, StackContext ctx) {
    FIELDS.apply(diff, ctx, desired, observed);
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
