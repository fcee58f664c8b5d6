package io.rockofages.components.securitygroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.Ownership;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.engine.Action;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Specs;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Security-group drift of every kind of rule is seen and undone: an IPv6 range, a prefix list, a
 * reference to another group, a port range; and IPv6 asked for in the spec is applied.
 */
class SecurityGroupDriftMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private final AwsFixture aws = new AwsFixture(STACK);
  private final Ec2Client ec2 = aws.clients.ec2(MotoServer.REGION);
  private final RockOfAgesSpec spec = Specs.minimal();

  @AfterEach
  void tearDown() {
    aws.close();
  }

  @Test
  void sshFromTheWholeIpv6InternetAddedBehindOurBackIsRevoked() {
    assertRevoked(p -> p.ipProtocol("tcp").fromPort(22).toPort(22).ipv6Ranges(r -> r.cidrIpv6("::/0")),
        "tcp/22 from ::/0");
  }

  @Test
  void aPrefixListRuleAddedBehindOurBackIsRevoked() {
    String prefixList = ec2.createManagedPrefixList(r -> r.prefixListName("office").addressFamily("IPv4").maxEntries(5)
        .entries(e -> e.cidr("198.51.100.0/24"))).prefixList().prefixListId();
    assertRevoked(p -> p.ipProtocol("tcp").fromPort(22).toPort(22).prefixListIds(l -> l.prefixListId(prefixList)),
        "tcp/22 from " + prefixList);
  }

  @Test
  void aReferenceToAnotherGroupAddedBehindOurBackIsRevoked() {
    String vpc = ec2.describeVpcs(r -> r.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
    String other = ec2.createSecurityGroup(r -> r.groupName("someone-elses").description("x").vpcId(vpc)).groupId();
    assertRevoked(p -> p.ipProtocol("tcp").fromPort(22).toPort(22).userIdGroupPairs(g -> g.groupId(other)),
        "tcp/22 from " + other);
  }

  @Test
  void aPortRangeOfAnotherProtocolAddedBehindOurBackIsRevoked() {
    assertRevoked(p -> p.ipProtocol("udp").fromPort(1000).toPort(2000).ipRanges(r -> r.cidrIp("10.0.0.0/8")),
        "udp/1000-2000 from 10.0.0.0/8");
  }

  @Test
  void ipv6AskedForInTheSpecIsAuthorized() {
    spec.getApi().getHttp().setCidrs(List.of("0.0.0.0/0", "::/0"));

    aws.passes.assertSecondPassChangesNothing(spec, aws.meter);

    assertEquals(Set.of("tcp/80 from 0.0.0.0/0", "tcp/80 from ::/0"), rules());
  }

  @Test
  void aCidrWithHostBitsIsTheBlockItCovers() {
    spec.getApi().getHttp().setCidrs(List.of("10.1.2.3/8"));

    aws.passes.assertSecondPassChangesNothing(spec, aws.meter);

    assertEquals(Set.of("tcp/80 from 10.0.0.0/8"), rules());
  }

  /** Brings the stack up, adds the rule by hand, and checks the plan sees it and the next pass takes it away. */
  private void assertRevoked(Consumer<IpPermission.Builder> rule, String shown) {
    aws.passes.reconcileUntilReady(spec);
    IpPermission.Builder permission = IpPermission.builder();
    rule.accept(permission);
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(apiGroup().groupId()).ipPermissions(permission.build()));
    assertTrue(rules().contains(shown), rules().toString());

    PassResult plan = aws.passes.plan(spec);
    var planned = plan.outcome(ApiSecurityGroup.REF.name()).orElseThrow();
    assertEquals(Action.UPDATE, planned.action());
    assertTrue(planned.changes().get(0).from().contains(shown), planned.changes().toString());

    aws.passes.reconcile(spec);

    assertEquals(Set.of("tcp/80 from 0.0.0.0/0"), rules());
  }

  private SecurityGroup apiGroup() {
    return ec2.describeSecurityGroups(r -> r.filters(Ownership.ec2Filters(STACK, ApiSecurityGroup.REF.name())))
        .securityGroups().get(0);
  }

  private Set<String> rules() {
    return IngressRule.fromPermissions(apiGroup().ipPermissions()).stream().map(IngressRule::toString)
        .collect(Collectors.toSet());
  }
}
