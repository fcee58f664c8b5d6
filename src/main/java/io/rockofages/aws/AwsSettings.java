package io.rockofages.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * How to reach AWS. Credentials come from the SDK's default chain (environment, profile, IRSA web
 * identity) unless a provider is given; {@code AWS_ENDPOINT_URL} points every client at another
 * endpoint (an emulator), with S3 switched to path-style addressing.
 */
public record AwsSettings(Optional<URI> endpoint, AwsCredentialsProvider credentials, int maxAttempts) {
  public static final String ENDPOINT_ENV = "AWS_ENDPOINT_URL";
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  public static AwsSettings fromEnvironment(Map<String, String> env) {
    Optional<URI> endpoint = Optional.ofNullable(env.get(ENDPOINT_ENV)).filter(s -> !s.isBlank()).map(URI::create);
    return new AwsSettings(endpoint, DefaultCredentialsProvider.builder().build(), DEFAULT_MAX_ATTEMPTS);
  }

  public AwsSettings withMaxAttempts(int attempts) {
    return new AwsSettings(endpoint, credentials, attempts);
  }
}
