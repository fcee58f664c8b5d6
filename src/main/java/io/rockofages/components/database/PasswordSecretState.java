package io.rockofages.components.database;

/**
 * The stack's Secrets Manager secret holding a password the driver supplied, as observed.
 *
 * @param fingerprint the fingerprint tag of the value last written by rockofages
 * @param scheduledForDeletion someone deleted it with a recovery window; it can be restored
 */
public record PasswordSecretState(String name, String arn, String fingerprint, boolean scheduledForDeletion) {}
