package io.rockofages.components.network;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The VPC as observed: the internet gateways attached to it, where the main route table sends
 * 0.0.0.0/0, and its subnets.
 *
 * @param attachedGatewayIds the internet gateways attached to the VPC, sorted (AWS allows one; emulators more)
 * @param ourGatewayIds gateways rockofages made for this VPC (tagged as the VPC's), attached or not
 * @param defaultRouteTarget the target of the 0.0.0.0/0 route in the main table, null when absent
 * @param defaultRouteActive false when that route is a blackhole (its gateway is gone)
 * @param detachedGatewayId a gateway rockofages made for this VPC that is not attached (an interrupted repair)
 */
public record NetworkState(String vpcId, List<String> attachedGatewayIds, Set<String> ourGatewayIds,
    String mainRouteTableId, String defaultRouteTarget, boolean defaultRouteActive, List<Subnet> subnets,
    String detachedGatewayId) {

  /** One subnet of the VPC. */
  public record Subnet(String id, String availabilityZone, boolean defaultForAz, boolean mapPublicIpOnLaunch) {
    public boolean isPublic() {
      return defaultForAz || mapPublicIpOnLaunch;
    }
  }

  public NetworkState {
    attachedGatewayIds = attachedGatewayIds.stream().sorted().toList();
    ourGatewayIds = Set.copyOf(ourGatewayIds);
    subnets = List.copyOf(subnets);
  }

  /**
   * The gateway the VPC uses: the one its default route goes to, else (before any route) the
   * lowest id attached, so that every process racing to repair the VPC settles on the same one.
   */
  public String internetGatewayId() {
    if (routesToInternet()) {
      return defaultRouteTarget;
    }
    return attachedGatewayIds.isEmpty() ? null : attachedGatewayIds.get(0);
  }

  /** Gateways of ours attached beside the one in use: left by a race, to detach and delete. */
  public List<String> extraGatewayIds() {
    String inUse = internetGatewayId();
    return attachedGatewayIds.stream().filter(ourGatewayIds::contains).filter(id -> !id.equals(inUse)).toList();
  }

  /** The subnet the API host goes in when the spec names none: public, first by zone then id. */
  public Optional<Subnet> defaultApiSubnet() {
    return subnets.stream().filter(Subnet::isPublic)
        .min(Comparator.comparing(Subnet::availabilityZone).thenComparing(Subnet::id));
  }

  public Optional<Subnet> subnet(String id) {
    return subnets.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The default route is active and goes to a gateway attached to the VPC (whichever made it). */
  public boolean routesToInternet() {
    return defaultRouteActive && attachedGatewayIds.contains(defaultRouteTarget);
  }
}
