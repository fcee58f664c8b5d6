package io.rockofages.components.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.engine.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A match verified by an earlier process, handed in from status as digests, costs no derivation. */
class PasswordFingerprintTest {
  @Test
  void aRememberedMatchIsTakenWithoutDerivingAndOnlyForItsOwnPassword() {
    Secret password = new Secret("remembered-Pa55word");
    Secret secretString = PasswordSecretComponent.secretString("rockofages", password);
    String fingerprint = PasswordFingerprint.create(password);
    String secretsFingerprint = PasswordFingerprint.create(secretString);
    assertTrue(PasswordFingerprint.matches(password, fingerprint));
    assertTrue(PasswordFingerprint.matches(secretString, secretsFingerprint));
    List<String> known = PasswordFingerprint.knownMatches(password, "rockofages");
    assertEquals(2, known.size(), "the database's tag and the secret's");
    assertFalse(fingerprint.contains(known.get(0)) || fingerprint.contains(known.get(1)), "digests, not the tags");

    PasswordFingerprint.forgetAll(); // as a restarted process
    PasswordFingerprint.remember(password, "rockofages", known);
    long derivations = PasswordFingerprint.DERIVATIONS.get();

    assertTrue(PasswordFingerprint.matches(password, fingerprint));
    assertTrue(PasswordFingerprint.matches(secretString, secretsFingerprint));
    assertEquals(derivations, PasswordFingerprint.DERIVATIONS.get(), "no derivation");
    assertFalse(PasswordFingerprint.matches(new Secret("another-Pa55word"), fingerprint));
    assertEquals(derivations + 1, PasswordFingerprint.DERIVATIONS.get(), "another password is checked for real");
  }
}
