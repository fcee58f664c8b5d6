package io.rockofages.components.network;

import static io.rockofages.api.Text.blankToNull;

import io.rockofages.api.Conditions;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.StackException;
import io.rockofages.engine.Component;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable.Change;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Group;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The VPC the stack lives in. The VPC and its subnets are observed, never created; an internet
 * gateway and the main route table's 0.0.0.0/0 route to it are added when missing (the seed's
 * "door to the internet"). These pieces are shared by everything in the VPC: repaired, never deleted,
 * and a default route that points somewhere else is reported, not overwritten.
 */
public final class NetworkComponent extends Component<NetworkComponent.Desired, NetworkState>
    implements Component.Updatable<NetworkComponent.Desired, NetworkState> {
  public static final Ref<NetworkState> REF = Ref.of("network", NetworkState.class);
  public static final Group GROUP = new Group(Conditions.NETWORK_READY);
  public static final String ANYWHERE = "0.0.0.0/0";

  /** @param vpcId the VPC asked for, or null for the region's default VPC */
  public record Desired(String vpcId) {}

  /** What one repair does, in this order: attach a gateway, then point the default route at it. */
  private static final class Repair {
    boolean attachGateway;
    boolean routeToGateway;
  }

  private static final FieldTable<Desired, NetworkState, Repair> FIELDS = FieldTable.<Desired, NetworkState, Repair>builder()
      .custom("internetGateway", (desired, observed) -> observed.internetGatewayId() != null ? Optional.empty()
          : Change.inPlace(null, "attached to " + observed.vpcId()), (repair, desired, observed) -> repair.attachGateway = true)
      .custom("mainRouteTable " + ANYWHERE, (desired, observed) -> observed.routesToInternet() || !routeIsOurs(observed)
          ? Optional.empty() : Change.inPlace(routeDescription(observed), "internet gateway"),
          (repair, desired, observed) -> repair.routeToGateway = true)
      .build();

  public NetworkComponent() {
    super(REF, GROUP, Lifecycle.shared("shared network infrastructure is never deleted"), List.of());
  }

  @Override
  public Desired desired(StackContext ctx) {
    return new Desired(blankToNull(ctx.spec().getNetwork().getVpcId()));
  }

  @Override
  public Optional<NetworkState> observe(StackContext ctx) {
    Ec2Client ec2 = ctx.ec2();
    Vpc vpc = findVpc(ec2, desired(ctx).vpcId(), ctx.region());
    List<InternetGateway> attached = ec2.describeInternetGateways(r -> r.filters(
        filter("attachment.vpc-id", vpc.vpcId()))).internetGateways();
    String gatewayId = attached.isEmpty() ? null : attached.get(0).internetGatewayId();
    RouteTable main = ec2.describeRouteTables(r -> r.filters(filter("vpc-id", vpc.vpcId()),
        filter("association.main", "true"))).routeTables().stream().findFirst()
        .orElseThrow(() -> new StackException(ErrorKind.INVALID, vpc.vpcId() + " has no main route table"));
    Optional<Route> defaultRoute = main.routes().stream()
        .filter(r -> ANYWHERE.equals(r.destinationCidrBlock())).findFirst();
    List<NetworkState.Subnet> subnets = ec2.describeSubnets(r -> r.filters(filter("vpc-id", vpc.vpcId())))
        .subnets().stream()
        .map(s -> new NetworkState.Subnet(s.subnetId(), s.availabilityZone(), Boolean.TRUE.equals(s.defaultForAz()),
            Boolean.TRUE.equals(s.mapPublicIpOnLaunch())))
        .toList();
    return Optional.of(new NetworkState(vpc.vpcId(), gatewayId, main.routeTableId(),
        defaultRoute.map(NetworkComponent::routeTarget).orElse(null),
        defaultRoute.map(r -> r.state() != RouteState.BLACKHOLE).orElse(false),
        subnets, gatewayId == null ? findDetachedGateway(ctx) : null));
  }

  @Override
  protected FieldTable<Desired, NetworkState, Repair> fields() {
    return FIELDS;
  }

  @Override
  public Readiness readiness(NetworkState observed) {
    if (observed.routesToInternet()) {
      return Readiness.ready();
    }
    if (!routeIsOurs(observed)) {
      return Readiness.failed("the main route table of " + observed.vpcId() + " sends " + ANYWHERE + " to "
          + observed.defaultRouteTarget() + ", not to an internet gateway; rockofages leaves it alone: "
          + "route it to the internet gateway or choose another VPC");
    }
    return Readiness.progressing("internet route not in place yet");
  }

  /** Repairs what the diff found; a gateway an interrupted earlier pass created is reused, so a crash never leaves two. */
  @Override
  public NetworkState update(Desired desired, NetworkState observed, Diff diff, StackContext ctx) {
    Repair repair = FIELDS.apply(diff, new Repair(), desired, observed);
    Ec2Client ec2 = ctx.ec2();
    String gatewayId = observed.internetGatewayId();
    if (repair.attachGateway) {
      gatewayId = observed.detachedGatewayId() != null ? observed.detachedGatewayId()
          : ec2.createInternetGateway(r -> r.tagSpecifications(Ownership.ec2TagSpec(ResourceType.INTERNET_GATEWAY,
              Ownership.tags(ctx.stack(), name(), ctx.stack().namePrefix(200) + "-igw"))))
              .internetGateway().internetGatewayId();
      String id = gatewayId;
      ec2.attachInternetGateway(r -> r.internetGatewayId(id).vpcId(observed.vpcId()));
    }
    String target = gatewayId;
    if (repair.routeToGateway && observed.defaultRouteTarget() == null) {
      ec2.createRoute(r -> r.routeTableId(observed.mainRouteTableId()).destinationCidrBlock(ANYWHERE)
          .gatewayId(target));
    } else if (repair.routeToGateway) {
      ec2.replaceRoute(r -> r.routeTableId(observed.mainRouteTableId()).destinationCidrBlock(ANYWHERE)
          .gatewayId(target));
    }
    return observe(ctx).orElseThrow();
  }

  @Override
  public String id(NetworkState observed) {
    return observed.internetGatewayId() == null ? observed.vpcId()
        : observed.vpcId() + "/" + observed.internetGatewayId();
  }

  /** A route we may add or repair: absent, a blackhole, or already to an internet gateway. */
  private static boolean routeIsOurs(NetworkState observed) {
    String target = observed.defaultRouteTarget();
    return target == null || !observed.defaultRouteActive() || target.startsWith("igw-");
  }

  private static Vpc findVpc(Ec2Client ec2, String vpcId, String region) {
    List<Vpc> vpcs = vpcId == null
        ? ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs()
        : ec2.describeVpcs(r -> r.filters(filter("vpc-id", vpcId))).vpcs();
    if (vpcs.isEmpty()) {
      throw new StackException(ErrorKind.INVALID, vpcId == null
          ? "region " + region + " has no default VPC: set spec.network.vpcId"
          : "VPC " + vpcId + " does not exist in " + region + " (spec.network.vpcId)");
    }
    return vpcs.get(0);
  }

  private static String routeDescription(NetworkState observed) {
    return observed.defaultRouteTarget() == null ? null
        : observed.defaultRouteTarget() + (observed.defaultRouteActive() ? "" : " (blackhole)");
  }

  private static String findDetachedGateway(StackContext ctx) {
    return ctx.ec2().describeInternetGateways(r -> r.filters(Ownership.ec2Filters(ctx.stack(), REF.name())))
        .internetGateways()
        .stream().filter(g -> g.attachments().isEmpty()).map(InternetGateway::internetGatewayId).findFirst()
        .orElse(null);
  }

  private static String routeTarget(Route route) {
    for (String target : new String[] {route.gatewayId(), route.natGatewayId(), route.transitGatewayId(),
        route.networkInterfaceId(), route.vpcPeeringConnectionId(), route.instanceId()}) {
      if (target != null) {
        return target;
      }
    }
    return "unknown";
  }

  static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }
}
