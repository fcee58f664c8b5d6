package io.rockofages.aws;

import io.rockofages.api.StackId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Ownership tags: every resource a stack creates carries the stack and component tags, and is
 * found by them before anything is created. A resource whose stack tag names another stack is
 * never modified or deleted.
 */
public final class Ownership {
  private Ownership() {}

  public static final String STACK_TAG = "rockofages.io/stack";
  public static final String COMPONENT_TAG = "rockofages.io/component";
  public static final String NAME_TAG = "Name";
  /** On what a VPC shares (its internet gateway) instead of a stack tag: no one stack owns it. */
  public static final String VPC_TAG = "rockofages.io/vpc";

  public static Map<String, String> tags(StackId stack, String component, String readableName) {
    return Map.of(STACK_TAG, stack.tagValue(), COMPONENT_TAG, component, NAME_TAG, readableName);
  }

  public static TagSpecification ec2TagSpec(ResourceType type, Map<String, String> tags) {
    return TagSpecification.builder().resourceType(type).tags(Tags.ec2(tags)).build();
  }

  /**
   * A component's EC2 resources of one stack, narrowed by {@code more} filters: when the process
   * shares observations, the stack's part of {@code listing} (by its stack tag) picked by the
   * component tag, one listing of every stack's resources of the kind (whatever component: the API
   * host's and the database's security groups are one read), read once for all stacks while it is
   * fresh and watched for changes; else, and after the stack's own write while the listing is older
   * ({@link SharedReads.ForStack#watchedOrOwn}), read by both tags.
   */
  public static <T> List<T> ec2Owned(StackId stack, String component, String listing, String region,
      SharedReads shared, List<Filter> more, Function<List<Filter>, List<T>> describe,
      Function<T, List<software.amazon.awssdk.services.ec2.model.Tag>> tags) {
    Filter anyStacks = Filter.builder().name("tag-key").values(STACK_TAG).build();
    List<T> stacksOwn = shared.forStack(stack.tagValue()).watchedOrOwn(component, listing, "in " + region,
        () -> describe.apply(Stream.concat(Stream.of(anyStacks), more.stream()).toList()),
        SharedReads.Watch.byStackTag(resource -> Tags.fromEc2(tags.apply(resource))),
        () -> describe.apply(Stream.concat(ec2Filters(stack, component).stream(), more.stream()).toList()));
    return stacksOwn.stream()
        .filter(resource -> component.equals(Tags.fromEc2(tags.apply(resource)).get(COMPONENT_TAG))).toList();
  }

  /** EC2 filters that select the resources of one component of one stack. */
  public static List<Filter> ec2Filters(StackId stack, String component) {
    return List.of(Filter.builder().name("tag:" + STACK_TAG).values(stack.tagValue()).build(),
        Filter.builder().name("tag:" + COMPONENT_TAG).values(component).build());
  }

  /**
   * Fails with CONFLICT unless the resource carries this stack's tag. Another stack's resource is
   * never touched; neither is an untagged one that merely has the name this stack would use: the
   * stack did not make it (everything it makes is tagged, in the creating call where AWS allows).
   * The one exception is the resource the stack last reported ({@code lastReportedId} non-null: its
   * id): if that one lost the stack's tag it is still ours, and {@link TagsLost} offers
   * {@code putBack} to tag it again, and {@code found} (its observed state, null if not known yet).
   */
  public static void requireOwned(StackId stack, String resource, Map<String, String> tags, String lastReportedId,
      Runnable putBack, Supplier<?> found) {
    requireNotOthers(stack, resource, tags);
    if (isOwnedBy(stack, tags)) {
      return;
    }
    if (lastReportedId != null) {
      throw new TagsLost(resource, lastReportedId, putBack, found);
    }
    throw new StackException(ErrorKind.CONFLICT, resource + " exists but was not made by stack " + stack
        + " (it has no " + STACK_TAG + " tag); rockofages leaves it untouched: delete or rename it, or choose "
        + "another name for the stack's resource (adopting existing resources is not supported yet)");
  }

  /**
   * The resource a deterministic name finds, as {@code state} makes it the component's observed
   * state, when there is one, checked to be this stack's ({@link #requireOwned}, with
   * {@code lastReportedId} and {@code putBack} for one that lost its tag); an empty {@code find} or
   * AWS's "not found" means there is none.
   */
  public static <T, O> Optional<O> findOwned(StackId stack, String resource, Supplier<Optional<T>> find,
      Function<T, Map<String, String>> tags, Function<T, String> lastReportedId, Consumer<T> putBack,
      Function<T, O> state) {
    try {
      Optional<T> maybe = find.get();
      if (maybe.isEmpty()) {
        return Optional.empty();
      }
      T found = maybe.get();
      requireOwned(stack, resource, tags.apply(found), lastReportedId.apply(found), () -> putBack.accept(found),
          () -> state.apply(found));
      return Optional.of(state.apply(found));
    } catch (RuntimeException e) {
      if (AwsErrors.classify(e) == ErrorKind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * A resource's tags: from {@code everyStacks} (one listing of every stack's tags by ARN) while it
   * shows the stack's tag, else by {@code read} alone; once they show it is this stack's they are
   * taken as read for {@link SharedReads#CONFIRMED_FOR} without asking AWS (ownership does not change
   * from pass to pass; a tag removed outside shows within that time, a write of the component reads
   * again). The resource the stack's status reports ({@code inStatus}) is taken as tagged for it
   * after a start, until its turn to be read ({@link SharedReads.ForStack#startFrom}): a process
   * starting with hundreds of stacks does not read every one's tags at once where the listing
   * does not show them.
   */
  public static Map<String, String> confirmedTags(StackId stack, SharedReads shared,
      SharedReads.Listing<Map<String, String>> everyStacks, String component, String arn, boolean inStatus,
      Supplier<Map<String, String>> read) {
    Optional<Map<String, String>> reported = inStatus
        ? Optional.of(Map.of(STACK_TAG, stack.tagValue(), COMPONENT_TAG, component)) : Optional.empty();
    return shared.forStack(stack.tagValue()).partOf(everyStacks, component, arn, Function.identity(), read,
        tags -> isOwnedBy(stack, tags), reported);
  }

  /**
   * A read for {@link #findOwned} of a resource only rockofages changes, and seldom (the API host's
   * IAM role and instance profile), named {@code name}: its part of {@code listing} (as
   * {@code asPart} takes it) when that shows the stack's tag, else {@code read} alone; either is
   * taken as read for {@link SharedReads#CONFIRMED_FOR} once it shows the stack's tag, and a write
   * of the component reads it again.
   */
  public static <L, T> Supplier<Optional<T>> ownedPartOf(StackId stack, SharedReads shared,
      SharedReads.Listing<L> listing, String component, String name, Function<L, Optional<T>> asPart,
      Supplier<T> read, Function<T, Map<String, String>> tags) {
    return () -> shared.forStack(stack.tagValue()).partOf(listing, component, name, asPart,
        () -> AwsErrors.unlessNotFound(read),
        found -> found.filter(resource -> isOwnedBy(stack, tags.apply(resource))).isPresent());
  }

  /** Fails with CONFLICT when the resource is tagged for another stack. */
  public static void requireNotOthers(StackId stack, String resource, Map<String, String> tags) {
    Optional.ofNullable(tags.get(STACK_TAG)).filter(owner -> !owner.equals(stack.tagValue())).ifPresent(owner -> {
      throw new StackException(ErrorKind.CONFLICT,
          resource + " belongs to stack " + owner + " (tag " + STACK_TAG + "); it is left untouched");
    });
  }

  public static boolean isOwnedBy(StackId stack, Map<String, String> tags) {
    return stack.tagValue().equals(tags.get(STACK_TAG));
  }
}
