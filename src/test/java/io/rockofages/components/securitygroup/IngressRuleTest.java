package io.rockofages.components.securitygroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsServices;
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

    assertEquals(Set.of(IngressRule.fromCidr(80, "0.0.0.0/0"), IngressRule.fromCidr(80, "10.0.0.0/8"),
        IngressRule.fromGroup(80, "sg-api"), IngressRule.fromCidr(-1, "0.0.0.0/0")), rules);
    List<IpPermission> revoke = IngressRule.toPermissions(Set.of(IngressRule.fromCidr(-1, "0.0.0.0/0")),
        List.of(web, everything));
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
}
