package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** The VPC the stack uses. The VPC and its subnets are observed, never created. */
public class NetworkSpec {

  @Pattern(Patterns.VPC_ID)
  @ValidationRule(value = "self == oldSelf", message = "vpcId is immutable: moving a stack between VPCs means re-creating it")
  @JsonPropertyDescription("VPC to use, e.g. vpc-0abc12345. Empty: the region's default VPC. Immutable once set.")
  private String vpcId;

  public String getVpcId() {
    return vpcId;
  }

  public void setVpcId(String vpcId) {
    this.vpcId = vpcId;
  }
}
