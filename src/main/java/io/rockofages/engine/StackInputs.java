package io.rockofages.engine;

import java.util.Map;
import java.util.Optional;

/**
 * What the driver reads from where it keeps things (operator: Secrets and ConfigMaps; CLI: files)
 * and hands to a pass: the database master password and the site's files.
 *
 * @param siteContent object key to bytes; empty when the spec names no content
 */
public record StackInputs(Optional<Secret> databasePassword, Optional<Map<String, byte[]>> siteContent) {
  public static StackInputs none() {
    return new StackInputs(Optional.empty(), Optional.empty());
  }

  public StackInputs withDatabasePassword(Secret password) {
    return new StackInputs(Optional.of(password), siteContent);
  }

  public StackInputs withSiteContent(Map<String, byte[]> content) {
    return new StackInputs(databasePassword, Optional.of(Map.copyOf(content)));
  }
}
