package io.rockofages.engine;

import io.rockofages.aws.Actor;
import java.util.Map;
import java.util.Optional;

/**
 * What the driver reads from where it keeps things (operator: Secrets, ConfigMaps and the last
 * status; CLI: files) and hands to a pass: the database master password, the site's files, the
 * AWS ids (and versions) the stack last reported for its components, and who is acting.
 *
 * @param siteContent object key to bytes; empty when the spec names no content
 * @param knownIds component name to the id (or ARN) last reported for it; empty when nothing was reported
 * @param knownVersions component name to the version last reported for it ({@link Component#version})
 * @param actor who drives the pass (the operator marks what it manages; the CLI defers to it)
 */
public record StackInputs(Optional<Secret> databasePassword, Optional<Map<String, byte[]>> siteContent,
    Map<String, String> knownIds, Map<String, String> knownVersions, Actor actor) {
  public StackInputs {
    knownIds = Map.copyOf(knownIds);
    knownVersions = Map.copyOf(knownVersions);
  }

  /** Nothing read, and the CLI's unforced actor. */
  public static StackInputs none() {
    return new StackInputs(Optional.empty(), Optional.empty(), Map.of(), Map.of(), Actor.cli(false));
  }

  public StackInputs withDatabasePassword(Secret password) {
    return new StackInputs(Optional.of(password), siteContent, knownIds, knownVersions, actor);
  }

  public StackInputs withSiteContent(Map<String, byte[]> content) {
    return new StackInputs(databasePassword, Optional.of(Map.copyOf(content)), knownIds, knownVersions, actor);
  }

  /** The ids and versions of the components' resources as last reported. */
  public StackInputs withKnown(Map<String, String> ids, Map<String, String> versions) {
    return new StackInputs(databasePassword, siteContent, ids, versions, actor);
  }

  public StackInputs withActor(Actor newActor) {
    return new StackInputs(databasePassword, siteContent, knownIds, knownVersions, newActor);
  }
}
