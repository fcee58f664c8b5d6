package io.rockofages.components.apihost;

import io.rockofages.api.AdoptSpec;
import io.rockofages.api.ApiSpec;
import io.rockofages.components.securitygroup.IngressRule;
import io.rockofages.components.securitygroup.SecurityGroupComponent;
import io.rockofages.components.securitygroup.SecurityGroupState;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The API host's firewall: HTTP from spec.api.http.cidrs, SSH only from spec.api.ssh.cidrs. */
public final class ApiSecurityGroup {
  private ApiSecurityGroup() {}

  public static final Ref<SecurityGroupState> REF = Ref.of("api-security-group", SecurityGroupState.class);
  public static final int SSH_PORT = 22;

  public static SecurityGroupComponent component() {
    return new SecurityGroupComponent(new SecurityGroupComponent.Spec(REF, ApiInstanceComponent.GROUP, "api",
        "API host firewall", List.of(), ApiSecurityGroup::rules, ApiSecurityGroup::advisories,
        spec -> Optional.empty(), AdoptSpec::getApiSecurityGroupId));
  }

  static Set<IngressRule> rules(StackContext ctx) {
    ApiSpec api = ctx.spec().getApi();
    Set<IngressRule> rules = new TreeSet<>();
    api.getHttp().getCidrs().forEach(cidr -> rules.add(IngressRule.fromCidr(api.getHttp().getPort(), cidr)));
    api.getSsh().getCidrs().forEach(cidr -> rules.add(IngressRule.fromCidr(SSH_PORT, cidr)));
    return rules;
  }

  static List<String> advisories(SecurityGroupComponent.Desired desired) {
    return desired.ingress().stream()
        .filter(r -> r.fromPort() == SSH_PORT && r.isFromAnywhere())
        .map(r -> "SSH (port 22) on the API host is open to the whole internet (" + r.value() + "): "
            + "limit spec.api.ssh.cidrs to your own addresses")
        .toList();
  }
}
