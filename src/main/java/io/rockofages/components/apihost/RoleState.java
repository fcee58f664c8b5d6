package io.rockofages.components.apihost;

/**
 * The API host's IAM role as observed.
 *
 * @param policyFingerprint the tag naming the inline policy last written by rockofages; null: none written yet
 */
public record RoleState(String name, String arn, String policyFingerprint) {}
