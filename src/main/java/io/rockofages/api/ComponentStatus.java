package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One AWS resource of the stack as last seen. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ComponentStatus {
  @JsonPropertyDescription("Component name, e.g. api-instance (also in the resource's rockofages.io/component tag).")
  private String name;
  @JsonPropertyDescription("AWS id or ARN of the resource.")
  private String id;
  @JsonPropertyDescription("Pending, Creating, Updating, Replacing, Ready, Deleting, Deleted, Retained, Waiting or Failed.")
  private String state;
  @JsonPropertyDescription("What is happening or what went wrong, with AWS's words where AWS said no.")
  private String message;
  @JsonPropertyDescription("When the operator last wrote this entry after looking at the resource (RFC 3339). Status is only written when something changed.")
  private String lastSyncTime;
  @JsonPropertyDescription("The version of the resource when the operator last found it as the spec asks, and a fingerprint of what it asked (the distribution: when CloudFront last modified it); a restarted operator reads again only what changed since.")
  private String version;

  public ComponentStatus() {}

  public ComponentStatus(String name, String id, String state, String message, String lastSyncTime, String version) {
    this.name = name;
    this.id = id;
    this.state = state;
    this.message = message;
    this.lastSyncTime = lastSyncTime;
    this.version = version;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getLastSyncTime() {
    return lastSyncTime;
  }

  public void setLastSyncTime(String lastSyncTime) {
    this.lastSyncTime = lastSyncTime;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  /** Equal apart from lastSyncTime: a sync that found nothing new is not a status change. */
  public boolean sameAs(ComponentStatus other) {
    return other != null && Objects.equals(name, other.name) && Objects.equals(id, other.id)
        && Objects.equals(state, other.state) && Objects.equals(message, other.message)
        && Objects.equals(version, other.version);
  }
}
