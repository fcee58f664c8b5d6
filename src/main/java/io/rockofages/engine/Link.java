package io.rockofages.engine;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A value one component takes from another's observed state (the database's connection for the
 * API host, the distribution's ARN for the bucket policy). The dependency travels with the value,
 * so whoever takes the link declares what it reads.
 */
public record Link<T, R>(Dependency<T> dependency, BiFunction<T, StackContext, R> value) {
  /** The value, once the linked component exists in this pass. */
  public Optional<R> read(StackContext ctx) {
    return ctx.observed(dependency.ref()).map(observed -> value.apply(observed, ctx));
  }

  /** The same link, its value passed through {@code then}. */
  public <S> Link<T, S> then(Function<R, S> then) {
    return new Link<>(dependency, (observed, ctx) -> {
      R first = value.apply(observed, ctx);
      return first == null ? null : then.apply(first);
    });
  }
}
