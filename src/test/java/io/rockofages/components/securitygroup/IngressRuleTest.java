package io.rockofages.components.securitygroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsServices;
import io.rockofages.aws.StackException;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.engine.StackContext;
import io.rockofages.testing.Specs;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;

class IngressRuleTest {
  @Test
  void groupedPermissionsAreFlattenedAndOddRulesKept() {
    IpPermission web = IpPermission.builder().ipProtocol("tcp").fromPort(80).toPort(80)
        .ipRanges(r -> r.cidrIp("0.0.0.0/0"), r -> r.cidrIp("10.0.0.0/8"))
        .userIdGroupPairs(g -> g.groupId("sg-api")).build();
    IpPermission everything = IpPermission.builder().ipProtocol("-1").ipRanges(r -> r.cidrIp("0.0.0.0/0")).build();

    Set<IngressRule> rules = IngressRule.fromPermissions(List.of(web, everything));

    IngressRule all = new IngressRule("-1", -1, -1, IngressRule.Source.IPV4, "0.0.0.0/0");
    assertEquals(Set.of(IngressRule.fromCidr(80, "0.0.0.0/0"), IngressRule.fromCidr(80, "10.0.0.0/8"),
        IngressRule.fromGroup(80, "sg-api"), all), rules);
    List<IpPermission> revoke = IngressRule.toPermissions(Set.of(all), List.of(web, everything));
    assertEquals(List.of(everything), revoke, "an odd rule is revoked in its original shape");
  }

  private final SecurityGroupComponent component = ApiSecurityGroup.component();
  private final RockOfAgesSpec spec = Specs.minimal();
  private final StackContext ctx = new StackContext(new StackId("a", "b"), spec, AwsServices.of("us-east-1", null, null),
      Clock.systemUTC());

  @Test
  void missingAndExtraRulesAreOneInPlaceChange() {
    var desired = component.desired(ctx);
    var observed = new SecurityGroupState("sg-1", "g", null, Set.of(IngressRule.fromCidr(22, "0.0.0.0/0")), List.of());

    var diff = component.diff(desired, observed);

    assertEquals(1, diff.changes().size());
    assertEquals("ingress", diff.changes().get(0).field());
    assertEquals("[tcp/22 from 0.0.0.0/0]", diff.changes().get(0).from());
    assertEquals("[tcp/80 from 0.0.0.0/0]", diff.changes().get(0).to());
  }

  @Test
  void sshOpenToTheWorldEarnsAnAdvisoryButSshFromAnOfficeDoesNot() {
    spec.getApi().getSsh().setCidrs(List.of("198.51.100.0/24"));
    assertTrue(component.warnings(component.desired(ctx)).isEmpty());
    spec.getApi().getSsh().setCidrs(List.of("0.0.0.0/0"));
    assertEquals(1, component.warnings(component.desired(ctx)).size());
  }

  @Test
  void everyKindOfSourceIsARuleOfItsOwn() {
    IpPermission mixed = IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
        .ipv6Ranges(r -> r.cidrIpv6("::/0")).prefixListIds(l -> l.prefixListId("pl-office"))
        .userIdGroupPairs(g -> g.groupId("sg-bastion")).build();
    IpPermission range = IpPermission.builder().ipProtocol("udp").fromPort(1000).toPort(2000)
        .ipRanges(r -> r.cidrIp("10.0.0.1/8")).build();

    Set<IngressRule> rules = IngressRule.fromPermissions(List.of(mixed, range));

    assertEquals(Set.of(IngressRule.fromCidr(22, "::/0"),
        new IngressRule("tcp", 22, 22, IngressRule.Source.PREFIX_LIST, "pl-office"), IngressRule.fromGroup(22, "sg-bastion"),
        new IngressRule("udp", 1000, 2000, IngressRule.Source.IPV4, "10.0.0.0/8")), rules);
    assertEquals("udp/1000-2000 from 10.0.0.0/8", rules.stream().filter(r -> "udp".equals(r.protocol())).findFirst()
        .orElseThrow().toString());
  }

  @Test
  void aRevokeNamesTheCidrAsAwsWroteIt() {
    IpPermission sloppy = IpPermission.builder().ipProtocol("tcp").fromPort(80).toPort(80)
        .ipRanges(r -> r.cidrIp("10.0.0.1/8")).build();

    List<IpPermission> revoke = IngressRule.toPermissions(Set.of(IngressRule.fromCidr(80, "10.0.0.0/8")),
        List.of(sloppy));

    assertEquals("10.0.0.1/8", revoke.get(0).ipRanges().get(0).cidrIp());
  }

  @Test
  void cidrBlocksCompareByTheAddressesTheyCover() {
    assertEquals("10.0.0.0/8", Cidr.canonical("10.0.0.1/8"));
    assertEquals("0.0.0.0/0", Cidr.canonical("0.0.0.0/0"));
    assertEquals("203.0.113.7/32", Cidr.canonical("203.0.113.7/32"));
    assertEquals("::/0", Cidr.canonical("::/0"));
    assertEquals("2001:db8::/32", Cidr.canonical("2001:DB8:0:0:0:0:0:1/32"));
    assertEquals("2001:db8:0:1::/64", Cidr.canonical("2001:0db8:0000:0001:0000:0000:0000:0000/64"));
    assertEquals("1:0:0:1::1/128", Cidr.canonical("1:0:0:1:0:0:0:1/128"), "the longest zero run is the one compressed");
    assertEquals(IngressRule.fromCidr(22, "10.0.0.1/8"), IngressRule.fromCidr(22, "10.0.0.0/8"));
    for (String bad : List.of("10.0.0.0/33", "::/129", "example.com/8", "10.0.0.0", "1:2:3:4:5:6:7:8:9/64")) {
      assertThrows(StackException.class, () -> Cidr.canonical(bad), bad);
    }
  }

  @Test
  void sshOpenToTheWholeIpv6InternetEarnsAnAdvisoryToo() {
    spec.getApi().getSsh().setCidrs(List.of("::/0"));
    List<String> warnings = component.warnings(component.desired(ctx));
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("::/0"), warnings.get(0));
  }
}
