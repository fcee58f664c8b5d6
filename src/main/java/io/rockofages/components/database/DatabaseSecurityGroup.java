package io.rockofages.components.database;

import io.rockofages.api.AdoptSpec;
import io.rockofages.api.DatabaseSpec;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.components.securitygroup.IngressRule;
import io.rockofages.components.securitygroup.SecurityGroupComponent;
import io.rockofages.components.securitygroup.SecurityGroupState;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The database firewall: 5432 from the API host's security group (by group, not IP) plus spec.database.allowedCidrs. */
public final class DatabaseSecurityGroup {
  private DatabaseSecurityGroup() {}

  public static final Ref<SecurityGroupState> REF = Ref.of("database-security-group", SecurityGroupState.class);

  public static SecurityGroupComponent component() {
    return new SecurityGroupComponent(new SecurityGroupComponent.Spec(REF, DatabaseComponent.GROUP, "db",
        "database firewall", List.of(ApiSecurityGroup.REF.ready()), DatabaseSecurityGroup::rules,
        DatabaseSecurityGroup::advisories, DatabaseComponent::retention, AdoptSpec::getDatabaseSecurityGroupId));
  }

  static Set<IngressRule> rules(StackContext ctx) {
    DatabaseSpec database = ctx.spec().getDatabase();
    Set<IngressRule> rules = new TreeSet<>();
    String apiGroup = ctx.observed(ApiSecurityGroup.REF)
        .map(SecurityGroupState::groupId).orElse(StackContext.KNOWN_AFTER_APPLY);
    rules.add(IngressRule.fromGroup(DatabaseSpec.PORT, apiGroup));
    database.getAllowedCidrs().forEach(cidr -> rules.add(IngressRule.fromCidr(DatabaseSpec.PORT, cidr)));
    return rules;
  }

  static List<String> advisories(SecurityGroupComponent.Desired desired) {
    return desired.ingress().stream().filter(IngressRule::isFromAnywhere)
        .map(r -> "PostgreSQL (port 5432) is open to the whole internet (" + r.value() + "): "
            + "limit spec.database.allowedCidrs").toList();
  }

}
