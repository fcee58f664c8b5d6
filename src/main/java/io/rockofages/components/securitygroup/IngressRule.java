package io.rockofages.components.securitygroup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** One TCP ingress rule: a port from either a CIDR block or another security group. */
public record IngressRule(int port, String cidr, String sourceGroupId) implements Comparable<IngressRule> {
  private static final Comparator<IngressRule> ORDER = Comparator.comparingInt(IngressRule::port)
      .thenComparing(r -> r.cidr == null ? "" : r.cidr).thenComparing(r -> r.sourceGroupId == null ? "" : r.sourceGroupId);

  public static IngressRule fromCidr(int port, String cidr) {
    return new IngressRule(port, cidr, null);
  }

  public static IngressRule fromGroup(int port, String groupId) {
    return new IngressRule(port, null, groupId);
  }

  /** Flattens AWS's grouped permissions; anything that is not single-port TCP is kept as an unmatched rule. */
  public static Set<IngressRule> fromPermissions(List<IpPermission> permissions) {
    Set<IngressRule> rules = new TreeSet<>();
    for (IpPermission p : permissions) {
      boolean singleTcpPort = "tcp".equals(p.ipProtocol()) && p.fromPort() != null && p.fromPort().equals(p.toPort());
      int port = singleTcpPort ? p.fromPort() : -1;
      p.ipRanges().forEach(r -> rules.add(fromCidr(port, r.cidrIp())));
      p.userIdGroupPairs().forEach(g -> rules.add(fromGroup(port, g.groupId())));
      if (!singleTcpPort && p.ipRanges().isEmpty() && p.userIdGroupPairs().isEmpty()) {
        rules.add(new IngressRule(-1, p.ipProtocol(), null));
      }
    }
    return rules;
  }

  /** The permission that adds (or revokes) exactly this rule; observed odd rules revoke with their original shape. */
  public static List<IpPermission> toPermissions(Set<IngressRule> rules, List<IpPermission> observedOriginals) {
    List<IpPermission> permissions = new ArrayList<>();
    for (IngressRule rule : rules) {
      if (rule.port < 0) {
        observedOriginals.stream().filter(o -> IngressRule.fromPermissions(List.of(o)).contains(rule))
            .findFirst().ifPresent(permissions::add);
        continue;
      }
      IpPermission.Builder p = IpPermission.builder().ipProtocol("tcp").fromPort(rule.port).toPort(rule.port);
      if (rule.cidr != null) {
        p.ipRanges(IpRange.builder().cidrIp(rule.cidr).build());
      } else {
        p.userIdGroupPairs(UserIdGroupPair.builder().groupId(rule.sourceGroupId).build());
      }
      permissions.add(p.build());
    }
    return permissions;
  }

  @Override
  public int compareTo(IngressRule other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    String port = this.port < 0 ? "other" : "tcp/" + this.port;
    return port + " from " + (cidr != null ? cidr : sourceGroupId);
  }
}
