package io.rockofages.components.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.engine.FieldChange;
import io.rockofages.engine.Readiness;
import io.rockofages.testing.Specs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkComponentTest {
  private final NetworkComponent component = new NetworkComponent();
  private final NetworkComponent.Desired desired = new NetworkComponent.Desired(null);
  private static final List<NetworkState.Subnet> SUBNETS = List.of(
      new NetworkState.Subnet("subnet-1", "us-east-1a", true, true));

  private static NetworkState state(String gateway, String routeTarget, boolean active) {
    return new NetworkState("vpc-1", gateway == null ? List.of() : List.of(gateway), Set.of(), "rtb-1", routeTarget,
        active, SUBNETS, null);
  }

  @Test
  void healthyVpcIsReadyWithNoChanges() {
    NetworkState healthy = state("igw-1", "igw-1", true);
    assertTrue(component.diff(desired, healthy).isEmpty());
    assertTrue(component.readiness(healthy).isReady());
  }

  @Test
  void missingGatewayAndRouteAreAdded() {
    NetworkState bare = state(null, null, false);
    assertEquals(List.of("internetGateway", "mainRouteTable 0.0.0.0/0"),
        component.diff(desired, bare).changes().stream().map(FieldChange::field).toList());
    assertEquals(Readiness.State.PROGRESSING, component.readiness(bare).state());
  }

  @Test
  void blackholeRouteIsRepaired() {
    NetworkState blackhole = state("igw-2", "igw-1", false);
    assertEquals(List.of("mainRouteTable 0.0.0.0/0"),
        component.diff(desired, blackhole).changes().stream().map(FieldChange::field).toList());
  }

  @Test
  void aDefaultRouteToSomethingElseIsReportedNeverOverwritten() {
    NetworkState transit = state("igw-1", "tgw-1", true);
    assertTrue(component.diff(desired, transit).isEmpty());
    Readiness readiness = component.readiness(transit);
    assertEquals(Readiness.State.FAILED, readiness.state());
    assertTrue(readiness.reason().contains("tgw-1"));
  }

  @Test
  void sharedInfrastructureIsNeverDeleted() {
    assertTrue(component.lifecycle().keptOnDelete(Specs.minimal()).isPresent());
  }

  @Test
  void aRouteToAnyAttachedGatewayIsInternetAndItsGatewayIsTheOneInUse() {
    NetworkState theirs = new NetworkState("vpc-1", List.of("igw-1", "igw-2"), Set.of("igw-1"), "rtb-1", "igw-2", true,
        SUBNETS, null);
    assertTrue(theirs.routesToInternet());
    assertEquals("igw-2", theirs.internetGatewayId(), "the route decides, not the lower id");
    assertEquals(List.of("extraInternetGateways"),
        component.diff(desired, theirs).changes().stream().map(FieldChange::field).toList(),
        "our own gateway beside it is an extra to remove; the route is not touched");
  }

  @Test
  void beforeAnyRouteEveryProcessPicksTheLowestAttachedGateway() {
    NetworkState raced = new NetworkState("vpc-1", List.of("igw-b", "igw-a"), Set.of("igw-a", "igw-b"), "rtb-1", null,
        false, SUBNETS, null);
    assertEquals("igw-a", raced.internetGatewayId());
    assertEquals(List.of("mainRouteTable 0.0.0.0/0"),
        component.diff(desired, raced).changes().stream().map(FieldChange::field).toList(),
        "extras wait until a route has settled which one stays");
  }
}
