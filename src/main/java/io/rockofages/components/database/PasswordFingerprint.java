package io.rockofages.components.database;

import io.rockofages.engine.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * How the operator knows, after a restart and from the CLI alike, whether the master password in
 * RDS is the one the Secret holds: a salted PBKDF2 fingerprint kept in a tag on the instance. RDS
 * never returns the password; a slow salted hash keeps the tag useless for guessing it.
 */
final class PasswordFingerprint {
  private PasswordFingerprint() {}

  private static final int ITERATIONS = 210_000;
  private static final String PREFIX = "pbkdf2-sha256:" + ITERATIONS + ":";
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Verifying costs ~0.1 s; a resync every minute should not pay it each time. */
  private static final Map<String, Boolean> VERIFIED = new ConcurrentHashMap<>();

  static String create(Secret password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return PREFIX + b64(salt) + ":" + b64(derive(password, salt));
  }

  static boolean matches(Secret password, String fingerprint) {
    if (fingerprint == null || !fingerprint.startsWith(PREFIX)) {
      return false;
    }
    String cacheKey = fingerprint + "\u0000" + b64(sha256(password.value()));
    return VERIFIED.computeIfAbsent(cacheKey, k -> {
      String[] parts = fingerprint.substring(PREFIX.length()).split(":");
      return parts.length == 2 && MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]),
          derive(password, Base64.getDecoder().decode(parts[0])));
    });
  }

  private static byte[] derive(Secret password, byte[] salt) {
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
