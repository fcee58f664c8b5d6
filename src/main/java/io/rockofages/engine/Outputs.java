package io.rockofages.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a component tells the world about its resource: endpoints for status (by key: site, api,
 * apiPublicIp, database) and connection details. A fallback endpoint gives way to another
 * component's value for the same key (the bucket's website URL to the CDN's); two components that
 * both claim a key fail the pass, so neither silently wins.
 */
public record Outputs(Map<String, String> endpoints, Map<String, String> fallbacks, Optional<Connection> connection) {
  public static final Outputs NONE = new Outputs(Map.of(), Map.of(), Optional.empty());

  public Outputs {
    endpoints = Map.copyOf(endpoints);
    fallbacks = Map.copyOf(fallbacks);
  }

  public Outputs endpoint(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(endpoints);
    more.put(key, value);
    return new Outputs(more, fallbacks, connection);
  }

  public Outputs fallbackEndpoint(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(fallbacks);
    more.put(key, value);
    return new Outputs(endpoints, more, connection);
  }

  public Outputs connection(Connection details) {
    return new Outputs(endpoints, fallbacks, Optional.of(details));
  }
}
