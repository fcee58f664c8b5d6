package io.rockofages.components.network;

import static io.rockofages.api.Text.blankToNull;

import io.rockofages.api.Conditions;
import io.rockofages.aws.AwsErrors;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.SingleAttempt;
import io.rockofages.aws.StackException;
import io.rockofages.aws.Tags;
import io.rockofages.engine.Component;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable.Change;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Group;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
 * "door to the internet"). These pieces are shared by every stack in the VPC: repaired, never
 * deleted, and a default route that points somewhere else is reported, not overwritten.
 *
 * <p>Many stacks repair one VPC at once. In one process the repair takes a lock per VPC and looks
 * again before acting, so the first stack makes the gateway and the rest find it. Across processes,
 * the gateway rockofages makes is the VPC's (tagged with the VPC, not a stack), a detached one of
 * ours is reused before a new one is made, and after attaching every process settles on the same
 * gateway: the one the default route goes to, or before any route the lowest id; a process whose
 * own gateway lost detaches and deletes it, and a gateway that could not be attached is deleted.
 */
public final class NetworkComponent extends Component<NetworkComponent.Desired, NetworkState>
    implements Component.Updatable<NetworkComponent.Desired, NetworkState> {
  public static final Ref<NetworkState> REF = Ref.of("network", NetworkState.class);
  public static final Group GROUP = new Group(Conditions.NETWORK_READY);
  public static final String ANYWHERE = "0.0.0.0/0";
  private static final ConcurrentMap<String, Object> VPC_LOCKS = new ConcurrentHashMap<>();
  private static final Logger LOG = LoggerFactory.getLogger(NetworkComponent.class);

  /** @param vpcId the VPC asked for, or null for the region's default VPC */
  public record Desired(String vpcId) {}

  /** What one repair does, in this order: attach a gateway, route to it, remove our extra ones. */
  private static final class Repair {
    boolean attachGateway;
    boolean routeToGateway;
    boolean removeExtraGateways;
  }

  private static final FieldTable<Desired, NetworkState, Repair> FIELDS = FieldTable.<Desired, NetworkState, Repair>builder()
      .custom("internetGateway", (desired, observed) -> !observed.attachedGatewayIds().isEmpty() ? Optional.empty()
          : Change.inPlace(null, "attached to " + observed.vpcId()), (repair, desired, observed) -> repair.attachGateway = true)
      .custom("mainRouteTable " + ANYWHERE, (desired, observed) -> observed.routesToInternet() || !routeIsOurs(observed)
          ? Optional.empty() : Change.inPlace(routeDescription(observed), "internet gateway"),
          (repair, desired, observed) -> repair.routeToGateway = true)
      .custom("extraInternetGateways", (desired, observed) -> !observed.routesToInternet()
          || observed.extraGatewayIds().isEmpty() ? Optional.empty() : Change.inPlace(observed.extraGatewayIds(), null),
          (repair, desired, observed) -> repair.removeExtraGateways = true)
      .build();

  public NetworkComponent() {
    super(REF, GROUP, Lifecycle.shared("shared network infrastructure is never deleted"), List.of());
  }

  @Override
  public Desired desired(StackContext ctx) {
    return new Desired(blankToNull(ctx.spec().getNetwork().getVpcId()));
  }

  /**
   * One observation per VPC a round (the resync), shared by the stacks of the process: the network
   * is the same for all of them, four reads a stack would add up over hundreds of stacks, and it
   * seldom drifts (a removed route shows within two resyncs at most).
   */
  @Override
  public Optional<NetworkState> observe(StackContext ctx) {
    return Optional.of(ctx.shared().perRound(name(), scope(ctx), () -> read(ctx)));
  }

  @Override
  public void readAhead(StackContext ctx) {
    ctx.shared().readAhead("the network " + scope(ctx), () -> observe(ctx));
  }

  private String scope(StackContext ctx) {
    return "of " + Optional.ofNullable(desired(ctx).vpcId()).orElse("the default VPC") + " in " + ctx.region();
  }

  private NetworkState read(StackContext ctx) {
    Ec2Client ec2 = ctx.ec2();
    Vpc vpc = findVpc(ec2, desired(ctx).vpcId(), ctx.region());
    List<InternetGateway> attached = ec2.describeInternetGateways(r -> r.filters(
        filter("attachment.vpc-id", vpc.vpcId()))).internetGateways();
    List<InternetGateway> ours = new ArrayList<>(attached.stream().filter(g -> isOurs(g, vpc.vpcId())).toList());
    String detached = null;
    if (attached.isEmpty()) {
      // Only then can a gateway of an interrupted repair be waiting: one call fewer on a healthy VPC.
      List<InternetGateway> tagged = ec2.describeInternetGateways(r -> r.filters(filter("tag:" + Ownership.VPC_TAG,
          vpc.vpcId()))).internetGateways();
      ours.addAll(tagged);
      detached = tagged.stream().filter(g -> g.attachments().isEmpty()).map(InternetGateway::internetGatewayId)
          .sorted().findFirst().orElse(null);
    }
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
    return new NetworkState(vpc.vpcId(), attached.stream().map(InternetGateway::internetGatewayId).toList(),
        ours.stream().map(InternetGateway::internetGatewayId).collect(Collectors.toSet()), main.routeTableId(),
        defaultRoute.map(NetworkComponent::routeTarget).orElse(null),
        defaultRoute.map(r -> r.state() != RouteState.BLACKHOLE).orElse(false), subnets, detached);
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

  /**
   * Repairs what is still missing once this process holds the VPC's lock: another stack may have
   * repaired it meanwhile, so the VPC is looked at again first.
   */
  @Override
  public NetworkState update(Desired desired, NetworkState observed, Diff diff, StackContext ctx) {
    synchronized (VPC_LOCKS.computeIfAbsent(observed.vpcId(), vpc -> new Object())) {
      NetworkState fresh = read(ctx);
      Repair repair = FIELDS.apply(FIELDS.diff(desired, fresh), new Repair(), desired, fresh);
      String gateway = repair.attachGateway ? attachGateway(ctx, fresh) : fresh.internetGatewayId();
      if (repair.routeToGateway || repair.attachGateway) {
        routeTo(ctx, fresh, gateway);
      }
      if (repair.removeExtraGateways) {
        fresh.extraGatewayIds().forEach(extra -> detachAndDelete(ctx.ec2(), extra, fresh.vpcId()));
      }
      return read(ctx);
    }
  }

  /**
   * Attaches a gateway of ours (a waiting one, else a new one) and returns the gateway the VPC
   * settles on, which may be another process's: then ours is detached and deleted again.
   */
  private String attachGateway(StackContext ctx, NetworkState fresh) {
    Ec2Client ec2 = ctx.ec2();
    String vpcId = fresh.vpcId();
    String ours = fresh.detachedGatewayId() != null ? fresh.detachedGatewayId()
        : ec2.createInternetGateway(r -> r.overrideConfiguration(o -> o.addPlugin(SingleAttempt.PLUGIN))
            .tagSpecifications(Ownership.ec2TagSpec(ResourceType.INTERNET_GATEWAY,
            Map.of(Ownership.VPC_TAG, vpcId, Ownership.COMPONENT_TAG, name(), Ownership.NAME_TAG,
                "rockofages-" + vpcId + "-igw")))).internetGateway().internetGatewayId();
    try {
      ec2.attachInternetGateway(r -> r.internetGatewayId(ours).vpcId(vpcId));
    } catch (AwsServiceException e) {
      // Another process attached first (AWS takes one per VPC), or the attach went through and its answer was lost.
      if (!attachedTo(ec2, ours, vpcId)) {
        deleteQuietly(ec2, ours);
      }
    }
    NetworkState now = read(ctx); // not the shared observation: it predates the attach
    String settled = now.internetGatewayId();
    if (settled == null) {
      throw new StackException(ErrorKind.RETRYABLE, "no internet gateway attached to " + vpcId + " yet");
    }
    if (!settled.equals(ours) && now.attachedGatewayIds().contains(ours)) {
      detachAndDelete(ec2, ours, vpcId);
    }
    return settled;
  }

  /** Points the default route at the gateway; a route another process made meanwhile is left as it is. */
  private static void routeTo(StackContext ctx, NetworkState fresh, String gateway) {
    Ec2Client ec2 = ctx.ec2();
    if (fresh.routesToInternet()) {
      return;
    }
    try {
      if (fresh.defaultRouteTarget() == null) {
        ec2.createRoute(r -> r.routeTableId(fresh.mainRouteTableId()).destinationCidrBlock(ANYWHERE).gatewayId(gateway));
      } else {
        ec2.replaceRoute(r -> r.routeTableId(fresh.mainRouteTableId()).destinationCidrBlock(ANYWHERE)
            .gatewayId(gateway));
      }
    } catch (AwsServiceException e) {
      if (!"RouteAlreadyExists".equals(AwsErrors.errorCode(e))) {
        throw e;
      }
      // Another process routed first: its gateway is the VPC's now; ours, if attached, is an extra for later.
    }
  }

  private static boolean attachedTo(Ec2Client ec2, String gatewayId, String vpcId) {
    return ec2.describeInternetGateways(r -> r.internetGatewayIds(gatewayId)).internetGateways().stream()
        .flatMap(g -> g.attachments().stream()).anyMatch(a -> vpcId.equals(a.vpcId()));
  }

  /** Another process may be removing the same extra gateway: already detached or gone is done. */
  private static void detachAndDelete(Ec2Client ec2, String gatewayId, String vpcId) {
    try {
      ec2.detachInternetGateway(r -> r.internetGatewayId(gatewayId).vpcId(vpcId));
    } catch (AwsServiceException e) {
      if (!"Gateway.NotAttached".equals(AwsErrors.errorCode(e)) && !AwsErrors.isNotFound(e)) {
        throw e;
      }
    }
    deleteQuietly(ec2, gatewayId);
  }

  /** Best effort: a gateway left behind is found again as detached, reused or cleaned up later. */
  private static void deleteQuietly(Ec2Client ec2, String gatewayId) {
    try {
      ec2.deleteInternetGateway(r -> r.internetGatewayId(gatewayId));
    } catch (AwsServiceException e) {
      if (!AwsErrors.isNotFound(e)) {
        LOG.warn("internet gateway {} not deleted yet: {}", gatewayId, AwsErrors.describe(e));
      }
    }
  }

  /** Made by rockofages for this VPC (tagged as the VPC's), or by an earlier version for a stack. */
  private static boolean isOurs(InternetGateway gateway, String vpcId) {
    Map<String, String> tags = Tags.fromEc2(gateway.tags());
    return vpcId.equals(tags.get(Ownership.VPC_TAG)) || REF.name().equals(tags.get(Ownership.COMPONENT_TAG));
  }

  @Override
  public String id(NetworkState observed) {
    return observed.internetGatewayId() == null ? observed.vpcId()
        : observed.vpcId() + "/" + observed.internetGatewayId();
  }

  /** A route we may add or repair: absent, a blackhole, or to an internet gateway not attached here. */
  private static boolean routeIsOurs(NetworkState observed) {
    String target = observed.defaultRouteTarget();
    return target == null || !observed.defaultRouteActive() || target.startsWith("igw-");
  }

  private static String routeDescription(NetworkState observed) {
    return observed.defaultRouteTarget() == null ? null
        : observed.defaultRouteTarget() + (observed.defaultRouteActive() ? "" : " (blackhole)");
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
