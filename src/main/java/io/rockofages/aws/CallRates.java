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
  /**
   * S3 serves thousands of requests a second per bucket prefix, and its reads are the ones made per
   * stack (six a full stack's pass, where EC2's are shared): held to EC2's rates, 200 stacks could
   * not be read once a minute; at 100 a second, their resyncs every 15 s took 80 % of it and a
   * restart 12 s of S3 reads alone. Used unless AWS_READS_PER_SECOND or AWS_WRITES_PER_SECOND is set.
   */
  public static final Rate DEFAULT_S3 = new Rate(200, 20);
  /** What tests against the emulator use: no pacing at all. */
  public static final CallRates UNLIMITED = new CallRates(0, 0, Duration.ofSeconds(1), Duration.ZERO);

  /** Requests allowed per period in a service and region; 0: unlimited. */
  public record Rate(int reads, int writes) {}

  private final Rate rate;
  private final Map<String, Rate> byService;
  private final Duration period;
  private final Duration maxWait;
  private final Map<String, RateLimiter> buckets = new ConcurrentHashMap<>();

  /**
   * @param reads per service and region and {@code period}; 0: unlimited
   * @param writes per service and region and {@code period}; 0: unlimited
   * @param maxWait how long a request may wait for a permit before it fails as throttled
   */
  public CallRates(int reads, int writes, Duration period, Duration maxWait) {
    this(new Rate(reads, writes), Map.of(), period, maxWait);
  }

  private CallRates(Rate rate, Map<String, Rate> byService, Duration period, Duration maxWait) {
    this.rate = rate;
    this.byService = byService;
    this.period = period;
    this.maxWait = maxWait;
  }

  /**
   * AWS_READS_PER_SECOND and AWS_WRITES_PER_SECOND for every service; without either, the defaults
   * (well under AWS's published EC2 rates) and S3's own.
   */
  public static CallRates fromEnvironment(Map<String, String> env) {
    Rate rate = new Rate(Integer.parseInt(env.getOrDefault("AWS_READS_PER_SECOND",
        String.valueOf(DEFAULT_READS_PER_SECOND))), Integer.parseInt(env.getOrDefault("AWS_WRITES_PER_SECOND",
        String.valueOf(DEFAULT_WRITES_PER_SECOND))));
    boolean set = env.containsKey("AWS_READS_PER_SECOND") || env.containsKey("AWS_WRITES_PER_SECOND");
    return new CallRates(rate, set ? Map.of() : Map.of("S3", DEFAULT_S3), Duration.ofSeconds(1),
        Duration.ofSeconds(10));
  }

  /** What {@code service} (as the SDK names it: "Ec2", "S3") may send per region and period. */
  public Rate of(String service) {
    return byService.getOrDefault(service, rate);
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    boolean write = AwsCallMeter.isMutating(operation);
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    int rate = write ? of(service).writes() : of(service).reads();
    if (rate <= 0) {
      return;
    }
    String bucket = service + " " + (write ? "writes" : "reads") + " in "
        + attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
    RateLimiter limiter = buckets.computeIfAbsent(bucket, name -> RateLimiter.of(name, RateLimiterConfig.custom()
        .limitForPeriod(rate).limitRefreshPeriod(period).timeoutDuration(maxWait).build()));
    if (!limiter.acquirePermission()) {
      throw new StackException(ErrorKind.THROTTLED, operation + " not sent: rockofages' own limit of " + rate + " "
          + bucket + " per " + period.toSeconds() + " s is used up (AWS_" + (write ? "WRITES" : "READS")
          + "_PER_SECOND)");
    }
  }
}
