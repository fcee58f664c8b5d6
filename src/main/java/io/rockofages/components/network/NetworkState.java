package io.rockofages.components.network;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The VPC as observed: its internet gateway (if one is attached), where the main route table sends
 * 0.0.0.0/0, and its subnets.
 *
 * @param defaultRouteTarget the gateway id of the 0.0.0.0/0 route in the main table, null when absent
 * @param defaultRouteActive false when that route is a blackhole (its gateway is gone)
 * @param detachedGatewayId an internet gateway this stack created earlier but that is not attached
 */
public record NetworkState(String vpcId, String internetGatewayId, String mainRouteTableId,
    String defaultRouteTarget, boolean defaultRouteActive, List<Subnet> subnets, String detachedGatewayId) {

  /** One subnet of the VPC. */
  public record Subnet(String id, String availabilityZone, boolean defaultForAz, boolean mapPublicIpOnLaunch) {
    public boolean isPublic() {
      return defaultForAz || mapPublicIpOnLaunch;
    }
  }

  public NetworkState {
    subnets = List.copyOf(subnets);
  }

  /** The subnet the API host goes in when the spec names none: public, first by zone then id. */
  public Optional<Subnet> defaultApiSubnet() {
    return subnets.stream().filter(Subnet::isPublic)
        .min(Comparator.comparing(Subnet::availabilityZone).thenComparing(Subnet::id));
  }

  public Optional<Subnet> subnet(String id) {
    return subnets.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public boolean routesToInternet() {
    return internetGatewayId != null && internetGatewayId.equals(defaultRouteTarget) && defaultRouteActive;
  }
}
