package io.rockofages.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * How applications reach something a component runs, for the driver to publish (the operator
 * writes it to a Secret). The values are secret: toString shows their keys only.
 *
 * @param secretName where the driver publishes it
 * @param target what it connects to, fit for events and logs (host:port)
 */
public record Connection(String secretName, String target, Map<String, String> values) {
  public Connection {
    values = Map.copyOf(values);
  }

  @Override
  public String toString() {
    return "Connection[" + secretName + " to " + target + ", keys " + new TreeMap<>(values).keySet() + "]";
  }
}
