package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which password fingerprint tags a version of the referenced password Secret was found to match,
 * so that an operator after a restart need not derive them again. Only SHA-256 digests of the tags
 * are kept: they say nothing of the password (the tags themselves are salted PBKDF2).
 */
public class PasswordCheck {
  @JsonPropertyDescription("The resourceVersion of the password Secret the check is for.")
  private String secretResourceVersion;
  @JsonPropertyDescription("SHA-256 digests of the fingerprint tags that Secret version matches.")
  private List<String> fingerprintDigests = new ArrayList<>();

  public PasswordCheck() {}

  public PasswordCheck(String secretResourceVersion, List<String> fingerprintDigests) {
    this.secretResourceVersion = secretResourceVersion;
    setFingerprintDigests(fingerprintDigests);
  }

  public String getSecretResourceVersion() {
    return secretResourceVersion;
  }

  public void setSecretResourceVersion(String secretResourceVersion) {
    this.secretResourceVersion = secretResourceVersion;
  }

  public List<String> getFingerprintDigests() {
    return fingerprintDigests;
  }

  public void setFingerprintDigests(List<String> fingerprintDigests) {
    this.fingerprintDigests = fingerprintDigests == null ? new ArrayList<>() : new ArrayList<>(fingerprintDigests);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordCheck c && Objects.equals(secretResourceVersion, c.secretResourceVersion)
        && Objects.equals(fingerprintDigests, c.fingerprintDigests);
  }

  @Override
  public int hashCode() {
    return Objects.hash(secretResourceVersion, fingerprintDigests);
  }
}
