package io.rockofages.testing;

import io.rockofages.api.ApiSpec;
import io.rockofages.api.CdnSpec;
import io.rockofages.api.ContainerSpec;
import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.EnvVar;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** Specs for tests: the smallest valid stack, the full one, and either as a RockOfAges resource. */
public final class Specs {
  private Specs() {}

  public static RockOfAgesSpec minimal() {
    ContainerSpec container = new ContainerSpec();
    container.setImage("ghcr.io/example/django-api:1.0");
    container.setEnv(List.of(new EnvVar("DJANGO_SETTINGS_MODULE", "api.settings")));
    ApiSpec api = new ApiSpec();
    api.setContainer(container);
    RockOfAgesSpec spec = new RockOfAgesSpec();
    spec.setRegion(MotoServer.REGION);
    spec.setApi(api);
    return spec;
  }

  /**
   * Every section: API host, database (RDS keeping the password; deletion protection off, since
   * tests destroy what they build), site with its files from the ConfigMap site-files, and CDN.
   */
  public static RockOfAgesSpec fullStack() {
    RockOfAgesSpec spec = minimal();
    spec.setDatabase(new DatabaseSpec());
    spec.getDatabase().setDeletionProtection(false);
    spec.setSite(new SiteSpec());
    spec.getSite().setContentFrom(new SiteSpec.ContentSource());
    spec.getSite().getContentFrom().setConfigMapRef(new SiteSpec.NameRef("site-files"));
    spec.getSite().setCdn(new CdnSpec());
    return spec;
  }

  public static RockOfAges resource(String namespace, String name, RockOfAgesSpec spec) {
    RockOfAges resource = new RockOfAges();
    resource.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    resource.setSpec(spec);
    return resource;
  }
}
