package io.rockofages.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How to reach AWS. Credentials come from the SDK's default chain (environment, profile, IRSA web
 * identity) unless a provider is given; {@code AWS_ENDPOINT_URL} points every client at another
 * endpoint (an emulator), with S3 switched to path-style addressing. Calls are paced per service
 * and region ({@link CallRates}).
 */
public record AwsSettings(Optional<URI> endpoint, AwsCredentialsProvider credentials, int maxAttempts,
    CallRates rates, SharedReads.Windows sharedReads) {
  public static final String ENDPOINT_ENV = "AWS_ENDPOINT_URL";
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Unpaced, nothing shared between stacks: for the emulator in tests. */
  public AwsSettings(Optional<URI> endpoint, AwsCredentialsProvider credentials, int maxAttempts) {
    this(endpoint, credentials, maxAttempts, CallRates.UNLIMITED, SharedReads.Windows.NONE);
  }

  /** Static keys when the given environment has them (as the SDK's chain would read first), else the default chain. */
  public static AwsSettings fromEnvironment(Map<String, String> env) {
    Optional<URI> endpoint = Optional.ofNullable(env.get(ENDPOINT_ENV)).filter(s -> !s.isBlank()).map(URI::create);
    String keyId = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    AwsCredentialsProvider credentials = keyId != null && secret != null
        ? StaticCredentialsProvider.create(env.get("AWS_SESSION_TOKEN") == null
            ? AwsBasicCredentials.create(keyId, secret)
            : AwsSessionCredentials.create(keyId, secret, env.get("AWS_SESSION_TOKEN")))
        : DefaultCredentialsProvider.builder().build();
    return new AwsSettings(endpoint, credentials, DEFAULT_MAX_ATTEMPTS, CallRates.fromEnvironment(env),
        SharedReads.Windows.NONE);
  }

  public AwsSettings withMaxAttempts(int attempts) {
    return new AwsSettings(endpoint, credentials, attempts, rates, sharedReads);
  }

  /** Observations shared by the stacks of the process, each served this long (the operator's many stacks). */
  public AwsSettings withSharedReads(SharedReads.Windows windows) {
    return new AwsSettings(endpoint, credentials, maxAttempts, rates, windows);
  }
}
