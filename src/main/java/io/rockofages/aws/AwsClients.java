package io.rockofages.aws;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The one place AWS clients are built: endpoint override, credentials, retries with backoff, the
 * pacing and the call meter are set here for every service, so no client is configured differently.
 * Clients are cached per region and closed together.
 */
public final class AwsClients implements AutoCloseable {
  private static final String GLOBAL = "global";
  /** Where the tagging API lists global resources (CloudFront's). */
  private static final String GLOBAL_RESOURCES_REGION = "us-east-1";
  private final AwsSettings settings;
  private final AwsCallMeter meter;
  private final List<ExecutionInterceptor> extraInterceptors;
  private static final Duration BASE_BACKOFF = Duration.ofMillis(100);
  private static final Duration THROTTLED_BASE_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(4);
  private final CallDeadline deadline = new CallDeadline(Clock.systemUTC());
  private final SharedReads shared;
  private final Map<String, Ec2Client> ec2 = new ConcurrentHashMap<>();
  private final Map<String, RdsClient> rds = new ConcurrentHashMap<>();
  private final Map<String, S3Client> s3 = new ConcurrentHashMap<>();
  private final Map<String, CloudFrontClient> cloudFront = new ConcurrentHashMap<>();
  private final Map<String, IamClient> iam = new ConcurrentHashMap<>();
  private final Map<String, SecretsManagerClient> secretsManager = new ConcurrentHashMap<>();
  private final Map<String, ResourceGroupsTaggingApiClient> tagging = new ConcurrentHashMap<>();

  public AwsClients(AwsSettings settings, AwsCallMeter meter) {
    this(settings, meter, List.of());
  }

  /** {@code extraInterceptors} lets tests inject faults (a crash after a call) at the transport edge. */
  public AwsClients(AwsSettings settings, AwsCallMeter meter, List<ExecutionInterceptor> extraInterceptors) {
    this.settings = settings;
    this.meter = meter;
    this.extraInterceptors = List.copyOf(extraInterceptors);
    this.shared = new SharedReads(settings.sharedReads(), Clock.systemUTC());
  }

  public AwsCallMeter meter() {
    return meter;
  }

  /** What the stacks of this process read once for all of them. */
  public SharedReads shared() {
    return shared;
  }

  public AwsServices forRegion(String region) {
    return new AwsServices(region, ec2(region), rds(region), s3(region), cloudFront(), iam(), secretsManager(region),
        tagging(region), tagging(GLOBAL_RESOURCES_REGION), shared);
  }

  /**
   * Builds {@code region}'s clients on a thread of their own and returns at once: building them
   * loads much of the SDK (about a second on two cores), which a process starting does while it
   * waits for Kubernetes instead of in its first pass. A failure is left to the pass, which builds
   * them again and reports it.
   */
  public CompletableFuture<AwsServices> buildAhead(String region) {
    return CompletableFuture.supplyAsync(() -> forRegion(region), build -> {
      Thread builder = new Thread(build, "aws-clients-ahead");
      builder.setDaemon(true);
      builder.start();
    });
  }

  public Ec2Client ec2(String region) {
    return ec2.computeIfAbsent(region, r -> configure(Ec2Client.builder(), "EC2", r).build());
  }

  public RdsClient rds(String region) {
    return rds.computeIfAbsent(region, r -> configure(RdsClient.builder(), "RDS", r).build());
  }

  public ResourceGroupsTaggingApiClient tagging(String region) {
    return tagging.computeIfAbsent(region, r -> configure(ResourceGroupsTaggingApiClient.builder(),
        "RESOURCE_GROUPS_TAGGING_API", r).build());
  }

  /** Path-style addressing whenever S3's endpoint is another: emulators do not serve bucket subdomains. */
  public S3Client s3(String region) {
    return s3.computeIfAbsent(region, r -> configure(S3Client.builder(), "S3", r)
        .forcePathStyle(settings.endpoints().of("S3").isPresent()).build());
  }

  /** CloudFront is global; its API lives in us-east-1. */
  public CloudFrontClient cloudFront() {
    return cloudFront.computeIfAbsent(GLOBAL, r -> configure(CloudFrontClient.builder(), "CLOUDFRONT",
        Region.AWS_GLOBAL.id()).build());
  }

  /** IAM is global too. */
  public IamClient iam() {
    return iam.computeIfAbsent(GLOBAL, r -> configure(IamClient.builder(), "IAM", Region.AWS_GLOBAL.id()).build());
  }

  public SecretsManagerClient secretsManager(String region) {
    return secretsManager.computeIfAbsent(region, r -> configure(SecretsManagerClient.builder(), "SECRETS_MANAGER",
        r).build());
  }

  /** Calls stop starting after a moment the driver sets (the CLI's --timeout). */
  public CallDeadline deadline() {
    return deadline;
  }

  /**
   * The SDK's adaptive retries (exponential backoff with full jitter, and a client that slows its
   * own sending once AWS throttles it), with the waits capped: a pass that meets throttling gives way
   * within seconds and the driver requeues it, rather than one call sleeping up to the SDK's 20 s
   * between attempts.
   */
  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, String service, String region) {
    ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(settings.maxAttempts())
            .backoffStrategy(BackoffStrategy.exponentialDelay(BASE_BACKOFF, MAX_BACKOFF))
            .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(THROTTLED_BASE_BACKOFF, MAX_BACKOFF)).build())
        .addExecutionInterceptor(deadline)
        .addExecutionInterceptor(settings.rates())
        .addExecutionInterceptor(meter);
    extraInterceptors.forEach(override::addExecutionInterceptor);
    builder.region(Region.of(region)).credentialsProvider(settings.credentials()).overrideConfiguration(override.build());
    settings.endpoints().of(service).ifPresent(builder::endpointOverride);
    return builder;
  }

  @Override
  public void close() {
    ec2.values().forEach(Ec2Client::close);
    ec2.clear();
    rds.values().forEach(RdsClient::close);
    rds.clear();
    s3.values().forEach(S3Client::close);
    s3.clear();
    cloudFront.values().forEach(CloudFrontClient::close);
    cloudFront.clear();
    iam.values().forEach(IamClient::close);
    iam.clear();
    secretsManager.values().forEach(SecretsManagerClient::close);
    secretsManager.clear();
    tagging.values().forEach(ResourceGroupsTaggingApiClient::close);
    tagging.clear();
  }
}
