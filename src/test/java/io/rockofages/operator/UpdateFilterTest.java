package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.Annotations;
import io.rockofages.api.RockOfAges;
import io.rockofages.testing.Specs;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Which updates of a RockOfAges start a pass (the filter the operator registers in place of JOSDK's). */
class UpdateFilterTest {
  @Test
  void statusLabelsAndOtherAnnotationsDoNotStartAPass() {
    assertFalse(worthAPass(r -> r.getMetadata().setLabels(Map.of("team", "web"))));
    assertFalse(worthAPass(r -> r.getMetadata().setAnnotations(Map.of("note", "hello"))));
    assertFalse(worthAPass(r -> r.getMetadata().setResourceVersion("99")));
  }

  @Test
  void aStatusWriteWhileTheDeletionRunsDoesNotStartAnotherPass() {
    RockOfAges older = stack();
    older.getMetadata().setDeletionTimestamp("2026-11-26T21:00:00Z");
    RockOfAges newer = stack();
    newer.getMetadata().setDeletionTimestamp("2026-11-26T21:00:00Z");
    newer.getMetadata().setResourceVersion("100");

    assertFalse(RockOfAgesReconciler.worthAPass(newer, older));
  }

  @Test
  void aNewGenerationTheDeletionTheFinalizerAndTheSteeringAnnotationsDo() {
    assertTrue(worthAPass(r -> r.getMetadata().setGeneration(2L)));
    assertTrue(worthAPass(r -> r.getMetadata().setDeletionTimestamp("2026-11-26T21:00:00Z")));
    assertTrue(worthAPass(r -> r.getMetadata().setFinalizers(List.of(RockOfAgesReconciler.FINALIZER))));
    assertTrue(worthAPass(r -> r.getMetadata().setAnnotations(Map.of(Annotations.PAUSED, "true"))));
    assertTrue(worthAPass(r -> r.getMetadata().setAnnotations(Map.of(Annotations.RECONCILE_REQUESTED_AT, "now"))));
  }

  private static boolean worthAPass(Consumer<RockOfAges> edit) {
    RockOfAges newer = stack();
    edit.accept(newer);
    return RockOfAgesReconciler.worthAPass(newer, stack());
  }

  private static RockOfAges stack() {
    RockOfAges resource = Specs.resource("shop", "rock", Specs.minimal());
    resource.getMetadata().setGeneration(1L);
    resource.getMetadata().setResourceVersion("7");
    return resource;
  }
}
