package io.rockofages.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.rockofages.api.Annotations;
import io.rockofages.api.ComponentStatus;
import io.rockofages.api.Conditions;
import io.rockofages.api.Conditions.Phase;
import io.rockofages.api.DeletionPolicy;
import io.rockofages.api.PasswordCheck;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.RockOfAgesStatus;
import io.rockofages.api.SpecSchema;
import io.rockofages.api.StackId;
import io.rockofages.aws.Actor;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.StackException;
import io.rockofages.components.StackCatalog;
import io.rockofages.components.database.PasswordFingerprint;
import io.rockofages.engine.Connection;
import io.rockofages.engine.PassResult;
import io.rockofages.engine.StackContext;
import io.rockofages.engine.StackInputs;
import io.rockofages.engine.StackRegion;
import io.rockofages.engine.StatusAggregator;
import io.rockofages.engine.Timing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the stack engine from Kubernetes: one engine pass per reconcile, status written only when
 * it changed, a requeue chosen by what the pass found, and a finalizer that tears the stack down
 * step by step (or leaves AWS alone with deletionPolicy Retain).
 */
public final class RockOfAgesReconciler implements Reconciler<RockOfAges>, Cleaner<RockOfAges> {
  public static final String FINALIZER = "rockofages.io/finalizer";
  static final String PAUSED = "paused by the annotation " + Annotations.PAUSED
      + ": no AWS calls until it is removed";
  static final String DELETION_PAUSED = "deletion waits: the stack is paused by the annotation " + Annotations.PAUSED
      + "; remove it to let the deletion go on";
  private static final Logger LOG = LoggerFactory.getLogger(RockOfAgesReconciler.class);

  private final AwsClients aws;
  private final OperatorConfig config;
  private final Timing timing;
  private final EventRecorder events;
  private final OperatorMetrics metrics;
  private final DatabaseSecrets secrets;
  private final KubernetesClient client;
  private final Clock clock;
  private final Actor actor;
  private final StartRound startRound;
  private final PassQueue passes;

  RockOfAgesReconciler(AwsClients aws, OperatorConfig config, EventRecorder events, OperatorMetrics metrics,
      DatabaseSecrets secrets, KubernetesClient client, PassQueue passes, Clock clock) {
    this.client = client;
    this.passes = passes;
    this.aws = aws;
    this.secrets = secrets;
    this.config = config;
    this.timing = Timing.defaults(config.resync()).withProgress(config.progress());
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.actor = Actor.operator(config.clusterName());
    this.startRound = new StartRound(aws.shared());
  }

  @Override
  public UpdateControl<RockOfAges> reconcile(RockOfAges resource, Context<RockOfAges> context) {
    try {
      return reconcilePass(resource, context);
    } finally {
      startRound.passed(ResourceID.fromResource(resource), context.getPrimaryCache());
    }
  }

  private UpdateControl<RockOfAges> reconcilePass(RockOfAges resource, Context<RockOfAges> context) {
    RockOfAgesStatus previous = resource.getStatus();
    long generation = generation(resource);
    if (Annotations.paused(resource)) {
      if (previous == null || !Phase.Paused.name().equals(previous.getPhase())) {
        events.emit(resource, "Normal", "Paused", PAUSED);
      }
      metrics.countPass("reconcile", "paused");
      return writeStatus(context, resource, previous,
          StatusAggregator.paused(PAUSED, previous, generation, clock.instant()), timing.resync());
    }
    Optional<Prepared> prepared = prepare(resource, previous, generation);
    if (prepared.isEmpty()) {
      metrics.countPass("reconcile", "invalid");
      return writeStatus(context, resource, previous, resource.getStatus(), timing.resync());
    }
    StackContext stack = prepared.get().context();
    PassResult pass = StackCatalog.engineFor(resource.getSpec()).reconcile(stack);
    RockOfAgesStatus status = StatusAggregator.aggregate(pass, previous, generation, clock.instant());
    status.setRegion(stack.region());
    status.setPasswordCheck(prepared.get().passwordCheck().orElse(null));
    events.record(resource, pass, previous);
    events.recordDrift(resource, previous, status);
    publishConnections(resource, pass);
    metrics.countPass("reconcile", status.getPhase());
    LOG.info("{}/{} generation {}: {}", resource.getMetadata().getNamespace(), resource.getMetadata().getName(),
        generation, status.getPhase());
    if (timing.underWay(pass)) {
      // A stack on its way (a create, a repair the drift watch asked for) is followed up before routine resyncs.
      passes.hurry(ResourceID.fromResource(resource));
    }
    return writeStatus(context, resource, previous, status, timing.next(pass, notReadyFor(status, clock.instant())));
  }

  @Override
  public DeleteControl cleanup(RockOfAges resource, Context<RockOfAges> context) {
    try {
      return cleanupPass(resource, context);
    } finally {
      startRound.passed(ResourceID.fromResource(resource), context.getPrimaryCache());
    }
  }

  private DeleteControl cleanupPass(RockOfAges resource, Context<RockOfAges> context) {
    RockOfAgesStatus previous = resource.getStatus();
    if (Annotations.paused(resource)) {
      if (previous == null || !previous.condition(Conditions.PAUSED).map(c -> DELETION_PAUSED.equals(c.getMessage()))
          .orElse(false)) {
        events.emit(resource, "Warning", "DeletionPaused", DELETION_PAUSED);
        writeStatusDuringDeletion(context, resource, StatusAggregator.paused(DELETION_PAUSED, previous,
            generation(resource), clock.instant()));
      }
      metrics.countPass("cleanup", "paused");
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(Timing.spread(timing.resync()));
    }
    Optional<String> leftAlone = awsLeftAloneOnDelete(resource.getSpec());
    if (leftAlone.isPresent()) {
      events.emit(resource, "Normal", "Retained", leftAlone.get() + ": AWS resources left in place");
      return DeleteControl.defaultDelete();
    }
    String region;
    try {
      region = region(resource, previous);
    } catch (StackException e) {
      // No region was ever resolved, so nothing was ever created.
      return DeleteControl.defaultDelete();
    }
    StackContext ctx = new StackContext(stackId(resource), resource.getSpec(), aws.forRegion(region), clock,
        knownToThisOperator(previous));
    PassResult pass = StackCatalog.engineFor(resource.getSpec()).destroy(ctx);
    events.record(resource, pass, previous);
    metrics.countPass("cleanup", pass.allGone() ? "done" : "in-progress");
    if (pass.allGone()) {
      return DeleteControl.defaultDelete();
    }
    RockOfAgesStatus status = StatusAggregator.aggregate(pass, previous, generation(resource), clock.instant());
    status.setRegion(region);
    if (!status.sameAs(previous)) {
      writeStatusDuringDeletion(context, resource, status);
    }
    Duration deletingFor = Duration.between(Instant.parse(resource.getMetadata().getDeletionTimestamp()),
        clock.instant());
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(Timing.spread(timing.next(pass, deletingFor)));
  }

  /**
   * How long a stack has not been Ready: since its Ready condition last changed (Ready, or none yet:
   * zero). A time that does not parse (status written by someone else) counts as now, so the worst
   * it does is a follow-up a little soon, never a pass that fails on it.
   */
  static Duration notReadyFor(RockOfAgesStatus status, Instant now) {
    return status.condition(Conditions.READY).filter(ready -> !ready.isTrue())
        .map(ready -> Duration.between(parsedOr(ready.getLastTransitionTime(), now), now)).orElse(Duration.ZERO);
  }

  private static Instant parsedOr(String time, Instant otherwise) {
    try {
      return time == null ? otherwise : Instant.parse(time);
    } catch (DateTimeParseException e) {
      return otherwise;
    }
  }

  /** Why deleting the resource touches nothing in AWS, if the spec says so (or there is no spec to go by). */
  private static Optional<String> awsLeftAloneOnDelete(RockOfAgesSpec spec) {
    if (spec == null) {
      return Optional.of("no spec");
    }
    if (spec.observeOnly()) {
      return Optional.of("managementPolicy Observe");
    }
    return spec.getDeletionPolicy() == DeletionPolicy.Retain ? Optional.of("deletionPolicy Retain") : Optional.empty();
  }

  /**
   * Watches Secrets and ConfigMaps so a password or site edit reaches AWS without waiting for the
   * resync: an event maps to the RockOfAges in its namespace whose password or site files it holds.
   * The drift watch does the same for a change made in AWS to what the stacks share a listing of.
   */
  @Override
  public List<EventSource<?, RockOfAges>> prepareEventSources(EventSourceContext<RockOfAges> context) {
    return List.of(watch(Secret.class, DatabaseSecrets::passwordSecretName, DatabaseSecrets.WATCHED, context),
        watch(ConfigMap.class, SiteFiles::configMapName, null, context),
        new DriftWatch(aws.shared(), passes::hurry, config.sharedReadsFor(), config.resync().multipliedBy(2),
            metrics::lookTook));
  }

  /**
   * An informer on {@code kind} whose events reach the RockOfAges that names the object (same
   * namespace). Secrets are watched only with the label {@code rockofages.io/watched=true} (the
   * operator's own carry it; a user's password Secret may), so no Secret of anyone else is cached.
   */
  private static <R extends HasMetadata> InformerEventSource<R, RockOfAges> watch(Class<R> kind,
      Function<RockOfAges, Optional<String>> namedBy, String labelSelector, EventSourceContext<RockOfAges> context) {
    InformerEventSourceConfiguration<R> configuration = InformerEventSourceConfiguration.from(kind, RockOfAges.class)
        .withLabelSelector(labelSelector)
        .withSecondaryToPrimaryMapper(object -> context.getPrimaryCache().list(object.getMetadata().getNamespace())
            .filter(r -> namedBy.apply(r).map(object.getMetadata().getName()::equals).orElse(false))
            .map(ResourceID::fromResource).collect(Collectors.toSet()))
        .build();
    return new InformerEventSource<>(configuration, context);
  }

  /** Applications get a Secret for each connection a ready component offers (values never logged). */
  private void publishConnections(RockOfAges resource, PassResult pass) {
    for (Connection connection : pass.connections()) {
      if (secrets.publish(resource, connection)) {
        events.emit(resource, "Normal", "ConnectionSecretWritten", "Secret " + connection.secretName()
            + " holds the connection to " + connection.target());
      }
    }
  }

  /** Validates the spec and resolves the region; on failure the resource's status says why and empty is returned. */
  /** A pass ready to run, and the version of the password Secret it read (when the spec references one). */
  private record Prepared(StackContext context, Optional<String> passwordVersion) {
    /** What the pass verified of the password, for the next process to remember. */
    Optional<PasswordCheck> passwordCheck() {
      return passwordVersion.map(version -> new PasswordCheck(version, PasswordFingerprint.knownMatches(
          context.databasePassword().orElseThrow(), context.spec().getDatabase().getMasterUsername())));
    }
  }

  private Optional<Prepared> prepare(RockOfAges resource, RockOfAgesStatus previous, long generation) {
    List<String> problems = SpecSchema.get().problems(Serialization.jsonMapper().valueToTree(resource));
    String region = null;
    PassInputs inputs = null;
    if (problems.isEmpty()) {
      try {
        region = region(resource, previous);
        inputs = inputs(resource, previous);
      } catch (StackException e) {
        problems = List.of(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      String message = String.join("; ", problems);
      if (previous == null || previous.condition("Stalled").map(c -> !message.equals(c.getMessage())).orElse(true)) {
        events.emit(resource, "Warning", "InvalidSpec", message);
      }
      resource.setStatus(StatusAggregator.rejected(message, previous, generation, clock.instant()));
      return Optional.empty();
    }
    return Optional.of(new Prepared(new StackContext(stackId(resource), resource.getSpec(), aws.forRegion(region),
        clock, inputs.inputs()), inputs.passwordVersion()));
  }

  /** What a pass is handed, and the version of the password Secret read for it. */
  private record PassInputs(StackInputs inputs, Optional<String> passwordVersion) {}

  /**
   * The password and site files this pass needs, read from Secrets and ConfigMaps, and the ids last
   * reported. What status says an earlier process verified of this password version is remembered.
   */
  private PassInputs inputs(RockOfAges resource, RockOfAgesStatus previous) {
    StackInputs inputs = knownToThisOperator(previous);
    Optional<DatabaseSecrets.MasterPassword> password = secrets.masterPassword(resource);
    if (password.isPresent()) {
      inputs = inputs.withDatabasePassword(password.get().value());
      PasswordCheck checked = previous == null ? null : previous.getPasswordCheck();
      if (checked != null && password.get().version().equals(checked.getSecretResourceVersion())) {
        PasswordFingerprint.remember(password.get().value(), resource.getSpec().getDatabase().getMasterUsername(),
            checked.getFingerprintDigests());
      }
    }
    Optional<String> contentSource = SiteFiles.configMapName(resource);
    if (contentSource.isPresent()) {
      ConfigMap files = client.configMaps().inNamespace(resource.getMetadata().getNamespace())
          .withName(contentSource.get()).get();
      if (files == null) {
        throw new StackException(ErrorKind.INVALID, "spec.site.contentFrom: ConfigMap " + contentSource.get()
            + " not found in namespace " + resource.getMetadata().getNamespace());
      }
      inputs = inputs.withSiteContent(SiteFiles.of(files));
    }
    return new PassInputs(inputs, password.map(DatabaseSecrets.MasterPassword::version));
  }

  /**
   * What every pass of this operator starts from, reconciling or tearing down: the ids (and
   * versions) status last reported, and the operator as the actor.
   */
  private StackInputs knownToThisOperator(RockOfAgesStatus previous) {
    return StackInputs.none().withKnown(lastReported(previous, ComponentStatus::getId),
        lastReported(previous, ComponentStatus::getVersion)).withActor(actor);
  }

  /**
   * Component name to what status last reported of its resource: its AWS id, so a resource that
   * lost the stack's tag is still recognised as the stack's own, when reconciling and when tearing
   * down; its version, so a restarted operator need not read again what did not change.
   */
  private static Map<String, String> lastReported(RockOfAgesStatus previous, Function<ComponentStatus, String> what) {
    return previous == null || previous.getComponents() == null ? Map.of()
        : previous.getComponents().stream().filter(c -> c.getName() != null && what.apply(c) != null)
            .collect(Collectors.toMap(ComponentStatus::getName, what, (first, second) -> first));
  }

  /**
   * The updates of a RockOfAges worth a pass: a new generation (spec), the deletion just asked for,
   * the finalizer just added, or a change of a steering annotation. Status and other metadata changes
   * are not, also while a deletion runs (its own status writes would start pass after pass).
   */
  static boolean worthAPass(RockOfAges newer, RockOfAges older) {
    return generation(newer) != generation(older) || newer.isMarkedForDeletion() && !older.isMarkedForDeletion()
        || newer.hasFinalizer(FINALIZER) && !older.hasFinalizer(FINALIZER)
        || Annotations.steeringChanged(newer, older);
  }

  /** Status is written only when it changed; the reconcile request it answered is always in it. */
  private static UpdateControl<RockOfAges> writeStatus(Context<RockOfAges> context, RockOfAges resource,
      RockOfAgesStatus previous, RockOfAgesStatus status, Duration next) {
    status.setLastHandledReconcileAt(Annotations.reconcileRequestedAt(resource).orElse(null));
    if (!status.sameAs(previous)) {
      replaceStatus(context, resource, status);
    }
    return UpdateControl.<RockOfAges>noUpdate().rescheduleAfter(Timing.spread(next));
  }

  /** Teardown progress in status, best effort: the finalizer logic does not depend on it. */
  private static void writeStatusDuringDeletion(Context<RockOfAges> context, RockOfAges resource,
      RockOfAgesStatus status) {
    try {
      replaceStatus(context, resource, status);
    } catch (KubernetesClientException | OperatorException e) {
      LOG.debug("status during deletion not written: {}", e.getMessage());
    }
  }

  /**
   * Replaces the status whole (an update of the status subresource, locked on the resourceVersion the
   * pass started from) and keeps the answer in JOSDK's cache, so the stack's next pass starts from this
   * status even if the watch has not brought it back yet. JOSDK's own status patch does neither: a pass
   * soon after could start from the copy before it, and a JSON patch computed on that copy removes list
   * entries (conditions) by indexes the stored status no longer has. A conflict (the resource changed
   * meanwhile: a spec edit) is retried on the newer copy once JOSDK's cache has it.
   */
  private static void replaceStatus(Context<RockOfAges> context, RockOfAges resource, RockOfAgesStatus status) {
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(resource, context, latest -> {
      latest.setStatus(status);
      return latest;
    });
  }

  /** The spec's region, else the one recorded in status, else the operator's default. */
  private String region(RockOfAges resource, RockOfAgesStatus previous) {
    return StackRegion.resolve(resource.getSpec().getRegion(), previous == null ? null : previous.getRegion(),
        config.defaultRegion());
  }

  private static long generation(RockOfAges resource) {
    return Optional.ofNullable(resource.getMetadata().getGeneration()).orElse(0L);
  }

  static StackId stackId(RockOfAges resource) {
    return new StackId(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }
}
