package io.rockofages.components.securitygroup;

import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/** A security group as observed, with its ingress rules flattened (and the originals, for revoking). */
public record SecurityGroupState(String groupId, String groupName, String vpcId, Set<IngressRule> ingress,
    List<IpPermission> originalPermissions) {
  public SecurityGroupState {
    ingress = Set.copyOf(ingress);
    originalPermissions = List.copyOf(originalPermissions);
  }
}
