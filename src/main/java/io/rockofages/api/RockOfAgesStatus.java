package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the operator last saw in AWS, in the shape kubectl, kstatus and Argo CD read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RockOfAgesStatus {
  @JsonPropertyDescription("The metadata.generation the status describes.")
  private Long observedGeneration;
  @JsonPropertyDescription("The AWS region the stack lives in (spec.region, or the operator's default when the spec had none).")
  private String region;
  @JsonPropertyDescription("Pending, Provisioning, Ready, Degraded, Deleting, Failed, Paused, or OutOfSync (managementPolicy Observe and AWS differs from the spec).")
  private String phase;
  @JsonPropertyDescription("Ready, Reconciling, Stalled, NetworkReady, ApiReady, DatabaseReady (with a database), SecurityAdvisory; Paused while paused; ObserveOnly with managementPolicy Observe.")
  private List<Condition> conditions = new ArrayList<>();
  @JsonPropertyDescription("Each AWS resource of the stack, in dependency order.")
  private List<ComponentStatus> components = new ArrayList<>();
  @JsonPropertyDescription("Where the stack is reached.")
  private Endpoints endpoints = new Endpoints();
  @JsonPropertyDescription("Things the spec asked for that weaken security, e.g. SSH open to the internet.")
  private List<String> warnings = new ArrayList<>();
  @JsonPropertyDescription("The changes the next pass would make to AWS (and those refused, with why); empty when AWS matches the spec.")
  private List<PlannedChange> plan = new ArrayList<>();
  @JsonPropertyDescription("The last 20 differences found in AWS that the spec did not ask for, and when each was put back.")
  private List<DriftRecord> drift = new ArrayList<>();
  @JsonPropertyDescription("How many drifts the operator has found in this stack so far.")
  private Long driftCount;
  @JsonPropertyDescription("Resources tagged for this stack that no component claims (see spec.orphanPolicy).")
  private List<OrphanStatus> orphans = new ArrayList<>();
  @JsonPropertyDescription("The value of the annotation rockofages.io/reconcile-requested-at that the last pass handled.")
  private String lastHandledReconcileAt;
  @JsonPropertyDescription("Which password fingerprint tags the password Secret's current version matches (digests only), so a restart need not derive them again.")
  private PasswordCheck passwordCheck;

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions == null ? new ArrayList<>() : conditions;
  }

  public List<ComponentStatus> getComponents() {
    return components;
  }

  public void setComponents(List<ComponentStatus> components) {
    this.components = components == null ? new ArrayList<>() : components;
  }

  public Endpoints getEndpoints() {
    return endpoints;
  }

  public void setEndpoints(Endpoints endpoints) {
    this.endpoints = endpoints == null ? new Endpoints() : endpoints;
  }

  public List<String> getWarnings() {
    return warnings;
  }

  public void setWarnings(List<String> warnings) {
    this.warnings = warnings == null ? new ArrayList<>() : warnings;
  }

  public List<PlannedChange> getPlan() {
    return plan;
  }

  public void setPlan(List<PlannedChange> plan) {
    this.plan = plan == null ? new ArrayList<>() : plan;
  }

  public List<DriftRecord> getDrift() {
    return drift;
  }

  public void setDrift(List<DriftRecord> drift) {
    this.drift = drift == null ? new ArrayList<>() : drift;
  }

  public Long getDriftCount() {
    return driftCount;
  }

  public void setDriftCount(Long driftCount) {
    this.driftCount = driftCount;
  }

  public List<OrphanStatus> getOrphans() {
    return orphans;
  }

  public void setOrphans(List<OrphanStatus> orphans) {
    this.orphans = orphans == null ? new ArrayList<>() : orphans;
  }

  public String getLastHandledReconcileAt() {
    return lastHandledReconcileAt;
  }

  public void setLastHandledReconcileAt(String lastHandledReconcileAt) {
    this.lastHandledReconcileAt = lastHandledReconcileAt;
  }

  public PasswordCheck getPasswordCheck() {
    return passwordCheck;
  }

  public void setPasswordCheck(PasswordCheck passwordCheck) {
    this.passwordCheck = passwordCheck;
  }

  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  @JsonIgnore
  public boolean isReady() {
    return condition(Conditions.READY).map(Condition::isTrue).orElse(false);
  }

  /** Equal for the purpose of "should the status be patched": component sync times do not count. */
  public boolean sameAs(RockOfAgesStatus other) {
    if (other == null || components.size() != other.components.size()) {
      return false;
    }
    for (int i = 0; i < components.size(); i++) {
      if (!components.get(i).sameAs(other.components.get(i))) {
        return false;
      }
    }
    return Objects.equals(observedGeneration, other.observedGeneration) && Objects.equals(region, other.region)
        && Objects.equals(phase, other.phase)
        && Objects.equals(conditions, other.conditions) && Objects.equals(endpoints, other.endpoints)
        && Objects.equals(warnings, other.warnings) && Objects.equals(plan, other.plan)
        && Objects.equals(drift, other.drift) && Objects.equals(driftCount, other.driftCount)
        && Objects.equals(orphans, other.orphans)
        && Objects.equals(lastHandledReconcileAt, other.lastHandledReconcileAt)
        && Objects.equals(passwordCheck, other.passwordCheck);
  }
}
