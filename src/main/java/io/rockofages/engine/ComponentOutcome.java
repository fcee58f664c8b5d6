package io.rockofages.engine;

import io.rockofages.aws.ErrorKind;
import java.util.List;
import java.util.Optional;

/**
 * What one pass found and did for one component.
 *
 * @param changes the field-level changes found (and, unless planning, acted on)
 * @param error set when the component failed, with how to handle it
 * @param changedAws whether this pass called a mutating AWS API for it
 * @param version what status keeps of the resource beside its id ({@link Component#version}); null: nothing
 */
public record ComponentOutcome(String name, Group group, Action action, List<FieldChange> changes,
    ComponentState state, String id, String message, ErrorKind error, boolean changedAws, String version) {

  public ComponentOutcome {
    changes = List.copyOf(changes);
  }

  public Optional<ErrorKind> errorKind() {
    return Optional.ofNullable(error);
  }

  public boolean isReady() {
    return state == ComponentState.Ready;
  }

  public boolean isGone() {
    return state == ComponentState.Deleted || state == ComponentState.Retained;
  }
}
