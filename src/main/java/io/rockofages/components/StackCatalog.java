package io.rockofages.components;

import io.rockofages.api.EnvVar;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.rockofages.aws.Inventory;
import io.rockofages.components.apihost.ApiInstanceComponent;
import io.rockofages.components.apihost.ApiInstanceProfileComponent;
import io.rockofages.components.apihost.ApiRoleComponent;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.components.cdn.DistributionComponent;
import io.rockofages.components.cdn.OriginAccessControlComponent;
import io.rockofages.components.database.DatabaseComponent;
import io.rockofages.components.database.DatabaseSecurityGroup;
import io.rockofages.components.database.PasswordSecretComponent;
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
 * host, the distribution's ARN to the bucket policy), so site/ never imports cdn/. A section the
 * spec no longer has but AWS still holds (by the stack's tags) becomes a removal: its components
 * are torn down with their own deletion rules.
 */
public final class StackCatalog {
  private StackCatalog() {}

  /** The API host's variable naming the secret that holds the database password (read by its run script). */
  public static final String DATABASE_SECRET_ARN = "DATABASE_SECRET_ARN";

  /** An engine that assembles the stack anew each pass, from the spec and what AWS holds. */
  public static StackEngine engineFor(RockOfAgesSpec spec) {
    return new StackEngine(inventory -> stackFor(spec, inventory), new Orphans());
  }

  /** The components the spec asks for, nothing removed. */
  public static Stack stackFor(RockOfAgesSpec spec) {
    return stackFor(spec, Inventory.EMPTY);
  }

  public static Stack stackFor(RockOfAgesSpec spec, Inventory inventory) {
    List<Component<?, ?>> components = new ArrayList<>();
    List<Component<?, ?>> removals = new ArrayList<>();
    RockOfAgesSpec removalSpec = sectionsOf(spec);
    components.add(new NetworkComponent());
    components.add(ApiSecurityGroup.component());
    if (spec.getDatabase() != null) {
      boolean passwordFromSecret = spec.getDatabase().getPasswordSecretRef() != null;
      components.addAll(database(passwordFromSecret));
      if (!passwordFromSecret && inventory.has(PasswordSecretComponent.REF.name())) {
        removals.add(new PasswordSecretComponent()); // the spec stopped bringing its own password
      }
      Link<?, String> passwordSecretArn = passwordFromSecret ? PasswordSecretComponent.arnLink()
          : DatabaseComponent.managedSecretArnLink();
      components.addAll(apiHost(Optional.of(passwordSecretArn), List.of(DatabaseComponent.environmentLink(),
          passwordSecretArn.then(arn -> List.of(new EnvVar(DATABASE_SECRET_ARN, arn))))));
    } else {
      components.addAll(apiHost(Optional.empty(), List.of()));
      // The security group goes last, so while anything of the section is left, it is still there.
      if (inventory.has(DatabaseComponent.REF.name()) || inventory.has(DatabaseSecurityGroup.REF.name())) {
        removals.addAll(database(inventory.has(PasswordSecretComponent.REF.name())));
        removalSpec.setDatabase(DatabaseComponent.lastKnown(inventory));
        // An adopted database keeps its own identifier: the removal finds it by the one AWS lists.
        inventory.of(DatabaseComponent.REF.name()).stream().findFirst()
            .ifPresent(database -> removalSpec.getAdopt().setDatabaseIdentifier(database.id()));
      }
    }
    if (spec.getSite() != null) {
      components.addAll(site(spec.getSite().getAccess() == SiteSpec.Access.CloudFrontOnly));
    } else if (inventory.has(SiteBucketComponent.REF.name()) || inventory.has(DistributionComponent.REF.name())) {
      removals.addAll(site(true)); // the bucket goes last, and private covers the origin access control
      removalSpec.setSite(SiteBucketComponent.lastKnown(inventory));
    }
    return new Stack(components, removals, removalSpec);
  }

  private static List<Component<?, ?>> database(boolean passwordFromSecret) {
    List<Component<?, ?>> components = new ArrayList<>(List.of(DatabaseSecurityGroup.component(),
        new SubnetGroupComponent()));
    if (passwordFromSecret) {
      components.add(new PasswordSecretComponent());
    }
    components.add(new DatabaseComponent(passwordFromSecret));
    return components;
  }

  /**
   * The API host with the role it wears: the role may read the database password's secret (when
   * there is a database), and the host's environment says which secret that is.
   */
  private static List<Component<?, ?>> apiHost(Optional<Link<?, String>> passwordSecretArn,
      List<Link<?, List<EnvVar>>> environment) {
    return List.of(new ApiRoleComponent(passwordSecretArn), new ApiInstanceProfileComponent(),
        new ApiInstanceComponent(environment));
  }

  private static List<Component<?, ?>> site(boolean privateOrigin) {
    List<Component<?, ?>> components = new ArrayList<>();
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
    return components;
  }

  /** The spec's own sections; the removed ones are added as AWS remembers them. */
  private static RockOfAgesSpec sectionsOf(RockOfAgesSpec spec) {
    RockOfAgesSpec copy = new RockOfAgesSpec();
    copy.setRegion(spec.getRegion());
    copy.setNetwork(spec.getNetwork());
    copy.setApi(spec.getApi());
    copy.setDeletionPolicy(spec.getDeletionPolicy());
    return copy;
  }
}
