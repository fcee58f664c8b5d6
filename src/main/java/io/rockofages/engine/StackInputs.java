package io.rockofages.engine;

import java.util.Map;
import java.util.Optional;

/**
 * What the driver reads from where it keeps things (operator: Secrets, ConfigMaps and the last
 * status; CLI: files) and hands to a pass: the database master password, the site's files, and the
 * AWS ids the stack last reported for its components.
 *
 * @param siteContent object key to bytes; empty when the spec names no content
 * @param knownIds component name to the id (or ARN) last reported for it; empty when nothing was reported
 */
public record StackInputs(Optional<Secret> databasePassword, Optional<Map<String, byte[]>> siteContent,
    Map<String, String> knownIds) {
  public StackInputs {
    knownIds = Map.copyOf(knownIds);
  }

  public static StackInputs none() {
    return new StackInputs(Optional.empty(), Optional.empty(), Map.of());
  }

  public StackInputs withDatabasePassword(Secret password) {
    return new StackInputs(Optional.of(password), siteContent, knownIds);
  }

  public StackInputs withSiteContent(Map<String, byte[]> content) {
    return new StackInputs(databasePassword, Optional.of(Map.copyOf(content)), knownIds);
  }

  public StackInputs withKnownIds(Map<String, String> ids) {
    return new StackInputs(databasePassword, siteContent, ids);
  }
}
