package io.rockofages.aws;

import java.util.Map;

/**
 * One AWS resource carrying a stack's ownership tags, as the tagging API lists it.
 *
 * @param component the value of its rockofages.io/component tag
 */
public record OwnedResource(String arn, String component, Map<String, String> tags) {
  public OwnedResource {
    tags = Map.copyOf(tags);
  }

  /** The id within the ARN: what follows the last '/' or ':' (i-…, sg-…, E…, a bucket or DB name). */
  public String id() {
    return arn.substring(Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':')) + 1);
  }

  /** A snapshot (RDS automated or final, EBS): a backup, kept on purpose. */
  public boolean isBackup() {
    return arn.contains(":snapshot:") || arn.contains(":snapshot/") || arn.contains(":cluster-snapshot:");
  }

  /** Whether {@code componentId} (an id or ARN as a component reports it) names this resource. */
  public boolean isNamedBy(String componentId) {
    if (componentId == null) {
      return false;
    }
    if (componentId.equals(arn) || componentId.equals(id())) {
      return true;
    }
    for (String part : componentId.split("/")) {
      if (part.equals(id())) {
        return true; // the network reports vpc-…/igw-…
      }
    }
    return false;
  }
}
