package io.rockofages.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.rockofages.api.SpecSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;

/** fabric8's CRUD mock API server with the RockOfAges CRD installed (so the status subresource is honoured). */
public final class KubeMock implements AutoCloseable {
  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public KubeMock() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    client = server.createClient();
    try (InputStream crd = SpecSchema.class.getResourceAsStream(SpecSchema.CRD_RESOURCE)) {
      client.apiextensions().v1().customResourceDefinitions()
          .resource(client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class)).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KubernetesClient client() {
    return client;
  }

  /** Another client of this server, reaching it through {@code url} (a proxy); closed by the caller. */
  public KubernetesClient clientVia(String url) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration()).withMasterUrl(url)
        .build()).build();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
