package io.rockofages.aws;

import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * A moment after which no AWS call starts: the CLI's {@code --timeout}. A pass that meets it fails
 * its remaining calls at once instead of working through them, each with its retries; a call
 * already under way ends within its (capped) retries. Without a moment set, it never fires.
 */
public final class CallDeadline implements ExecutionInterceptor {
  private final Clock clock;
  private volatile Instant at = Instant.MAX;

  public CallDeadline(Clock clock) {
    this.clock = clock;
  }

  public void set(Instant moment) {
    at = moment;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (clock.instant().isAfter(at)) {
      throw SdkClientException.create("not sent: the time allowed (--timeout) ran out");
    }
  }
}
