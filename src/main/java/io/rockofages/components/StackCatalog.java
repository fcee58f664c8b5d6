package io.rockofages.components;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.rockofages.components.apihost.ApiInstanceComponent;
import io.rockofages.components.cdn.DistributionComponent;
import io.rockofages.components.cdn.DistributionState;
import io.rockofages.components.cdn.OriginAccessControlComponent;
import io.rockofages.components.site.BucketPolicyComponent;
import io.rockofages.components.site.SiteBucketComponent;
import io.rockofages.components.site.SiteContentComponent;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.components.database.DatabaseComponent;
import io.rockofages.components.database.DatabaseSecurityGroup;
import io.rockofages.components.database.SubnetGroupComponent;
import io.rockofages.components.network.NetworkComponent;
import io.rockofages.engine.Component;
import io.rockofages.engine.Stack;
import io.rockofages.engine.StackEngine;
import java.util.ArrayList;
import java.util.List;

/** Which components a spec asks for. New sections (database, site) add their components here. */
public final class StackCatalog {
  private StackCatalog() {}

  public static Stack stackFor(RockOfAgesSpec spec) {
    List<Component<?, ?>> components = new ArrayList<>();
    components.add(new NetworkComponent());
    components.add(ApiSecurityGroup.component());
    if (spec.getDatabase() == null) {
      components.add(new ApiInstanceComponent());
    } else {
      components.add(DatabaseSecurityGroup.component());
      components.add(new SubnetGroupComponent());
      components.add(new DatabaseComponent());
      components.add(new ApiInstanceComponent(List.of(DatabaseComponent.NAME), DatabaseComponent::linkedEnvironment));
    }
    if (spec.getSite() != null) {
      boolean privateOrigin = spec.getSite().getAccess() == SiteSpec.Access.CloudFrontOnly;
      components.add(new SiteBucketComponent());
      if (privateOrigin) {
        components.add(new OriginAccessControlComponent());
      }
      components.add(new DistributionComponent(privateOrigin));
      components.add(new BucketPolicyComponent(privateOrigin ? List.of(DistributionComponent.NAME) : List.of(),
          ctx -> ctx.observedOf(DistributionComponent.NAME, DistributionState.class).map(DistributionState::arn)));
      components.add(new SiteContentComponent(
          changed -> DistributionComponent.invalidate(changed.ctx(), changed.keys())));
    }
    return new Stack(components);
  }

  public static StackEngine engineFor(RockOfAgesSpec spec) {
    return new StackEngine(stackFor(spec));
  }
}
