package io.rockofages.testing;

import io.rockofages.api.ApiSpec;
import io.rockofages.api.ContainerSpec;
import io.rockofages.api.EnvVar;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.RockOfAgesSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** Specs for tests: the smallest valid stack, and the same as a RockOfAges resource. */
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

  public static RockOfAges resource(String namespace, String name, RockOfAgesSpec spec) {
    RockOfAges resource = new RockOfAges();
    resource.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    resource.setSpec(spec);
    return resource;
  }
}
