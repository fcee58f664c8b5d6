package io.rockofages.components.apihost;

import java.time.Instant;
import java.util.List;

/**
 * The API instance as observed.
 *
 * @param configFingerprint the user-data fingerprint tag written at launch
 * @param instanceProfileArn the instance profile the instance wears; null: none
 * @param duplicateIds other live instances tagged for the same component (never more than one is kept)
 */
public record InstanceState(String instanceId, String state, String imageId, String instanceType, String subnetId,
    String keyName, List<String> securityGroupIds, String publicIp, String configFingerprint, Instant launchTime,
    String instanceProfileArn, List<String> duplicateIds) {

  public InstanceState {
    securityGroupIds = List.copyOf(securityGroupIds);
    duplicateIds = List.copyOf(duplicateIds);
  }

  public boolean isGoingAway() {
    return "shutting-down".equals(state) || "terminated".equals(state);
  }
}
