package io.rockofages.engine;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsServices;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a component may look at during one pass: the stack identity, the spec, the AWS clients of
 * the stack's region, and the observed state of the components already visited in this pass.
 */
public final class StackContext {
  /** Shown in a plan wherever a value is only known once a dependency exists. */
  public static final String KNOWN_AFTER_APPLY = "(known after apply)";

  private final StackId stack;
  private final RockOfAgesSpec spec;
  private final AwsServices aws;
  private final Clock clock;
  private final StackInputs inputs;
  private final Map<String, Object> observed = new HashMap<>();

  public StackContext(StackId stack, RockOfAgesSpec spec, AwsServices aws, Clock clock) {
    this(stack, spec, aws, clock, StackInputs.none());
  }

  /** {@code inputs}: what the driver read from Secrets, ConfigMaps or files for this pass. */
  public StackContext(StackId stack, RockOfAgesSpec spec, AwsServices aws, Clock clock, StackInputs inputs) {
    this.stack = stack;
    this.spec = spec;
    this.aws = aws;
    this.clock = clock;
    this.inputs = inputs;
  }

  public StackId stack() {
    return stack;
  }

  public RockOfAgesSpec spec() {
    return spec;
  }

  public String region() {
    return aws.region();
  }

  public Ec2Client ec2() {
    return aws.ec2();
  }

  public Clock clock() {
    return clock;
  }

  public RdsClient rds() {
    return aws.rds();
  }

  /** The database master password; a driver that plans a database always supplies one. */
  public Secret databasePassword() {
    return inputs.databasePassword()
        .orElseThrow(() -> new IllegalStateException("no database password was supplied"));
  }

  /** The site's files, when the spec names a source; empty: leave the bucket's content alone. */
  public Optional<Map<String, byte[]>> siteContent() {
    return inputs.siteContent();
  }

  public S3Client s3() {
    return aws.s3();
  }

  public CloudFrontClient cloudFront() {
    return aws.cloudFront();
  }

  /** The observed state of a dependency, when it exists (recorded by the engine as it visits components). */
  public <T> Optional<T> observedOf(String component, Class<T> type) {
    return Optional.ofNullable(observed.get(component)).map(type::cast);
  }

  public void recordObserved(String component, Object state) {
    if (state == null) {
      observed.remove(component);
    } else {
      observed.put(component, state);
    }
  }
}
