package io.rockofages.components.database;

import io.rockofages.engine.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * How the operator knows, after a restart and from the CLI alike, whether the master password in
 * RDS is the one the Secret holds: a salted PBKDF2 fingerprint kept in a tag on the instance. RDS
 * never returns the password; a slow salted hash keeps the tag useless for guessing it. What a
 * process verified it keeps; what an earlier process verified, the operator hands in from status
 * ({@link #remember}), as digests of the tags, for the Secret version they were verified with.
 */
public final class PasswordFingerprint {
  private PasswordFingerprint() {}

  private static final int ITERATIONS = 210_000;
  private static final String PREFIX = "pbkdf2-sha256:" + ITERATIONS + ":";
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Verifying costs ~0.1 s; a resync every minute should not pay it each time. */
  private static final Map<String, Boolean> VERIFIED = new ConcurrentHashMap<>();
  /** Per password (by its SHA-256), digests of fingerprints an earlier process found it to match. */
  private static final Map<String, Set<String>> REMEMBERED = new ConcurrentHashMap<>();
  /** Derivations made, for the tests that show a remembered match costs none. */
  static final AtomicLong DERIVATIONS = new AtomicLong();

  static String create(Secret password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return PREFIX + b64(salt) + ":" + b64(derive(password, salt));
  }

  static boolean matches(Secret password, String fingerprint) {
    if (fingerprint == null || !fingerprint.startsWith(PREFIX)) {
      return false;
    }
    String passwordKey = b64(sha256(password.value()));
    return VERIFIED.computeIfAbsent(fingerprint + "\u0000" + passwordKey, k -> {
      if (REMEMBERED.getOrDefault(passwordKey, Set.of()).contains(digest(fingerprint))) {
        return true;
      }
      String[] parts = fingerprint.substring(PREFIX.length()).split(":");
      return parts.length == 2 && MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]),
          derive(password, Base64.getDecoder().decode(parts[0])));
    });
  }

  /**
   * Takes the fingerprints with these digests as matching the master password (on the database) or
   * the secret made of it (user name and password, on the stack's Secrets Manager secret), without
   * deriving them again.
   */
  public static void remember(Secret password, String username, Collection<String> fingerprintDigests) {
    for (Secret fingerprinted : fingerprinted(password, username)) {
      REMEMBERED.computeIfAbsent(b64(sha256(fingerprinted.value())), k -> ConcurrentHashMap.newKeySet())
          .addAll(fingerprintDigests);
    }
  }

  /** Digests of the fingerprints this process knows the password (or the secret made of it) matches, sorted. */
  public static List<String> knownMatches(Secret password, String username) {
    List<String> suffixes = fingerprinted(password, username).stream().map(f -> "\u0000" + b64(sha256(f.value())))
        .toList();
    return VERIFIED.entrySet().stream().filter(Map.Entry::getValue)
        .flatMap(e -> suffixes.stream().filter(e.getKey()::endsWith)
            .map(suffix -> digest(e.getKey().substring(0, e.getKey().length() - suffix.length()))))
        .distinct().sorted().toList();
  }

  /** What carries a fingerprint of the master password: the password itself, and the secret made of it. */
  private static List<Secret> fingerprinted(Secret password, String username) {
    return List.of(password, PasswordSecretComponent.secretString(username, password));
  }

  /** Forgets everything verified or remembered, as a new process would start (tests). */
  static void forgetAll() {
    VERIFIED.clear();
    REMEMBERED.clear();
  }

  private static String digest(String fingerprint) {
    return b64(sha256(fingerprint));
  }

  private static byte[] derive(Secret password, byte[] salt) {
    DERIVATIONS.incrementAndGet();
    try {
      PBEKeySpec spec = new PBEKeySpec(password.value().toCharArray(), salt, ITERATIONS, 128);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }
}
