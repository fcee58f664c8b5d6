package io.rockofages.aws;

import io.rockofages.api.StackId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceGroupsTaggingApiException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;

/**
 * What AWS says a stack owns: every resource tagged for it, whatever the spec says today. One
 * tagging-API listing (paginated) answers it, so sections removed from the spec and resources no
 * component claims are found after a restart and from the CLI alike.
 */
public record Inventory(List<OwnedResource> resources) {
  public static final Inventory EMPTY = new Inventory(List.of());
  /** GetResources' largest pages: a page ends at 100 resources or 500 tags, whichever comes first. */
  private static final int MOST_RESOURCES_A_PAGE = 100;
  private static final int MOST_TAGS_A_PAGE = 500;
  private static final Set<String> REFUSED_PARAMETER = Set.of("InvalidParameterException", "ValidationException");

  public Inventory {
    resources = List.copyOf(resources);
  }

  /** The stack's tagged resources in the tagging client's region; empty without a client (scripted tests). */
  public static Inventory read(ResourceGroupsTaggingApiClient tagging, StackId stack) {
    if (tagging == null) {
      return EMPTY;
    }
    return new Inventory(owned(tagging, r -> r.tagFilters(f -> f.key(Ownership.STACK_TAG).values(stack.tagValue())))
        .toList());
  }

  /**
   * Every stack's inventory in the tagging client's region, by stack tag value, from one listing:
   * what a process of many stacks reads once instead of once a stack.
   */
  public static Map<String, Inventory> readEvery(ResourceGroupsTaggingApiClient tagging) {
    if (tagging == null) {
      return Map.of();
    }
    return owned(tagging, r -> r.tagFilters(f -> f.key(Ownership.STACK_TAG))).collect(Collectors.groupingBy(
        resource -> resource.tags().get(Ownership.STACK_TAG),
        Collectors.collectingAndThen(Collectors.toList(), Inventory::new)));
  }

  /**
   * Every stack's resources of {@code service} ("rds", "cloudfront") the tagging client lists in
   * {@code scope}, their tags by ARN, as one listing the stacks of a process share
   * ({@link SharedReads#partOf}): ownership tags that are otherwise read one resource at a time.
   */
  public static SharedReads.Listing<Map<String, String>> tagsByArn(String service,
      ResourceGroupsTaggingApiClient tagging, String scope) {
    return new SharedReads.Listing<>("every stack's " + service + " tags", scope, () -> tagging == null ? Map.of()
        : owned(tagging, r -> r.tagFilters(f -> f.key(Ownership.STACK_TAG)).resourceTypeFilters(service))
            .collect(Collectors.toMap(OwnedResource::arn, OwnedResource::tags, (first, second) -> first)));
  }

  private static Stream<OwnedResource> owned(ResourceGroupsTaggingApiClient tagging,
      Consumer<GetResourcesRequest.Builder> request) {
    List<ResourceTagMapping> listed;
    try {
      listed = pages(tagging, request.andThen(r -> r.tagsPerPage(MOST_TAGS_A_PAGE)));
    } catch (ResourceGroupsTaggingApiException e) {
      // Without TagsPerPage a page may end at 100 tags (moto's does: some 30 resources). Both limits
      // in one request are not exercised against AWS here: should it refuse them, list as AWS recommends.
      if (!REFUSED_PARAMETER.contains(AwsErrors.errorCode(e))) {
        throw e;
      }
      listed = pages(tagging, request);
    }
    return listed.stream().map(m -> {
      var tags = Tags.fromTagging(m.tags());
      return new OwnedResource(m.resourceARN(), tags.getOrDefault(Ownership.COMPONENT_TAG, ""), tags);
    });
  }

  private static List<ResourceTagMapping> pages(ResourceGroupsTaggingApiClient tagging,
      Consumer<GetResourcesRequest.Builder> request) {
    return tagging.getResourcesPaginator(r -> request.accept(r.resourcesPerPage(MOST_RESOURCES_A_PAGE)))
        .resourceTagMappingList().stream().toList();
  }

  /** Whether a live resource (not a backup of one) of the component is tagged for the stack. */
  public boolean has(String component) {
    return !of(component).isEmpty();
  }

  /** The component's live resources; snapshots carry the stack's tags too, but are backups, not the thing. */
  public List<OwnedResource> of(String component) {
    return resources.stream().filter(r -> r.component().equals(component) && !r.isBackup()).toList();
  }
}
