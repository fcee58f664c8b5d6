package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One change the next pass would make to AWS (or refuses to make, and why). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlannedChange {
  @JsonPropertyDescription("The component the change is to, e.g. api-instance.")
  private String component;
  @JsonPropertyDescription("Create, Update, Replace or Delete.")
  private String action;
  @JsonPropertyDescription("The field that differs (absent for a whole resource created or deleted).")
  private String field;
  @JsonPropertyDescription("The value in AWS now.")
  private String current;
  @JsonPropertyDescription("The value the spec asks for.")
  private String desired;
  @JsonPropertyDescription("Why the change is not made, when it is refused or failing (AWS's words where AWS said no).")
  private String reason;

  public PlannedChange() {}

  public PlannedChange(String component, String action, String field, String current, String desired, String reason) {
    this.component = component;
    this.action = action;
    this.field = field;
    this.current = current;
    this.desired = desired;
    this.reason = reason;
  }

  public String getComponent() {
    return component;
  }

  public void setComponent(String component) {
    this.component = component;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getField() {
    return field;
  }

  public void setField(String field) {
    this.field = field;
  }

  public String getCurrent() {
    return current;
  }

  public void setCurrent(String current) {
    this.current = current;
  }

  public String getDesired() {
    return desired;
  }

  public void setDesired(String desired) {
    this.desired = desired;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlannedChange p && Objects.equals(component, p.component) && Objects.equals(action, p.action)
        && Objects.equals(field, p.field) && Objects.equals(current, p.current) && Objects.equals(desired, p.desired)
        && Objects.equals(reason, p.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(component, action, field, current, desired, reason);
  }

  @Override
  public String toString() {
    return component + " " + action + (field == null ? "" : " " + field + ": " + current + " -> " + desired)
        + (reason == null ? "" : " (" + reason + ")");
  }
}
