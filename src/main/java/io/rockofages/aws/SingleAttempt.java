package io.rockofages.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;

/**
 * For a create AWS cannot recognise when it comes twice (no idempotency token, no unique name): the
 * SDK's own retry after a lost answer would make a second resource. With this plugin on the request
 * it is sent once; a lost answer fails the pass, and the next pass finds what the call made by its
 * ownership tags. Creates that AWS deduplicates (ClientToken, CallerReference, unique names) keep
 * the SDK's retries.
 */
public final class SingleAttempt implements SdkPlugin {
  public static final SingleAttempt PLUGIN = new SingleAttempt();

  private SingleAttempt() {}

  @Override
  public void configureClient(SdkServiceClientConfiguration.Builder config) {
    config.overrideConfiguration(config.overrideConfiguration().toBuilder()
        .retryStrategy(AwsRetryStrategy.doNotRetry()).build());
  }
}
