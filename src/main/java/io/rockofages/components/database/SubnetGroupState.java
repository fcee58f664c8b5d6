package io.rockofages.components.database;

import java.util.Set;

/** A DB subnet group as observed. */
public record SubnetGroupState(String name, String arn, String vpcId, Set<String> subnetIds) {
  public SubnetGroupState {
    subnetIds = Set.copyOf(subnetIds);
  }
}
