package io.rockofages.testing;

import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.Component;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Dependency;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Group;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Outputs;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.Ref;
import io.rockofages.engine.StackContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An in-memory component for engine tests: its "AWS" is a {@link World} shared with the other
 * fakes of a test, which records every write in order and answers as the test scripts it.
 */
public class FakeComponent extends Component<String, FakeComponent.Resource>
    implements Component.Creatable<String, FakeComponent.Resource>, Component.Updatable<String, FakeComponent.Resource>,
    Component.Deletable<FakeComponent.Resource> {
  public static final Group GROUP = new Group("FakeReady");

  /** What the fake AWS holds for one component. */
  public record Resource(String id, String value, Readiness readiness) {}

  /** The fake AWS: resources by component name, every write in order, and scripted answers. */
  public static final class World {
    public final Map<String, Resource> resources = new HashMap<>();
    public final List<String> writes = new ArrayList<>();
    /** Components whose observe fails with this error. */
    public final Map<String, RuntimeException> observeFailures = new HashMap<>();
    /** Components that are still on their way after a create (default: ready at once). */
    public final Map<String, Readiness> afterCreate = new HashMap<>();
    /** Components whose next delete only starts (gone on the delete after). */
    public final Set<String> slowDeletes = new HashSet<>();

    public void put(String name, String value) {
      resources.put(name, new Resource("id-" + name, value, Readiness.ready()));
    }
  }

  private final World world;
  private final Function<StackContext, String> desired;
  private final BiFunction<Resource, StackContext, Outputs> outputs;
  private final FieldTable<String, Resource, World> fields;

  /**
   * @param desired the value the spec asks for (may read dependencies through the context)
   * @param valueChange how a different value is changed: in place or by a new resource
   */
  public FakeComponent(World world, String name, Lifecycle lifecycle, ChangeKind valueChange,
      Function<StackContext, String> desired, BiFunction<Resource, StackContext, Outputs> outputs,
      List<Dependency<?>> dependencies) {
    super(ref(name), GROUP, lifecycle, dependencies);
    this.world = world;
    this.desired = desired;
    this.outputs = outputs;
    FieldTable.Builder<String, Resource, World> table = FieldTable.builder();
    this.fields = valueChange == ChangeKind.REPLACE ? table.replace("value", d -> d, Resource::value).build()
        : table.inPlace("value", d -> d, Resource::value, (w, d, o) -> w.writes.add("update " + name)).build();
  }

  /** A replaceable fake that wants the value "v1" and depends, to be ready, on the named fakes. */
  public static FakeComponent named(World world, String name, String... readyDependencies) {
    List<Dependency<?>> dependencies = new ArrayList<>();
    for (String dependency : readyDependencies) {
      dependencies.add(ref(dependency).ready());
    }
    return new FakeComponent(world, name, Lifecycle.DEFAULT, ChangeKind.REPLACE, ctx -> "v1", (r, ctx) -> Outputs.NONE,
        dependencies);
  }

  public static Ref<Resource> ref(String name) {
    return Ref.of(name, Resource.class);
  }

  @Override
  public String desired(StackContext ctx) {
    return desired.apply(ctx);
  }

  @Override
  public Optional<Resource> observe(StackContext ctx) {
    RuntimeException failure = world.observeFailures.get(name());
    if (failure != null) {
      throw failure;
    }
    return Optional.ofNullable(world.resources.get(name()));
  }

  @Override
  protected FieldTable<String, Resource, World> fields() {
    return fields;
  }

  @Override
  public Readiness readiness(Resource observed) {
    return observed.readiness();
  }

  @Override
  public Resource create(String value, StackContext ctx) {
    world.writes.add("create " + name());
    Resource created = new Resource("id-" + name(), value, world.afterCreate.getOrDefault(name(), Readiness.ready()));
    world.resources.put(name(), created);
    return created;
  }

  @Override
  public Resource update(String value, Resource observed, Diff diff, StackContext ctx) {
    fields.apply(diff, world, value, observed);
    Resource updated = new Resource(observed.id(), value, observed.readiness());
    world.resources.put(name(), updated);
    return updated;
  }

  @Override
  public DeleteResult delete(Resource observed, StackContext ctx) {
    world.writes.add("delete " + name());
    if (world.slowDeletes.remove(name())) {
      return DeleteResult.inProgress("deleting " + observed.id());
    }
    world.resources.remove(name());
    return DeleteResult.gone("deleted " + observed.id());
  }

  @Override
  public String id(Resource observed) {
    return observed.id();
  }

  @Override
  public Outputs outputs(Resource observed, StackContext ctx) {
    return outputs.apply(observed, ctx);
  }
}
