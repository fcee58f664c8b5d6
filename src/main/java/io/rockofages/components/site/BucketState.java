package io.rockofages.components.site;

/**
 * The site bucket as observed.
 *
 * @param website index/error documents when website hosting is on, else null
 * @param publicAccessBlocked whether all four public access block settings are on
 * @param tagged whether it carries the stack's ownership tags (untagged only in a create's crash window)
 */
public record BucketState(String name, String region, boolean tagged, boolean encrypted, boolean ownerEnforced,
    boolean publicAccessBlocked, Website website) {

  /** Website hosting settings. */
  public record Website(String indexDocument, String errorDocument) {}
}
