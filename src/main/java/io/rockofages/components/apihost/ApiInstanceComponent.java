package io.rockofages.components.apihost;

import static io.rockofages.api.Text.blankToNull;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import io.rockofages.api.AdoptSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.ApiSpec;
import io.rockofages.api.Conditions;
import io.rockofages.api.Endpoints;
import io.rockofages.api.EnvVar;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsErrors;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.OwnedResource;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.StackException;
import io.rockofages.aws.Tags;
import io.rockofages.aws.TagsLost;
import io.rockofages.components.network.NetworkComponent;
import io.rockofages.components.securitygroup.SecurityGroupState;
import io.rockofages.engine.Component;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable.Change;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Group;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Link;
import io.rockofages.engine.Outputs;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * The API host: one EC2 instance running the API container. Launched with ownership tags and a
 * deterministic ClientToken, IMDSv2 required and an encrypted root volume. Instance type and
 * security groups change in place (type: stop, modify, start over several passes); image, subnet,
 * key pair and the container (user data) need a new instance.
 */
public final class ApiInstanceComponent extends Component<ApiInstanceComponent.Desired, InstanceState>
    implements Component.Creatable<ApiInstanceComponent.Desired, InstanceState>,
    Component.Updatable<ApiInstanceComponent.Desired, InstanceState>, Component.Deletable<InstanceState>,
    Component.Explainable<ApiInstanceComponent.Desired, InstanceState> {
  public static final Ref<InstanceState> REF = Ref.of("api-instance", InstanceState.class);
  public static final Group GROUP = new Group(Conditions.API_READY);
  public static final String FINGERPRINT_TAG = "rockofages.io/config-fingerprint";
  static final String USER_DATA_FIELD = "container (user data)";
  static final String AL2023_NAME_PATTERN = "al2023-ami-2023.*-x86_64";
  /** The instances asked for in one DescribeInstances page. */
  private static final int INSTANCES_A_PAGE = 1000;
  private static final List<String> LIVE_STATES = List.of("pending", "running", "stopping", "stopped", "shutting-down");
  private static final int MAX_SPENT_TOKENS = 5;
  private static final int DEFAULT_ROOT_VOLUME_GIB = 8;

  /**
   * @param imageId the AMI asked for, or null: the newest Amazon Linux 2023 at launch (not a reason to replace later)
   */
  public record Desired(String imageId, String instanceType, String subnetId, String keyName,
      List<String> securityGroupIds, String instanceProfileArn, String userData) {
    public String fingerprint() {
      return UserData.fingerprint(userData);
    }
  }

  /** The calls one update makes, in the order {@link #update} makes them. */
  private static final class InstanceWork {
    boolean terminateDuplicates;
    boolean setSecurityGroups;
    boolean setInstanceProfile;
    boolean changeType;
    boolean start;
  }

  private static final FieldTable<Desired, InstanceState, InstanceWork> FIELDS =
      FieldTable.<Desired, InstanceState, InstanceWork>builder()
          .custom("state", ApiInstanceComponent::compareState, (work, desired, observed) -> work.start = true)
          .replaceWhen("imageId", (desired, observed) -> desired.imageId() == null
              || desired.imageId().equals(observed.imageId()) ? Optional.empty()
              : Change.replace(observed.imageId(), desired.imageId()))
          .replace("subnetId", Desired::subnetId, InstanceState::subnetId)
          .replace("keyName", Desired::keyName, InstanceState::keyName)
          .replace(USER_DATA_FIELD, Desired::fingerprint, InstanceState::configFingerprint)
          .inPlace("instanceType", Desired::instanceType, InstanceState::instanceType,
              (work, desired, observed) -> work.changeType = true)
          .inPlace("securityGroups", d -> new TreeSet<>(d.securityGroupIds()), o -> new TreeSet<>(o.securityGroupIds()),
              (work, desired, observed) -> work.setSecurityGroups = true)
          .inPlace("instanceProfile", Desired::instanceProfileArn, InstanceState::instanceProfileArn,
              (work, desired, observed) -> work.setInstanceProfile = true)
          .custom("duplicateInstances", (desired, observed) -> observed.duplicateIds().isEmpty() ? Optional.empty()
              : Change.inPlace(observed.duplicateIds(), null), (work, desired, observed) -> work.terminateDuplicates = true)
          .build();

  private final List<Link<?, List<EnvVar>>> environment;

  /**
   * An API host that also receives variables from other components (the database's connection);
   * it depends on them, and a change in what they give (endpoint, where the password is) replaces
   * the host. It wears the stack's instance profile, whose role may read the database password.
   */
  public ApiInstanceComponent(List<Link<?, List<EnvVar>>> environment) {
    super(REF, GROUP, Lifecycle.DEFAULT, Stream.concat(Stream.of(NetworkComponent.REF.ready(),
        ApiSecurityGroup.REF.ready(), ApiInstanceProfileComponent.REF.ready()),
        environment.stream().map(Link::dependency)).toList());
    this.environment = List.copyOf(environment);
  }

  @Override
  public Desired desired(StackContext ctx) {
    ApiSpec api = ctx.spec().getApi();
    String subnetId = blankToNull(api.getSubnetId());
    if (subnetId != null) {
      ctx.observed(NetworkComponent.REF).filter(n -> n.subnet(api.getSubnetId()).isEmpty()).ifPresent(n -> {
        throw new StackException(ErrorKind.INVALID, "spec.api.subnetId " + api.getSubnetId() + " is not a subnet of "
            + n.vpcId() + ", the stack's VPC (spec.network.vpcId, or the region's default VPC)");
      });
    } else {
      subnetId = ctx.observed(NetworkComponent.REF)
          .map(n -> n.defaultApiSubnet().orElseThrow(() -> new StackException(ErrorKind.INVALID,
              n.vpcId() + " has no public subnet for the API host: set spec.api.subnetId")).id())
          .orElse(StackContext.KNOWN_AFTER_APPLY);
    }
    String groupId = ctx.observed(ApiSecurityGroup.REF).map(SecurityGroupState::groupId)
        .orElse(StackContext.KNOWN_AFTER_APPLY);
    String profileArn = ctx.observed(ApiInstanceProfileComponent.REF).map(InstanceProfileState::arn)
        .orElse(StackContext.KNOWN_AFTER_APPLY);
    List<EnvVar> linked = environment.stream().flatMap(link -> link.read(ctx).orElse(List.of()).stream()).toList();
    return new Desired(blankToNull(api.getImageId()), api.getInstanceType(), subnetId, blankToNull(api.getKeyName()),
        List.of(groupId), profileArn, UserData.script(api, linked));
  }

  @Override
  public Optional<InstanceState> observe(StackContext ctx) {
    List<Instance> instances = instancesOf(ctx);
    // Prefer a live instance over one shutting down, one we launched completely (fingerprint tag)
    // over one tagged by hand, and then the oldest.
    List<Instance> ordered = instances.stream()
        .sorted(Comparator.comparing((Instance i) -> "shutting-down".equals(i.state().nameAsString()))
            .thenComparing(i -> fingerprintOf(i) == null)
            .thenComparing(Instance::launchTime, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Instance::instanceId))
        .toList();
    if (ordered.isEmpty()) {
      lastReportedWithoutTags(ctx).ifPresent(lost -> {
        throw lost;
      });
      return Optional.empty();
    }
    Instance kept = ordered.get(0);
    List<String> duplicates = ordered.stream().skip(1)
        .filter(i -> !"shutting-down".equals(i.state().nameAsString())).map(Instance::instanceId).toList();
    return Optional.of(state(kept, duplicates));
  }

  /**
   * The instance the stack last reported, still live but no longer found by its tags (someone
   * removed them): it is ours, and gets its tags back (the configuration fingerprint read from its
   * user data if that tag went too), rather than a second instance being launched beside it.
   */
  private Optional<TagsLost> lastReportedWithoutTags(StackContext ctx) {
    Optional<String> known = ctx.lastReported(name()).filter(id -> id.startsWith("i-"));
    if (known.isEmpty()) {
      return Optional.empty();
    }
    Ec2Client ec2 = ctx.ec2();
    List<Instance> live = AwsErrors.unlessNotFound(() -> ec2.describeInstances(r -> r.instanceIds(known.get()))
        .reservations().stream().flatMap(r -> r.instances().stream())
        .filter(i -> LIVE_STATES.contains(i.state().nameAsString())).toList()).orElse(List.of());
    return live.stream().findFirst().map(instance -> {
      Map<String, String> current = Tags.fromEc2(instance.tags());
      Ownership.requireNotOthers(ctx.stack(), "instance " + instance.instanceId(), current);
      return new TagsLost("instance " + instance.instanceId(), instance.instanceId(), () -> {
        Map<String, String> tags = ctx.ownershipTags(REF.name(), hostName(ctx.stack()));
        tags.put(FINGERPRINT_TAG, current.getOrDefault(FINGERPRINT_TAG, UserData.fingerprint(userData(ec2,
            instance.instanceId()))));
        ec2.createTags(r -> r.resources(instance.instanceId()).tags(Tags.ec2(tags)));
      }, () -> state(instance, List.of()));
    });
  }

  @Override
  public Optional<String> adoptedId(RockOfAgesSpec spec) {
    return spec.getAdopt().named(AdoptSpec::getInstanceId);
  }

  @Override
  protected FieldTable<Desired, InstanceState, InstanceWork> fields() {
    return FIELDS;
  }

  /** Going away needs a new instance; a stopped one is started again. */
  private static Optional<Change> compareState(Desired desired, InstanceState observed) {
    if (observed.isGoingAway()) {
      return Change.replace(observed.state(), "running");
    }
    boolean stopped = "stopped".equals(observed.state()) || "stopping".equals(observed.state());
    return stopped ? Change.inPlace(observed.state(), "running") : Optional.empty();
  }

  @Override
  public Readiness readiness(InstanceState observed) {
    return switch (observed.state()) {
      case "running" -> Readiness.ready();
      case "pending" -> Readiness.creating("instance " + observed.instanceId() + " is starting");
      case "stopping" -> Readiness.progressing("instance " + observed.instanceId() + " is stopping");
      case "stopped" -> Readiness.progressing("instance " + observed.instanceId() + " is stopped");
      case "shutting-down", "terminated" -> Readiness.progressing("instance " + observed.instanceId() + " is going away");
      default -> Readiness.failed("instance " + observed.instanceId() + " is " + observed.state());
    };
  }

  @Override
  public InstanceState create(Desired desired, StackContext ctx) {
    Ec2Client ec2 = ctx.ec2();
    Image image = resolveImage(ec2, desired.imageId(), ctx.region());
    String token = clientToken(ctx.stack(), desired, image.imageId());
    for (int attempt = 0; attempt < MAX_SPENT_TOKENS; attempt++) {
      String clientToken = token;
      Instance launched = ec2.runInstances(r -> r.clientToken(clientToken).minCount(1).maxCount(1)
          .imageId(image.imageId()).instanceType(desired.instanceType()).keyName(desired.keyName())
          .subnetId(desired.subnetId()).securityGroupIds(desired.securityGroupIds())
          .iamInstanceProfile(p -> p.arn(desired.instanceProfileArn()))
          .userData(Base64.getEncoder().encodeToString(desired.userData().getBytes(StandardCharsets.UTF_8)))
          .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED).httpEndpoint(InstanceMetadataEndpointState.ENABLED)
              .httpPutResponseHopLimit(2))
          .blockDeviceMappings(BlockDeviceMapping.builder().deviceName(image.rootDeviceName())
              .ebs(e -> e.encrypted(true).volumeType(VolumeType.GP3).deleteOnTermination(true)
                  .volumeSize(rootVolumeGiB(image))).build())
          .tagSpecifications(Ownership.ec2TagSpec(ResourceType.INSTANCE, instanceTags(ctx, desired)),
              Ownership.ec2TagSpec(ResourceType.VOLUME,
                  ctx.ownershipTags(REF.name(), hostName(ctx.stack())))))
          .instances().get(0);
      InstanceState state = state(launched, List.of());
      if (!state.isGoingAway()) {
        return state;
      }
      // The token was spent on an instance that has since been terminated: derive the next one.
      token = nextClientToken(token, launched.instanceId());
    }
    throw new StackException(ErrorKind.RETRYABLE, "every launch token returned a terminated instance");
  }

  /**
   * A new container (user data) shows as the script lines that differ, read back from the running
   * instance (the fingerprint tag alone cannot say what changed); secret values stay redacted.
   */
  @Override
  public List<String> explain(String field, Desired desired, InstanceState observed, StackContext ctx) {
    if (!USER_DATA_FIELD.equals(field)) {
      return List.of();
    }
    String current = userData(ctx.ec2(), observed.instanceId());
    Patch<String> patch = DiffUtils.diff(UserData.displayLines(current), UserData.displayLines(desired.userData()));
    List<String> lines = new ArrayList<>();
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      delta.getSource().getLines().forEach(line -> lines.add("- " + line));
      delta.getTarget().getLines().forEach(line -> lines.add("+ " + line));
    }
    return lines;
  }

  /** Type changes take several passes: stop, then (once stopped) modify and start. */
  @Override
  public InstanceState update(Desired desired, InstanceState observed, Diff diff, StackContext ctx) {
    InstanceWork work = FIELDS.apply(diff, new InstanceWork(), desired, observed);
    Ec2Client ec2 = ctx.ec2();
    String id = observed.instanceId();
    if (work.terminateDuplicates) {
      ec2.terminateInstances(r -> r.instanceIds(observed.duplicateIds()));
    }
    if (work.setSecurityGroups) {
      ec2.modifyInstanceAttribute(r -> r.instanceId(id).groups(desired.securityGroupIds()));
    }
    if (work.setInstanceProfile) {
      setInstanceProfile(ec2, id, desired.instanceProfileArn());
    }
    String state = observed.state();
    if (work.changeType) {
      if ("stopped".equals(state)) {
        ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(t -> t.value(desired.instanceType())));
        ec2.startInstances(r -> r.instanceIds(id));
      } else if (!"stopping".equals(state)) {
        ec2.stopInstances(r -> r.instanceIds(id));
      }
    } else if (work.start && "stopped".equals(state)) {
      ec2.startInstances(r -> r.instanceIds(id));
    }
    return describe(ec2, id);
  }

  /** A host launched without the profile (or given another) gets the stack's in place: no new instance. */
  private static void setInstanceProfile(Ec2Client ec2, String instanceId, String profileArn) {
    Optional<String> current = ec2.describeIamInstanceProfileAssociations(r -> r.filters(
            Filter.builder().name("instance-id").values(instanceId).build(),
            Filter.builder().name("state").values("associating", "associated").build()))
        .iamInstanceProfileAssociations().stream().map(IamInstanceProfileAssociation::associationId).findFirst();
    if (current.isPresent()) {
      ec2.replaceIamInstanceProfileAssociation(r -> r.associationId(current.get())
          .iamInstanceProfile(p -> p.arn(profileArn)));
    } else {
      ec2.associateIamInstanceProfile(r -> r.instanceId(instanceId).iamInstanceProfile(p -> p.arn(profileArn)));
    }
  }

  private static String userData(Ec2Client ec2, String instanceId) {
    String encoded = ec2.describeInstanceAttribute(r -> r.instanceId(instanceId)
        .attribute(InstanceAttributeName.USER_DATA)).userData().value();
    return encoded == null ? "" : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }

  @Override
  public DeleteResult delete(InstanceState observed, StackContext ctx) {
    List<String> ids = new ArrayList<>(observed.duplicateIds());
    ids.add(observed.instanceId());
    if (!"shutting-down".equals(observed.state()) || !observed.duplicateIds().isEmpty()) {
      ctx.ec2().terminateInstances(r -> r.instanceIds(ids));
    }
    return DeleteResult.inProgress("terminating " + String.join(", ", ids));
  }

  @Override
  public String id(InstanceState observed) {
    return observed.instanceId();
  }

  /**
   * Every instance tagged for the API host is this component's (one is kept, the rest terminated),
   * and so are their volumes, which go with them.
   */
  @Override
  public boolean claims(OwnedResource resource, Optional<InstanceState> observed) {
    return name().equals(resource.component());
  }

  /** The public address and the URL of the API, while the instance has one. */
  @Override
  public Outputs outputs(InstanceState observed, StackContext ctx) {
    if (observed.publicIp() == null || observed.isGoingAway()) {
      return Outputs.NONE;
    }
    int port = ctx.spec().getApi().getHttp().getPort();
    return Outputs.NONE.endpoint(Endpoints.API_PUBLIC_IP, observed.publicIp())
        .endpoint(Endpoints.API, "http://" + observed.publicIp() + (port == 80 ? "" : ":" + port) + "/");
  }

  /**
   * Stable for the same stack and launch configuration, so a RunInstances retried after a crash or a
   * timeout returns the instance the first call made instead of launching a second one.
   */
  public static String clientToken(StackId stack, Desired desired, String imageId) {
    String material = String.join("|", stack.tagValue(), REF.name(), imageId, desired.instanceType(), desired.subnetId(),
        String.valueOf(desired.keyName()), desired.fingerprint());
    return "roa-" + StackId.sha256Hex(material).substring(0, 40);
  }

  public static String nextClientToken(String spentToken, String terminatedInstanceId) {
    return "roa-" + StackId.sha256Hex(spentToken + "|" + terminatedInstanceId).substring(0, 40);
  }

  private static Map<String, String> instanceTags(StackContext ctx, Desired desired) {
    Map<String, String> tags = ctx.ownershipTags(REF.name(), hostName(ctx.stack()));
    tags.put(FINGERPRINT_TAG, desired.fingerprint());
    return tags;
  }

  private static String hostName(StackId stack) {
    return stack.namePrefix(200) + "-api";
  }

  private static Image resolveImage(Ec2Client ec2, String imageId, String region) {
    List<Image> images = imageId != null
        ? ec2.describeImages(r -> r.imageIds(imageId)).images()
        : ec2.describeImages(r -> r.owners("amazon").filters(
            Filter.builder().name("name").values(AL2023_NAME_PATTERN).build(),
            Filter.builder().name("state").values("available").build())).images();
    return images.stream().max(Comparator.comparing(i -> i.creationDate() == null ? "" : i.creationDate()))
        .orElseThrow(() -> new StackException(ErrorKind.INVALID, imageId != null
            ? "AMI " + imageId + " does not exist in " + region + " (spec.api.imageId)"
            : "no Amazon Linux 2023 x86_64 AMI found in " + region + ": set spec.api.imageId"));
  }

  /** The image's own root size: AWS would take it anyway, and some EC2 emulators insist on a size. */
  private static int rootVolumeGiB(Image image) {
    return image.blockDeviceMappings().stream().filter(m -> image.rootDeviceName().equals(m.deviceName()))
        .map(m -> m.ebs() == null ? null : m.ebs().volumeSize()).filter(java.util.Objects::nonNull).findFirst()
        .orElse(DEFAULT_ROOT_VOLUME_GIB);
  }

  private static InstanceState describe(Ec2Client ec2, String instanceId) {
    Instance instance = ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
        .flatMap(r -> r.instances().stream()).findFirst()
        .orElseThrow(() -> new StackException(ErrorKind.RETRYABLE, "instance " + instanceId + " not visible yet"));
    return state(instance, List.of());
  }

  @Override
  public void readAhead(StackContext ctx) {
    ctx.shared().readAhead("every instance in " + ctx.region(), () -> instancesOf(ctx));
  }

  /**
   * The stack's instances, live or going (from the shared listing when the process shares one), in
   * pages of up to a thousand: left to the service's default page (moto's holds a hundred
   * reservations, and each stack launches its own), every stack's instances in two hundred stacks
   * took two calls a look.
   */
  private static List<Instance> instancesOf(StackContext ctx) {
    return Ownership.ec2Owned(ctx.stack(), REF.name(), "instances", ctx.region(), ctx.shared(),
        List.of(Filter.builder().name("instance-state-name").values(LIVE_STATES).build()),
        filters -> ctx.ec2().describeInstancesPaginator(r -> r.filters(filters).maxResults(INSTANCES_A_PAGE))
            .reservations().stream().flatMap(r -> r.instances().stream()).toList(), Instance::tags);
  }

  private static InstanceState state(Instance instance, List<String> duplicates) {
    return new InstanceState(instance.instanceId(), instance.state().nameAsString(), instance.imageId(),
        instance.instanceTypeAsString(), instance.subnetId(), instance.keyName(),
        instance.securityGroups().stream().map(GroupIdentifier::groupId).toList(), instance.publicIpAddress(),
        fingerprintOf(instance), instance.launchTime(),
        instance.iamInstanceProfile() == null ? null : instance.iamInstanceProfile().arn(), duplicates);
  }

  private static String fingerprintOf(Instance instance) {
    return instance.tags().stream().filter(t -> FINGERPRINT_TAG.equals(t.key())).map(Tag::value).findFirst()
        .orElse(null);
  }
}
