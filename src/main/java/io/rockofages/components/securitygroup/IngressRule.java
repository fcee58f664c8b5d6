package io.rockofages.components.securitygroup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * One ingress rule in canonical form: protocol, port range and a single source of one of the four
 * kinds a security group knows (IPv4 range, IPv6 range, prefix list, another group). AWS groups
 * rules into permissions; they are flattened here, so two groups with the same rules compare equal
 * however AWS bundles them, and CIDR blocks compare by the addresses they cover.
 *
 * @param protocol "tcp", "udp", "icmp", ... or "-1" for all
 * @param fromPort the first port (ICMP: the type); -1 when the protocol has none
 * @param toPort the last port (ICMP: the code); -1 when the protocol has none
 * @param value the CIDR block (canonical), prefix list id or group id
 */
public record IngressRule(String protocol, int fromPort, int toPort, Source source, String value)
    implements Comparable<IngressRule> {

  /** The four kinds of source an ingress rule can name. */
  public enum Source {
    IPV4, IPV6, PREFIX_LIST, GROUP
  }

  private static final Comparator<IngressRule> ORDER = Comparator.comparing(IngressRule::protocol)
      .thenComparingInt(IngressRule::fromPort).thenComparingInt(IngressRule::toPort)
      .thenComparing(IngressRule::source).thenComparing(IngressRule::value);

  /** TCP on one port from a CIDR block of either family. */
  public static IngressRule fromCidr(int port, String cidr) {
    String canonical = Cidr.canonical(cidr);
    return new IngressRule("tcp", port, port, Cidr.isIpv6(canonical) ? Source.IPV6 : Source.IPV4, canonical);
  }

  /** TCP on one port from another security group. */
  public static IngressRule fromGroup(int port, String groupId) {
    return new IngressRule("tcp", port, port, Source.GROUP, groupId);
  }

  /** Flattens AWS's grouped permissions into one rule per source, whatever the protocol or source kind. */
  public static Set<IngressRule> fromPermissions(List<IpPermission> permissions) {
    Set<IngressRule> rules = new TreeSet<>();
    for (IpPermission p : permissions) {
      String protocol = p.ipProtocol() == null ? "-1" : p.ipProtocol().toLowerCase();
      int from = p.fromPort() == null ? -1 : p.fromPort();
      int to = p.toPort() == null ? -1 : p.toPort();
      p.ipRanges().forEach(r -> rules.add(new IngressRule(protocol, from, to, Source.IPV4, Cidr.canonical(r.cidrIp()))));
      p.ipv6Ranges().forEach(r -> rules.add(new IngressRule(protocol, from, to, Source.IPV6,
          Cidr.canonical(r.cidrIpv6()))));
      p.prefixListIds().forEach(l -> rules.add(new IngressRule(protocol, from, to, Source.PREFIX_LIST,
          l.prefixListId())));
      p.userIdGroupPairs().forEach(g -> rules.add(new IngressRule(protocol, from, to, Source.GROUP, g.groupId())));
    }
    return rules;
  }

  /**
   * One permission per rule, to authorize or revoke exactly it. A rule that came from AWS is sent
   * back with the CIDR text AWS holds ({@code observed}), so a revoke always names what is there.
   */
  public static List<IpPermission> toPermissions(Set<IngressRule> rules, List<IpPermission> observed) {
    List<IpPermission> permissions = new ArrayList<>();
    for (IngressRule rule : rules) {
      IpPermission.Builder p = IpPermission.builder().ipProtocol(rule.protocol);
      if (!"-1".equals(rule.protocol)) {
        p.fromPort(rule.fromPort).toPort(rule.toPort);
      }
      String value = rule.asWritten(observed);
      switch (rule.source) {
        case IPV4 -> p.ipRanges(IpRange.builder().cidrIp(value).build());
        case IPV6 -> p.ipv6Ranges(Ipv6Range.builder().cidrIpv6(value).build());
        case PREFIX_LIST -> p.prefixListIds(PrefixListId.builder().prefixListId(value).build());
        case GROUP -> p.userIdGroupPairs(UserIdGroupPair.builder().groupId(value).build());
      }
      permissions.add(p.build());
    }
    return permissions;
  }

  /** The source as AWS wrote it, when AWS has this rule; the canonical text otherwise. */
  private String asWritten(List<IpPermission> observed) {
    if (source != Source.IPV4 && source != Source.IPV6) {
      return value;
    }
    return observed.stream()
        .flatMap(p -> source == Source.IPV4 ? p.ipRanges().stream().map(IpRange::cidrIp)
            : p.ipv6Ranges().stream().map(Ipv6Range::cidrIpv6))
        .filter(raw -> Cidr.canonical(raw).equals(value)).findFirst().orElse(value);
  }

  public boolean isFromAnywhere() {
    return "0.0.0.0/0".equals(value) || "::/0".equals(value);
  }

  @Override
  public int compareTo(IngressRule other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    String ports = fromPort == toPort ? String.valueOf(fromPort) : fromPort + "-" + toPort;
    String what = "-1".equals(protocol) ? "all" : protocol + (fromPort < 0 ? "" : "/" + ports);
    return what + " from " + value;
  }
}
