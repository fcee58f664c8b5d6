package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.ArrayList;
import java.util.List;

/** HTTP access to the API host. */
public class HttpIngressSpec {
  public static final int DEFAULT_PORT = 80;
  public static final String ANYWHERE = "0.0.0.0/0";

  @Default("80")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Host port the API is served on (mapped to the container port).")
  private int port = DEFAULT_PORT;

  @JsonPropertyDescription("IPv4 or IPv6 CIDR blocks allowed to reach the HTTP port (e.g. 0.0.0.0/0 and ::/0). Default: 0.0.0.0/0. An empty list closes the port.")
  private List<@Pattern(Patterns.CIDR) String> cidrs = new ArrayList<>(List.of(ANYWHERE));

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public List<String> getCidrs() {
    return cidrs;
  }

  public void setCidrs(List<String> cidrs) {
    this.cidrs = cidrs == null ? new ArrayList<>() : cidrs;
  }
}
