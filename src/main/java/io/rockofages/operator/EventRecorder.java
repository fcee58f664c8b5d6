package io.rockofages.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.rockofages.api.ComponentStatus;
import io.rockofages.api.DriftRecord;
import io.rockofages.api.OrphanStatus;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.RockOfAgesStatus;
import io.rockofages.engine.Action;
import io.rockofages.engine.ComponentOutcome;
import io.rockofages.engine.ComponentState;
import io.rockofages.engine.PassResult;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events on the RockOfAges: one for each AWS change, one for each new error (an error
 * that persists across resyncs is not repeated). Messages carry ids and AWS's words, never values.
 */
final class EventRecorder {
  static final String COMPONENT = "rockofages-operator";
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private final KubernetesClient client;
  private final Clock clock;

  EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void record(RockOfAges resource, PassResult pass, RockOfAgesStatus previous) {
    for (ComponentOutcome o : pass.outcomes()) {
      if (o.changedAws()) {
        emit(resource, "Normal", reasonFor(o), o.name() + (o.id() == null ? "" : " " + o.id()) + ": " + o.message());
      } else if (o.error() != null && !sameAsBefore(o, previous)) {
        emit(resource, "Warning", "Aws" + camel(o.error().name()), o.name() + ": " + o.message());
      }
    }
    List<String> known = previous == null ? List.of() : previous.getOrphans().stream().map(OrphanStatus::getArn).toList();
    for (PassResult.Orphan orphan : pass.orphans()) {
      if (orphan.changedAws()) {
        emit(resource, "Normal", "OrphanDeleting", orphan.resource().arn() + ": " + orphan.state());
      } else if (!known.contains(orphan.resource().arn())) {
        emit(resource, "Warning", "OrphanFound", orphan.resource().arn() + " is tagged for this stack but no component "
            + "claims it (" + orphan.state() + "; spec.orphanPolicy Delete would delete it)");
      }
    }
  }

  /**
   * One event per drift put back in this pass, and one per drift found and not (yet) put back (under
   * managementPolicy Observe it stays): nobody has to read logs to learn that someone opened port 22.
   */
  void recordDrift(RockOfAges resource, RockOfAgesStatus previous, RockOfAgesStatus status) {
    List<DriftRecord> before = previous == null ? List.of() : previous.getDrift();
    status.getDrift().stream().filter(r -> r.getRepairedAt() == null)
        .filter(r -> before.stream().noneMatch(b -> b.sameDifference(r) && b.getRepairedAt() == null))
        .forEach(r -> emit(resource, "Warning", "DriftFound", r.getComponent() + " " + r.getField() + " was changed "
            + "outside the spec (found " + r.getFound() + ", the spec says " + r.getExpected() + ")"));
    status.getDrift().stream().filter(r -> r.getRepairedAt() != null)
        .filter(r -> before.stream().noneMatch(b -> b.sameDifference(r) && b.getRepairedAt() != null))
        .forEach(r -> emit(resource, "Warning", "DriftRepaired", r.getComponent() + " " + r.getField() + " was changed "
            + "outside the spec (found " + r.getFound() + "); put back to " + r.getExpected()));
  }

  void emit(RockOfAges resource, String type, String reason, String message) {
    String now = clock.instant().toString();
    Event event = new EventBuilder()
        .withNewMetadata().withGenerateName(resource.getMetadata().getName() + "-")
        .withNamespace(resource.getMetadata().getNamespace()).endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(resource.getApiVersion())
            .withKind(resource.getKind()).withName(resource.getMetadata().getName())
            .withNamespace(resource.getMetadata().getNamespace()).withUid(resource.getMetadata().getUid())
            .withResourceVersion(resource.getMetadata().getResourceVersion()).build())
        .withType(type).withReason(reason).withMessage(message)
        .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource().withReportingComponent(COMPONENT)
        .build();
    try {
      client.v1().events().inNamespace(resource.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      // An event that cannot be written must not fail the reconcile that made the change.
      LOG.warn("could not record event {} on {}/{}: {}", reason, resource.getMetadata().getNamespace(),
          resource.getMetadata().getName(), e.getMessage());
    }
  }

  private static boolean sameAsBefore(ComponentOutcome outcome, RockOfAgesStatus previous) {
    if (previous == null) {
      return false;
    }
    return previous.getComponents().stream().filter(c -> c.getName().equals(outcome.name()))
        .map(ComponentStatus::getMessage).anyMatch(m -> Objects.equals(m, outcome.message()));
  }

  private static String reasonFor(ComponentOutcome outcome) {
    if (outcome.action() == Action.DELETE) {
      return outcome.state() == ComponentState.Deleted ? "Deleted" : "Deleting";
    }
    return switch (outcome.action()) {
      case CREATE -> "Created";
      case REPLACE -> "Replaced";
      default -> "Updated";
    };
  }

  private static String camel(String constant) {
    StringBuilder out = new StringBuilder();
    for (String part : constant.split("_")) {
      out.append(part.charAt(0)).append(part.substring(1).toLowerCase());
    }
    return out.toString();
  }
}
