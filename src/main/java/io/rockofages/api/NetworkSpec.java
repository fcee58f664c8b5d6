package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** The VPC the stack uses. The VPC and its subnets are observed, never created. */
public class NetworkSpec {

  @Pattern(Patterns.VPC_ID)
  @JsonPropertyDescription("VPC to use, e.g. vpc-0abc12345. Empty: the region's default VPC. Immutable once set.")
  private String vpcId;

  public String getVpcId() {
    return vpcId;
  }

  public void setVpcId(String vpcId) {
    this.vpcId = vpcId;
  }
}
