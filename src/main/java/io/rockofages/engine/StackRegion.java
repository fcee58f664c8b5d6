package io.rockofages.engine;

import static io.rockofages.api.Text.blankToNull;

import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.StackException;

/** Which region a stack lives in: the spec's, else the one recorded when it was first reconciled, else the default. */
public final class StackRegion {
  private StackRegion() {}

  public static String resolve(String specRegion, String recordedRegion, String defaultRegion) {
    String spec = blankToNull(specRegion);
    String recorded = blankToNull(recordedRegion);
    if (spec != null && recorded != null && !spec.equals(recorded)) {
      throw new StackException(ErrorKind.INVALID, "spec.region: the stack lives in " + recorded
          + "; the region is immutable (delete the stack and create it in " + spec + ")");
    }
    String region = spec != null ? spec : recorded != null ? recorded : blankToNull(defaultRegion);
    if (region == null) {
      throw new StackException(ErrorKind.INVALID,
          "spec.region is empty and no default region is configured (set spec.region or AWS_REGION)");
    }
    return region;
  }
}
