package io.rockofages.engine;

import static io.rockofages.testing.FakeComponent.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.OrphanPolicy;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.SharedReads;
import io.rockofages.aws.AwsServices;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.StackException;
import io.rockofages.testing.FakeComponent.Resource;
import io.rockofages.testing.FakeComponent.World;
import io.rockofages.testing.FakeComponent;
import io.rockofages.testing.Specs;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;

/** The engine on its own, driven through in-memory components: what it does, in what order, and what it refuses. */
class StackEngineTest {
  private static final RockOfAgesSpec SPEC = Specs.minimal();

  /** What a pass does to the stack. */
  enum Run {
    PLAN, RECONCILE, DESTROY
  }

  /**
   * One row: the world before, the stack, one pass, and what it must have written and reported.
   *
   * @param states expected state per component, in stack order
   */
  record Scenario(String name, Consumer<World> before, Function<World, List<Component<?, ?>>> stack, Run run,
      List<String> writes, Map<String, ComponentState> states) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        new Scenario("creates in dependency order", w -> { }, w -> List.of(fake(w, "b", "a"), fake(w, "a")),
            Run.RECONCILE, List.of("create a", "create b"), states("a", ComponentState.Ready, "b", ComponentState.Ready)),
        new Scenario("waits for a dependency that is not ready yet",
            w -> w.afterCreate.put("a", Readiness.creating("starting")), w -> List.of(fake(w, "a"), fake(w, "b", "a")),
            Run.RECONCILE, List.of("create a"), states("a", ComponentState.Creating, "b", ComponentState.Waiting)),
        new Scenario("acts once a dependency it needs only to exist does",
            w -> w.afterCreate.put("a", Readiness.creating("deploying")),
            w -> List.of(fake(w, "a"), custom(w, "b", Lifecycle.DEFAULT, ChangeKind.REPLACE, ref("a").exists())),
            Run.RECONCILE, List.of("create a", "create b"), states("a", ComponentState.Creating, "b", ComponentState.Ready)),
        new Scenario("an observe error fails the component and holds back its dependents",
            w -> w.observeFailures.put("a", new StackException(ErrorKind.THROTTLED, "slow down")),
            w -> List.of(fake(w, "a"), fake(w, "b", "a")), Run.RECONCILE, List.of(),
            states("a", ComponentState.Failed, "b", ComponentState.Waiting)),
        new Scenario("a replacement the lifecycle forbids is refused, touching nothing", w -> w.put("a", "v0"),
            w -> List.of(custom(w, "a", Lifecycle.neverReplaced(), ChangeKind.REPLACE)), Run.RECONCILE, List.of(),
            states("a", ComponentState.Failed)),
        new Scenario("a replacement is carried out: delete, then create", w -> w.put("a", "v0"),
            w -> List.of(fake(w, "a")), Run.RECONCILE, List.of("delete a", "create a"), states("a", ComponentState.Ready)),
        new Scenario("an in-place change is applied through the field table", w -> w.put("a", "v0"),
            w -> List.of(custom(w, "a", Lifecycle.DEFAULT, ChangeKind.IN_PLACE)), Run.RECONCILE, List.of("update a"),
            states("a", ComponentState.Ready)),
        new Scenario("a plan writes nothing", w -> w.put("a", "v0"), w -> List.of(fake(w, "a"), fake(w, "b", "a")),
            Run.PLAN, List.of(), states("a", ComponentState.Updating, "b", ComponentState.Pending)),
        new Scenario("destroy goes in reverse dependency order", w -> {
          w.put("a", "v1");
          w.put("b", "v1");
        }, w -> List.of(fake(w, "a"), fake(w, "b", "a")), Run.DESTROY, List.of("delete b", "delete a"),
            states("a", ComponentState.Deleted, "b", ComponentState.Deleted)),
        new Scenario("destroy waits for a dependent still deleting", w -> {
          w.put("a", "v1");
          w.put("b", "v1");
          w.slowDeletes.add("b");
        }, w -> List.of(fake(w, "a"), fake(w, "b", "a")), Run.DESTROY, List.of("delete b"),
            states("a", ComponentState.Waiting, "b", ComponentState.Deleting)),
        new Scenario("shared infrastructure is kept", w -> w.put("a", "v1"),
            w -> List.of(custom(w, "a", Lifecycle.shared("shared"), ChangeKind.IN_PLACE)), Run.DESTROY, List.of(),
            states("a", ComponentState.Retained)),
        new Scenario("a part goes with its owner without a call of its own", w -> {
          w.put("bucket", "v1");
          w.put("objects", "v1");
        }, w -> List.of(fake(w, "bucket"),
            custom(w, "objects", Lifecycle.removedWith(ref("bucket")), ChangeKind.IN_PLACE, ref("bucket").ready())),
            Run.DESTROY, List.of("delete bucket"), states("bucket", ComponentState.Deleted, "objects", ComponentState.Deleted)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void scenario(Scenario scenario) {
    World world = new World();
    scenario.before().accept(world);
    StackEngine engine = new StackEngine(new Stack(scenario.stack().apply(world)));
    PassResult pass = switch (scenario.run()) {
      case PLAN -> engine.plan(context());
      case RECONCILE -> engine.reconcile(context());
      case DESTROY -> engine.destroy(context());
    };
    assertEquals(scenario.writes(), world.writes, pass.outcomes().toString());
    Map<String, ComponentState> states = new LinkedHashMap<>();
    pass.outcomes().forEach(o -> states.put(o.name(), o.state()));
    assertEquals(scenario.states(), states, pass.outcomes().toString());
  }

  @Test
  void aTaggingApiThatFailsHoldsNothingBack() {
    World world = new World();
    StackContext ctx = withTagging(SPEC, request -> {
      throw new StackException(ErrorKind.RETRYABLE, "the tagging API is down");
    });

    PassResult pass = engine(fake(world, "a")).reconcile(ctx);

    assertEquals(List.of("create a"), world.writes);
    assertTrue(pass.allReady());
    assertTrue(pass.orphans().isEmpty(), "orphans wait for a pass that can list them");
  }

  @Test
  void anEngineWithoutAReaperReportsOrphansAsNotDeletedAndClaimsNoChange() {
    World world = new World();
    RockOfAgesSpec deletesOrphans = Specs.minimal();
    deletesOrphans.setOrphanPolicy(OrphanPolicy.Delete);
    String arn = "arn:aws:ec2:us-east-1:123456789012:security-group/sg-old";
    StackContext ctx = withTagging(deletesOrphans, request -> GetResourcesResponse.builder()
        .resourceTagMappingList(ResourceTagMapping.builder().resourceARN(arn).tags(
            Tag.builder().key(Ownership.STACK_TAG).value(new StackId("test", "stack").tagValue()).build(),
            Tag.builder().key(Ownership.COMPONENT_TAG).value("old-firewall").build()).build())
        .build());

    PassResult pass = engine(fake(world, "a")).reconcile(ctx);

    assertEquals(List.of("create a"), world.writes, "nothing but the stack itself is written");
    assertEquals(List.of(arn + " not deleted: this engine deletes no orphans, changedAws=false"),
        pass.orphans().stream().map(o -> o.resource().arn() + " " + o.state() + ", changedAws=" + o.changedAws())
            .toList());
  }

  @Test
  void aRefusedReplacementSaysWhichFieldsWouldNeedIt() {
    World world = new World();
    world.put("a", "v0");
    PassResult pass = engine(custom(world, "a", Lifecycle.neverReplaced(), ChangeKind.REPLACE)).reconcile(context());
    ComponentOutcome refused = pass.outcome("a").orElseThrow();
    assertEquals(ErrorKind.INVALID, refused.error());
    assertTrue(refused.message().contains("value: v0 -> v1 (replace)"), refused.message());
    assertTrue(pass.stall().isPresent(), "a refusal needs a person: the stack stalls");
  }

  @Test
  void anObserveErrorKeepsItsKind() {
    World world = new World();
    world.observeFailures.put("a", new StackException(ErrorKind.THROTTLED, "slow down"));
    PassResult pass = engine(fake(world, "a")).reconcile(context());
    assertEquals(ErrorKind.THROTTLED, pass.outcome("a").orElseThrow().error());
    assertTrue(pass.throttled());
  }

  @Test
  void readingAnUndeclaredComponentFails() {
    World world = new World();
    FakeComponent sneaky = new FakeComponent(world, "b", Lifecycle.DEFAULT, ChangeKind.REPLACE,
        ctx -> ctx.observed(ref("a")).map(Resource::id).orElse("none"), (r, ctx) -> Outputs.NONE, List.of());
    PassResult pass = engine(fake(world, "a"), sneaky).reconcile(context());
    ComponentOutcome outcome = pass.outcome("b").orElseThrow();
    assertEquals(ComponentState.Failed, outcome.state());
    assertTrue(outcome.message().contains("b reads a without declaring it"), outcome.message());
    assertEquals(List.of("create a"), world.writes);
  }

  @Test
  void aDeclaredDependencyIsReadable() {
    World world = new World();
    FakeComponent reader = new FakeComponent(world, "b", Lifecycle.DEFAULT, ChangeKind.REPLACE,
        ctx -> ctx.observed(ref("a")).map(Resource::id).orElse("none"), (r, ctx) -> Outputs.NONE,
        List.of(ref("a").ready()));
    engine(fake(world, "a"), reader).reconcile(context());
    assertEquals("id-a", world.resources.get("b").value(), "b's desired value came from a's observed state");
  }

  @Test
  void endpointsAndConnectionsComeFromOutputs() {
    World world = new World();
    world.afterCreate.put("db", Readiness.creating("starting"));
    FakeComponent db = withOutputs(world, "db", (r, ctx) -> Outputs.NONE.endpoint("database", "db:5432")
        .connection(new Connection("app-db", "db:5432", Map.of("password", "p"))));
    FakeComponent web = withOutputs(world, "web", (r, ctx) -> Outputs.NONE.endpoint("site", "https://cdn/"));
    FakeComponent bucket = withOutputs(world, "bucket", (r, ctx) -> Outputs.NONE.fallbackEndpoint("site", "http://s3/"));
    StackEngine engine = engine(db, bucket, web);
    PassResult creating = engine.reconcile(context());
    assertEquals(Map.of("database", "db:5432", "site", "https://cdn/"), creating.endpoints(),
        "the CDN's site URL beats the bucket's fallback");
    assertTrue(creating.connections().isEmpty(), "no connection is published before the database is ready");
    world.resources.put("db", new Resource("id-db", "v1", Readiness.ready()));
    assertEquals(List.of("app-db"), engine.reconcile(context()).connections().stream().map(Connection::secretName)
        .toList());
  }

  @Test
  void aFallbackEndpointStandsAlone() {
    World world = new World();
    PassResult pass = engine(withOutputs(world, "bucket",
        (r, ctx) -> Outputs.NONE.fallbackEndpoint("site", "http://s3/"))).reconcile(context());
    assertEquals(Map.of("site", "http://s3/"), pass.endpoints());
  }

  @Test
  void twoComponentsClaimingOneEndpointIsABug() {
    World world = new World();
    StackEngine engine = engine(withOutputs(world, "a", (r, ctx) -> Outputs.NONE.endpoint("site", "one")),
        withOutputs(world, "b", (r, ctx) -> Outputs.NONE.endpoint("site", "two")));
    IllegalStateException error = assertThrows(IllegalStateException.class, () -> engine.reconcile(context()));
    assertTrue(error.getMessage().contains("claimed by a and b"), error.getMessage());
  }

  @Test
  void aComponentThatCannotCreateReportsItsResourceMissing() {
    PassResult pass = engine(new ObservedOnly(FieldTable.none())).reconcile(context());
    ComponentOutcome outcome = pass.outcome("observed").orElseThrow();
    assertEquals(ErrorKind.INVALID, outcome.error());
    assertTrue(outcome.message().contains("does not create it"), outcome.message());
  }

  @Test
  void aStackRefusesComponentsWithoutTheCapabilitiesTheyNeed() {
    FieldTable<String, String, Object> inPlace = FieldTable.<String, String, Object>builder()
        .inPlace("value", d -> d, o -> o, (t, d, o) -> { }).build();
    IllegalArgumentException noUpdate = assertThrows(IllegalArgumentException.class,
        () -> new Stack(List.of(new ObservedOnly(inPlace))));
    assertTrue(noUpdate.getMessage().contains("cannot update"), noUpdate.getMessage());
  }

  @Test
  void aFieldTableRefusesTwoRowsForOneField() {
    FieldTable.Builder<String, String, Object> table = FieldTable.<String, String, Object>builder()
        .replace("value", d -> d, o -> o);
    assertThrows(IllegalArgumentException.class, () -> table.replace("value", d -> d, o -> o));
  }

  /** A component that only observes: no capability at all, and kept when the stack goes. */
  private static final class ObservedOnly extends Component<String, String> {
    private final FieldTable<String, String, Object> fields;

    ObservedOnly(FieldTable<String, String, Object> fields) {
      super(Ref.of("observed", String.class), FakeComponent.GROUP, Lifecycle.shared("observed only"), List.of());
      this.fields = fields;
    }

    @Override
    public String desired(StackContext ctx) {
      return "v1";
    }

    @Override
    public Optional<String> observe(StackContext ctx) {
      return Optional.empty();
    }

    @Override
    protected FieldTable<String, String, Object> fields() {
      return fields;
    }

    @Override
    public String id(String observed) {
      return observed;
    }
  }

  private static FakeComponent fake(World world, String name, String... readyDependencies) {
    return FakeComponent.named(world, name, readyDependencies);
  }

  private static FakeComponent custom(World world, String name, Lifecycle lifecycle, ChangeKind valueChange,
      Dependency<?>... dependencies) {
    return new FakeComponent(world, name, lifecycle, valueChange, ctx -> "v1", (r, ctx) -> Outputs.NONE,
        List.of(dependencies));
  }

  private static FakeComponent withOutputs(World world, String name,
      BiFunction<Resource, StackContext, Outputs> outputs) {
    return new FakeComponent(world, name, Lifecycle.DEFAULT, ChangeKind.REPLACE, ctx -> "v1", outputs, List.of());
  }

  private static StackEngine engine(Component<?, ?>... components) {
    return new StackEngine(new Stack(List.of(components)));
  }

  private static StackContext context() {
    return new StackContext(new StackId("test", "stack"), SPEC, AwsServices.of("us-east-1", null, null),
        Clock.systemUTC());
  }

  /** A context whose tagging API answers with {@code answer}; no other AWS client. */
  private static StackContext withTagging(RockOfAgesSpec spec,
      Function<GetResourcesRequest, GetResourcesResponse> answer) {
    ResourceGroupsTaggingApiClient tagging = new ResourceGroupsTaggingApiClient() {
      @Override
      public GetResourcesResponse getResources(GetResourcesRequest request) {
        return answer.apply(request);
      }

      @Override
      public String serviceName() {
        return "tagging";
      }

      @Override
      public void close() {}
    };
    return new StackContext(new StackId("test", "stack"), spec,
        new AwsServices("us-east-1", null, null, null, null, null, null, tagging, null, SharedReads.NONE),
        Clock.systemUTC());
  }

  private static Map<String, ComponentState> states(Object... nameThenState) {
    Map<String, ComponentState> states = new LinkedHashMap<>();
    for (int i = 0; i < nameThenState.length; i += 2) {
      states.put((String) nameThenState[i], (ComponentState) nameThenState[i + 1]);
    }
    return states;
  }
}
