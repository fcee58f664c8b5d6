package io.rockofages.aws;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Paces the requests of one process per AWS service and region, reads and writes in buckets of
 * their own (as EC2 meters them, so reads never hold up a write), shared by every stack: however
 * many stacks reconcile at once, the account sees at most these rates from rockofages. Every
 * attempt counts, retries included. A request that cannot get a permit within {@code maxWait} is
 * not sent and fails as throttled, so the pass gives way and is requeued like any throttled one.
 */
public final class CallRates implements ExecutionInterceptor {
  public static final int DEFAULT_READS_PER_SECOND = 10;
  public static final int DEFAULT_WRITES_PER_SECOND = 3;
  /** What tests against the emulator use: no pacing at all. */
  public static final CallRates UNLIMITED = new CallRates(0, 0, Duration.ofSeconds(1), Duration.ZERO);

  private final int reads;
  private final int writes;
  private final Duration period;
  private final Duration maxWait;
  private final Map<String, RateLimiter> buckets = new ConcurrentHashMap<>();

  /**
   * @param reads per service and region and {@code period}; 0: unlimited
   * @param writes per service and region and {@code period}; 0: unlimited
   * @param maxWait how long a request may wait for a permit before it fails as throttled
   */
  public CallRates(int reads, int writes, Duration period, Duration maxWait) {
    this.reads = reads;
    this.writes = writes;
    this.period = period;
    this.maxWait = maxWait;
  }

  /** AWS_READS_PER_SECOND and AWS_WRITES_PER_SECOND, else the defaults (well under AWS's published EC2 rates). */
  public static CallRates fromEnvironment(Map<String, String> env) {
    return new CallRates(Integer.parseInt(env.getOrDefault("AWS_READS_PER_SECOND",
        String.valueOf(DEFAULT_READS_PER_SECOND))), Integer.parseInt(env.getOrDefault("AWS_WRITES_PER_SECOND",
        String.valueOf(DEFAULT_WRITES_PER_SECOND))), Duration.ofSeconds(1), Duration.ofSeconds(10));
  }

  /** Reads allowed per service, region and period; 0: unlimited. */
  public int reads() {
    return reads;
  }

  /** Writes allowed per service, region and period; 0: unlimited. */
  public int writes() {
    return writes;
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    boolean write = AwsCallMeter.isMutating(operation);
    int rate = write ? writes : reads;
    if (rate <= 0) {
      return;
    }
    String bucket = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
        + (write ? "writes" : "reads") + " in " + attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    RateLimiter limiter = buckets.computeIfAbsent(bucket, name -> RateLimiter.of(name, RateLimiterConfig.custom()
        .limitForPeriod(rate).limitRefreshPeriod(period).timeoutDuration(maxWait).build()));
    if (!limiter.acquirePermission()) {
      throw new StackException(ErrorKind.THROTTLED, operation + " not sent: rockofages' own limit of " + rate + " "
          + bucket + " per " + period.toSeconds() + " s is used up (AWS_" + (write ? "WRITES" : "READS")
          + "_PER_SECOND)");
    }
  }
}
