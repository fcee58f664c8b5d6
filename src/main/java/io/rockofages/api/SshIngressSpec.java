package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import java.util.ArrayList;
import java.util.List;

/** SSH access to the API host: closed unless CIDRs are given. */
public class SshIngressSpec {
  @JsonPropertyDescription("IPv4 or IPv6 CIDR blocks allowed to reach port 22. Default: none (port 22 closed). 0.0.0.0/0 or ::/0 works but earns a SecurityAdvisory.")
  private List<@Pattern(Patterns.CIDR) String> cidrs = new ArrayList<>();

  public List<String> getCidrs() {
    return cidrs;
  }

  public void setCidrs(List<String> cidrs) {
    this.cidrs = cidrs == null ? new ArrayList<>() : cidrs;
  }
}
