package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A difference found in AWS that the spec did not ask for: someone changed the resource behind the operator's back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DriftRecord {
  @JsonPropertyDescription("The component that drifted, e.g. api-security-group.")
  private String component;
  @JsonPropertyDescription("The field that drifted (\"exists\" for a resource deleted behind the operator's back).")
  private String field;
  @JsonPropertyDescription("What the spec asks for.")
  private String expected;
  @JsonPropertyDescription("What was found in AWS.")
  private String found;
  @JsonPropertyDescription("When the operator first saw it (RFC 3339).")
  private String firstSeen;
  @JsonPropertyDescription("When the operator put it back (RFC 3339); absent while not repaired.")
  private String repairedAt;

  public DriftRecord() {}

  public DriftRecord(String component, String field, String expected, String found, String firstSeen,
      String repairedAt) {
    this.component = component;
    this.field = field;
    this.expected = expected;
    this.found = found;
    this.firstSeen = firstSeen;
    this.repairedAt = repairedAt;
  }

  public DriftRecord(DriftRecord other) {
    this(other.component, other.field, other.expected, other.found, other.firstSeen, other.repairedAt);
  }

  /** The same drift: one component's field found with the same value. */
  public boolean sameDifference(DriftRecord other) {
    return Objects.equals(component, other.component) && Objects.equals(field, other.field)
        && Objects.equals(expected, other.expected) && Objects.equals(found, other.found);
  }

  public String getComponent() {
    return component;
  }

  public void setComponent(String component) {
    this.component = component;
  }

  public String getField() {
    return field;
  }

  public void setField(String field) {
    this.field = field;
  }

  public String getExpected() {
    return expected;
  }

  public void setExpected(String expected) {
    this.expected = expected;
  }

  public String getFound() {
    return found;
  }

  public void setFound(String found) {
    this.found = found;
  }

  public String getFirstSeen() {
    return firstSeen;
  }

  public void setFirstSeen(String firstSeen) {
    this.firstSeen = firstSeen;
  }

  public String getRepairedAt() {
    return repairedAt;
  }

  public void setRepairedAt(String repairedAt) {
    this.repairedAt = repairedAt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriftRecord d && sameDifference(d) && Objects.equals(firstSeen, d.firstSeen)
        && Objects.equals(repairedAt, d.repairedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(component, field, expected, found, firstSeen, repairedAt);
  }

  @Override
  public String toString() {
    return component + " " + field + ": expected " + expected + ", found " + found;
  }
}
