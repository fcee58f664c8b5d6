package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A resource tagged for this stack that no component of the stack claims. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OrphanStatus {
  @JsonPropertyDescription("The resource's ARN.")
  private String arn;
  @JsonPropertyDescription("Its rockofages.io/component tag.")
  private String component;
  @JsonPropertyDescription("Reported (orphanPolicy Report), Deleting, Deleted, or why it could not be deleted.")
  private String state;

  public OrphanStatus() {}

  public OrphanStatus(String arn, String component, String state) {
    this.arn = arn;
    this.component = component;
    this.state = state;
  }

  public String getArn() {
    return arn;
  }

  public void setArn(String arn) {
    this.arn = arn;
  }

  public String getComponent() {
    return component;
  }

  public void setComponent(String component) {
    this.component = component;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrphanStatus s && Objects.equals(arn, s.arn) && Objects.equals(component, s.component)
        && Objects.equals(state, s.state);
  }

  @Override
  public int hashCode() {
    return Objects.hash(arn, component, state);
  }
}
