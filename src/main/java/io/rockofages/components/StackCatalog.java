package io.rockofages.components;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.rockofages.components.apihost.ApiInstanceComponent;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.components.cdn.DistributionComponent;
import io.rockofages.components.cdn.OriginAccessControlComponent;
import io.rockofages.components.database.DatabaseComponent;
import io.rockofages.components.database.DatabaseSecurityGroup;
import io.rockofages.components.database.SubnetGroupComponent;
import io.rockofages.components.network.NetworkComponent;
import io.rockofages.components.site.BucketPolicyComponent;
import io.rockofages.components.site.SiteBucketComponent;
import io.rockofages.components.site.SiteContentComponent;
import io.rockofages.engine.Component;
import io.rockofages.engine.Link;
import io.rockofages.engine.Stack;
import io.rockofages.engine.StackEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which components a spec asks for, and how they are wired: the only place that knows the whole
 * stack. Links carry values from one component to another (the database's connection to the API
 * host, the distribution's ARN to the bucket policy), so site/ never imports cdn/.
 */
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
      components.add(new ApiInstanceComponent(List.of(DatabaseComponent.environmentLink())));
    }
    if (spec.getSite() != null) {
      boolean privateOrigin = spec.getSite().getAccess() == SiteSpec.Access.CloudFrontOnly;
      components.add(new SiteBucketComponent());
      if (privateOrigin) {
        components.add(new OriginAccessControlComponent());
      }
      components.add(new DistributionComponent(privateOrigin));
      components.add(new BucketPolicyComponent(privateOrigin
          ? Optional.of(new Link<>(DistributionComponent.REF.exists(), (distribution, ctx) -> distribution.arn()))
          : Optional.empty()));
      components.add(new SiteContentComponent(Optional.of(
          new Link<>(DistributionComponent.REF.ifPresent(), (distribution, ctx) -> distribution.id()))));
    }
    return new Stack(components);
  }

  public static StackEngine engineFor(RockOfAgesSpec spec) {
    return new StackEngine(stackFor(spec));
  }
}
