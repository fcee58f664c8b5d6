package io.rockofages.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The identity of one stack: the RockOfAges' namespace and name. The operator and the CLI derive
 * it the same way, so both find the same AWS resources through the ownership tags.
 */
public record StackId(String namespace, String name) {
  public StackId {
    if (namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
      throw new IllegalArgumentException("a stack needs a namespace and a name");
    }
  }

  /** The value of the rockofages.io/stack tag. */
  public String tagValue() {
    return namespace + "/" + name;
  }

  /** The stack a rockofages.io/stack tag names; empty for a value no stack would write. */
  public static Optional<StackId> fromTagValue(String tagValue) {
    int slash = tagValue.indexOf('/');
    if (slash < 0 || tagValue.substring(0, slash).isBlank() || tagValue.substring(slash + 1).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new StackId(tagValue.substring(0, slash), tagValue.substring(slash + 1)));
  }

  /** A readable, AWS-safe prefix for names: roa-<namespace>-<name>, shortened with a hash when long. */
  public String namePrefix(int maxLength) {
    String full = "roa-" + namespace + "-" + name;
    if (full.length() <= maxLength) {
      return full;
    }
    String hash = shortHash(8);
    return full.substring(0, maxLength - hash.length() - 1) + "-" + hash;
  }

  /** First {@code hexChars} hex digits of SHA-256 over namespace/name: stable across runs and machines. */
  public String shortHash(int hexChars) {
    return sha256Hex(tagValue()).substring(0, hexChars);
  }

  public static String sha256Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return tagValue();
  }
}
