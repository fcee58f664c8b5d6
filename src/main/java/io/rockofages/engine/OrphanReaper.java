package io.rockofages.engine;

import io.rockofages.aws.OwnedResource;

/** Deletes a resource tagged for a stack that no component claims (spec.orphanPolicy Delete). */
@FunctionalInterface
public interface OrphanReaper {
  /** One non-blocking step; returns the orphan's state for status (Deleting, Deleted, or why it stays). */
  String delete(OwnedResource orphan, StackContext ctx);

  /** For engines that delete no orphans: refuses, so the orphan shows as not deleted and nothing counts as changed. */
  OrphanReaper NONE = (orphan, ctx) -> {
    throw new UnsupportedOperationException("this engine deletes no orphans");
  };
}
