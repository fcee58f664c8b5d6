package io.rockofages.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The fields a component compares between desired and observed state, each with how a change to
 * it is made. One table serves both diff and update, so a field cannot be compared and then
 * forgotten: a row that can change in place carries the code that applies it, and a row without
 * such code can only ask for replacement.
 *
 * @param <D> the desired state
 * @param <O> the observed state
 * @param <T> what in-place changes are written to: a request builder, or a batch of calls made after
 */
public final class FieldTable<D, O, T> {
  /** How one field's in-place change is made. */
  @FunctionalInterface
  public interface Applier<D, O, T> {
    void apply(T target, D desired, O observed);
  }

  /** A difference found by a comparison: the values to show and how the change is made. */
  public record Change(Object from, Object to, ChangeKind kind) {
    public static Optional<Change> inPlace(Object from, Object to) {
      return Optional.of(new Change(from, to, ChangeKind.IN_PLACE));
    }

    public static Optional<Change> replace(Object from, Object to) {
      return Optional.of(new Change(from, to, ChangeKind.REPLACE));
    }
  }

  private record Row<D, O, T>(String name, BiFunction<D, O, Optional<Change>> compare, Applier<D, O, T> applier,
      boolean mayReplace) {}

  private final List<Row<D, O, T>> rows;

  private FieldTable(List<Row<D, O, T>> rows) {
    this.rows = List.copyOf(rows);
  }

  /** A component with nothing to compare: it exists or it does not. */
  public static <D, O, T> FieldTable<D, O, T> none() {
    return new FieldTable<>(List.of());
  }

  public static <D, O, T> Builder<D, O, T> builder() {
    return new Builder<>();
  }

  /** Every row's difference, in table order. */
  public Diff diff(D desired, O observed) {
    List<FieldChange> changes = new ArrayList<>();
    for (Row<D, O, T> row : rows) {
      row.compare().apply(desired, observed).ifPresent(change -> {
        if (change.kind() == ChangeKind.IN_PLACE && row.applier() == null) {
          throw new IllegalStateException(row.name() + " changed in place, but its row can only replace");
        }
        changes.add(new FieldChange(row.name(), FieldChange.display(change.from()), FieldChange.display(change.to()),
            change.kind()));
      });
    }
    return new Diff(changes);
  }

  /** Writes the in-place changes of {@code diff} to {@code target}, in table order; returns the target. */
  public T apply(Diff diff, T target, D desired, O observed) {
    for (Row<D, O, T> row : rows) {
      boolean changed = diff.changes().stream()
          .anyMatch(c -> c.field().equals(row.name()) && c.kind() == ChangeKind.IN_PLACE);
      if (changed) {
        row.applier().apply(target, desired, observed);
      }
    }
    return target;
  }

  /** Whether some field can change in place (the component must then be able to update). */
  public boolean changesInPlace() {
    return rows.stream().anyMatch(r -> r.applier() != null);
  }

  /** Whether some field can need a new resource. */
  public boolean mayReplace() {
    return rows.stream().anyMatch(Row::mayReplace);
  }

  /** Builds a table; row names are unique. */
  public static final class Builder<D, O, T> {
    private final List<Row<D, O, T>> rows = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** A field compared by equality and changed in place by {@code how}. */
    public Builder<D, O, T> inPlace(String name, Function<D, ?> desired, Function<O, ?> observed,
        Applier<D, O, T> how) {
      return add(new Row<>(name, equality(desired, observed, ChangeKind.IN_PLACE), Objects.requireNonNull(how), false));
    }

    /** A field compared by equality whose change needs a new resource. */
    public Builder<D, O, T> replace(String name, Function<D, ?> desired, Function<O, ?> observed) {
      return add(new Row<>(name, equality(desired, observed, ChangeKind.REPLACE), null, true));
    }

    /** A field with its own comparison that may find either kind of change; {@code how} makes the in-place one. */
    public Builder<D, O, T> custom(String name, BiFunction<D, O, Optional<Change>> compare, Applier<D, O, T> how) {
      return add(new Row<>(name, compare, Objects.requireNonNull(how), true));
    }

    /** A field with its own comparison that only ever needs a new resource. */
    public Builder<D, O, T> replaceWhen(String name, BiFunction<D, O, Optional<Change>> compare) {
      return add(new Row<>(name, compare, null, true));
    }

    public FieldTable<D, O, T> build() {
      return new FieldTable<>(rows);
    }

    private Builder<D, O, T> add(Row<D, O, T> row) {
      if (!names.add(row.name())) {
        throw new IllegalArgumentException("two rows compare " + row.name());
      }
      rows.add(row);
      return this;
    }

    private static <D, O> BiFunction<D, O, Optional<Change>> equality(Function<D, ?> desired, Function<O, ?> observed,
        ChangeKind kind) {
      return (d, o) -> {
        Object want = desired.apply(d);
        Object have = observed.apply(o);
        return Objects.equals(want, have) ? Optional.empty() : Optional.of(new Change(have, want, kind));
      };
    }
  }
}
