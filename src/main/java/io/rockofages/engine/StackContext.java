package io.rockofages.engine;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.Actor;
import io.rockofages.aws.ArnTags;
import io.rockofages.aws.AwsErrors;
import io.rockofages.aws.AwsServices;
import io.rockofages.aws.Inventory;
import io.rockofages.aws.OwnedResource;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.SharedReads;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What a component may look at during one pass: the stack identity, the spec, the AWS clients of
 * the stack's region, and the observed state of the components already visited in this pass. The
 * engine hands each component a view scoped to it ({@link #scopedTo}) in which only its declared
 * dependencies (and itself) can be read; reading anything else fails, so a dependency cannot be
 * used without being declared.
 */
public final class StackContext {
  /** Shown in a plan wherever a value is only known once a dependency exists. */
  public static final String KNOWN_AFTER_APPLY = "(known after apply)";
  private static final Logger LOG = LoggerFactory.getLogger(StackContext.class);
  /** What a stack owns, as its own observation ({@link #ownReads}): only its own writes forget it. */
  private static final String INVENTORY = "inventory";

  private final StackId stack;
  private final RockOfAgesSpec spec;
  private final AwsServices aws;
  private final Clock clock;
  private final StackInputs inputs;
  private final Map<String, Object> observed;
  /** The component this view belongs to and the names it may read; null for the driver's unscoped context. */
  private final String reader;
  private final Set<String> readable;
  /** What spec.adopt names for the reader, if anything. */
  private final Optional<String> adopted;

  public StackContext(StackId stack, RockOfAgesSpec spec, AwsServices aws, Clock clock) {
    this(stack, spec, aws, clock, StackInputs.none());
  }

  /** {@code inputs}: what the driver read from Secrets, ConfigMaps or files for this pass. */
  public StackContext(StackId stack, RockOfAgesSpec spec, AwsServices aws, Clock clock, StackInputs inputs) {
    this(stack, spec, aws, clock, inputs, new HashMap<>(), null, Set.of(), Optional.empty());
  }

  private StackContext(StackId stack, RockOfAgesSpec spec, AwsServices aws, Clock clock, StackInputs inputs,
      Map<String, Object> observed, String reader, Set<String> readable, Optional<String> adopted) {
    this.stack = stack;
    this.spec = spec;
    this.aws = aws;
    this.clock = clock;
    this.inputs = inputs;
    this.observed = observed;
    this.reader = reader;
    this.readable = readable;
    this.adopted = adopted;
  }

  /** The same pass, for components torn down with another spec (sections removed from this one). */
  public StackContext withSpec(RockOfAgesSpec otherSpec) {
    return new StackContext(stack, otherSpec, aws, clock, inputs, observed, reader, readable, adopted);
  }

  /**
   * What AWS holds for this stack by its ownership tags (one tagging-API listing). When the listing
   * fails the pass goes on without it: removed sections and orphans wait for a pass that can list,
   * and nothing the spec asks for is held back by it. Shared reads take it from one listing of
   * every stack's (a process starting with hundreds of stacks lists once, not once a stack), kept
   * for {@link SharedReads#CONFIRMED_FOR}; a stack new since, or that wrote since
   * ({@link #forgetAfterWrite}), lists its own, kept as long: only a write changes what a stack
   * owns, so a resource tagged for it from outside shows within that time.
   */
  public Inventory inventory() {
    try {
      return ownReads().partOf(everyStacksInventory(), INVENTORY, stack.tagValue(), Function.identity(),
          () -> Inventory.read(aws.tagging(), stack), everyAnswer -> true);
    } catch (RuntimeException e) {
      LOG.warn("{}: could not list what the stack owns, so removed sections and orphans wait for the next pass: {}",
          stack, AwsErrors.describe(e));
      return Inventory.EMPTY;
    }
  }

  /** Starts the listing {@link #inventory} takes the stack's part of ({@link SharedReads#readAhead}). */
  public void readInventoryAhead() {
    shared().readAhead(everyStacksInventory());
  }

  /**
   * Starts {@code listing}, the tags of every stack's resources of this component's kind, ahead
   * ({@link SharedReads#readAhead}) when this stack has reported its resource: a pass reads the tags
   * only of a resource that exists, so on a create they would be read for nothing.
   */
  public void readTagsAheadIfReported(SharedReads.Listing<?> listing) {
    if (lastReported(reader).isPresent()) {
      shared().readAhead(listing);
    }
  }

  private SharedReads.Listing<Inventory> everyStacksInventory() {
    return new SharedReads.Listing<>("every stack's inventory", "in " + region(),
        () -> Inventory.readEvery(aws.tagging()));
  }

  /** The same pass seen by {@code component}: it reads only itself and what it declares it depends on. */
  public StackContext scopedTo(Component<?, ?> component) {
    Set<String> names = Stream.concat(Stream.of(component.name()),
        component.dependencies().stream().map(d -> d.ref().name())).collect(Collectors.toUnmodifiableSet());
    return new StackContext(stack, spec, aws, clock, inputs, observed, component.name(), names,
        component.adoptedId(spec));
  }

  public StackId stack() {
    return stack;
  }

  /**
   * The tags a resource this stack makes for {@code component} carries ({@link Ownership#tags}), with
   * the actor's mark ({@link Actor}), in a map of the caller's own: an operator's resources are marked
   * by the calls that make them, not by a tag write each afterwards ({@link #markForActor} marks only
   * what others made), which at three writes a second a service paced the creation of many stacks.
   */
  public Map<String, String> ownershipTags(String component, String readableName) {
    Map<String, String> tags = new HashMap<>(Ownership.tags(stack, component, readableName));
    inputs.actor().mark().ifPresent(mark -> tags.put(Actor.TAG, mark));
    return tags;
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

  /**
   * The database master password the driver read (a Kubernetes Secret, a file); empty when the spec
   * lets RDS keep the password in Secrets Manager.
   */
  public Optional<Secret> databasePassword() {
    return inputs.databasePassword();
  }

  /**
   * {@code id} when it is what this stack last reported for {@code component} (its status), else
   * null: a resource that lost its ownership tags behind our back is still known to be ours by it.
   */
  public String ifLastReported(String component, String id) {
    return lastReported(component).filter(known -> known.equals(id)).orElse(null);
  }

  /** Whether this stack's status reports {@code id} for {@code component} (not merely spec.adopt naming it). */
  public boolean inStatus(String component, String id) {
    return id.equals(inputs.knownIds().get(component));
  }

  /**
   * The id this stack last reported for {@code component}, if any; before it has reported one, the
   * existing resource spec.adopt names for it (a component asks this for itself).
   */
  public Optional<String> lastReported(String component) {
    return Optional.ofNullable(inputs.knownIds().get(component))
        .or(() -> component.equals(reader) ? adopted : Optional.empty());
  }

  /**
   * What this stack last reported of {@code component}'s resource beside its id
   * ({@link Component#version}), if anything.
   */
  public Optional<String> lastReportedVersion(String component) {
    return Optional.ofNullable(inputs.knownVersions().get(component));
  }

  /** Whether {@code id} is known to this component only because spec.adopt names it: it is being adopted. */
  public boolean adopting(String id) {
    return reader != null && !inputs.knownIds().containsKey(reader) && adopted.filter(id::equals).isPresent();
  }

  /** Observations the stacks of this process share. */
  public SharedReads shared() {
    return aws.shared();
  }

  /** What this stack reads of its own resources, kept apart from other stacks' (their writes do not forget it). */
  public SharedReads.ForStack ownReads() {
    return aws.shared().forStack(stack.tagValue());
  }

  /** Who drives this pass. */
  public Actor actor() {
    return inputs.actor();
  }

  /**
   * Marks the stack's resources that lack the actor's mark (an operator taking over a stack the CLI
   * made, or resources created since the last pass). A resource that cannot be marked now is marked
   * by a later pass; nothing else waits for it.
   */
  void markForActor(Inventory inventory) {
    inputs.actor().mark().ifPresent(mark -> {
      List<OwnedResource> unmarked = inputs.actor().unmarked(inventory);
      unmarked.forEach(resource -> {
        try {
          ArnTags.add(aws, resource, Map.of(Actor.TAG, mark));
        } catch (RuntimeException e) {
          LOG.warn("{}: {} not marked as managed by {} yet: {}", stack, resource.arn(), mark, AwsErrors.describe(e));
        }
      });
      if (!unmarked.isEmpty()) {
        forgetInventory(); // the marks (or some of them) changed the tags the inventory lists
      }
    });
  }

  /**
   * After {@code component} wrote to AWS (or may have): its observations and the stack's inventory
   * are read again by the next reader, so no stack goes on reading from before the write.
   */
  public void forgetAfterWrite(String component) {
    ownReads().forget(component);
    forgetInventory();
  }

  void forgetInventory() {
    ownReads().forget(INVENTORY);
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

  /** The tagging API of the stack's region. */
  public ResourceGroupsTaggingApiClient tagging() {
    return aws.tagging();
  }

  /** The tagging API where AWS lists CloudFront's resources. */
  public ResourceGroupsTaggingApiClient globalTagging() {
    return aws.globalTagging();
  }

  public IamClient iam() {
    return aws.iam();
  }

  public SecretsManagerClient secretsManager() {
    return aws.secretsManager();
  }

  /**
   * The observed state of a dependency, when it exists (recorded by the engine as it visits
   * components). A component reading what it did not declare is a bug: it fails at once.
   */
  public <T> Optional<T> observed(Ref<T> component) {
    if (reader != null && !readable.contains(component.name())) {
      throw new IllegalStateException(reader + " reads " + component.name() + " without declaring it a dependency");
    }
    return Optional.ofNullable(observed.get(component.name())).map(component.type()::cast);
  }

  /** Records what {@code component} is in AWS now (empty: it does not exist). */
  public <T> void record(Ref<T> component, Optional<T> state) {
    if (state.isPresent()) {
      observed.put(component.name(), state.get());
    } else {
      observed.remove(component.name());
    }
  }
}
