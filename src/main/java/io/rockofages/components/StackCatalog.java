package io.rockofages.components;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.components.apihost.ApiInstanceComponent;
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
    return new Stack(components);
  }

  public static StackEngine engineFor(RockOfAgesSpec spec) {
    return new StackEngine(stackFor(spec));
  }
}
