package io.rockofages.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How to reach AWS. Credentials come from the SDK's default chain (environment, profile, IRSA web
 * identity) unless a provider is given; {@link Endpoints} may send calls to another endpoint (an
 * emulator), with S3 then switched to path-style addressing. Calls are paced per service and region
 * ({@link CallRates}).
 */
public record AwsSettings(Endpoints endpoints, AwsCredentialsProvider credentials, int maxAttempts,
    CallRates rates, SharedReads.Windows sharedReads) {
  public static final String ENDPOINT_ENV = "AWS_ENDPOINT_URL";
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /**
   * Where calls go instead of AWS, as the AWS SDKs and CLI read it: {@code AWS_ENDPOINT_URL} for
   * every service, {@code AWS_ENDPOINT_URL_<SERVICE>} (S3, EC2, RDS, CLOUDFRONT, IAM,
   * SECRETS_MANAGER, RESOURCE_GROUPS_TAGGING_API) for one, before the former.
   */
  public record Endpoints(Optional<URI> everyService, Map<String, URI> byService) {
    public Endpoints {
      byService = Map.copyOf(byService);
    }

    static Endpoints fromEnvironment(Map<String, String> env) {
      Map<String, URI> byService = new TreeMap<>();
      env.forEach((name, value) -> {
        if (name.startsWith(ENDPOINT_ENV + "_") && !value.isBlank()) {
          byService.put(name.substring(ENDPOINT_ENV.length() + 1), URI.create(value));
        }
      });
      return new Endpoints(Optional.ofNullable(env.get(ENDPOINT_ENV)).filter(s -> !s.isBlank()).map(URI::create),
          byService);
    }

    /** The endpoint for {@code service}, named as in its variable (e.g. "S3"); empty for AWS itself. */
    public Optional<URI> of(String service) {
      return Optional.ofNullable(byService.get(service)).or(() -> everyService);
    }
  }

  /** Unpaced, nothing shared between stacks: for the emulator in tests. */
  public AwsSettings(Optional<URI> endpoint, AwsCredentialsProvider credentials, int maxAttempts) {
    this(new Endpoints(endpoint, Map.of()), credentials, maxAttempts, CallRates.UNLIMITED, SharedReads.Windows.NONE);
  }

  /** Static keys when the given environment has them (as the SDK's chain would read first), else the default chain. */
  public static AwsSettings fromEnvironment(Map<String, String> env) {
    String keyId = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    AwsCredentialsProvider credentials = keyId != null && secret != null
        ? StaticCredentialsProvider.create(env.get("AWS_SESSION_TOKEN") == null
            ? AwsBasicCredentials.create(keyId, secret)
            : AwsSessionCredentials.create(keyId, secret, env.get("AWS_SESSION_TOKEN")))
        : DefaultCredentialsProvider.builder().build();
    return new AwsSettings(Endpoints.fromEnvironment(env), credentials, DEFAULT_MAX_ATTEMPTS,
        CallRates.fromEnvironment(env), SharedReads.Windows.NONE);
  }

  public AwsSettings withMaxAttempts(int attempts) {
    return new AwsSettings(endpoints, credentials, attempts, rates, sharedReads);
  }

  /** Observations shared by the stacks of the process, each served this long (the operator's many stacks). */
  public AwsSettings withSharedReads(SharedReads.Windows windows) {
    return new AwsSettings(endpoints, credentials, maxAttempts, rates, windows);
  }
}
