package io.rockofages.engine;

import io.rockofages.aws.OwnedResource;

/** Deletes a resource tagged for a stack that no component claims (spec.orphanPolicy Delete). */
@FunctionalInterface
public interface OrphanReaper {
  /** One non-blocking step; returns the orphan's state for status (Deleting, Deleted, or why it stays). */
  String delete(OwnedResource orphan, StackContext ctx);

  /** For stacks whose orphans are only ever reported. */
  OrphanReaper REPORT_ONLY = (orphan, ctx) -> "Reported";
}
