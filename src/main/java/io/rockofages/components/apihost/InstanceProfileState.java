package io.rockofages.components.apihost;

import java.util.List;

/** The API host's instance profile as observed, with the roles in it. */
public record InstanceProfileState(String name, String arn, List<String> roleNames) {
  public InstanceProfileState {
    roleNames = List.copyOf(roleNames);
  }
}
