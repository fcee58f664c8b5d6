package io.rockofages.aws;

import io.rockofages.api.StackId;
import java.util.List;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

/**
 * What AWS says a stack owns: every resource tagged for it, whatever the spec says today. One
 * tagging-API listing (paginated) answers it, so sections removed from the spec and resources no
 * component claims are found after a restart and from the CLI alike.
 */
public record Inventory(List<OwnedResource> resources) {
  public static final Inventory EMPTY = new Inventory(List.of());

  public Inventory {
    resources = List.copyOf(resources);
  }

  /** The stack's tagged resources in the tagging client's region; empty without a client (scripted tests). */
  public static Inventory read(ResourceGroupsTaggingApiClient tagging, StackId stack) {
    if (tagging == null) {
      return EMPTY;
    }
    List<OwnedResource> owned = tagging.getResourcesPaginator(r -> r.tagFilters(f -> f.key(Ownership.STACK_TAG)
            .values(stack.tagValue())))
        .resourceTagMappingList().stream()
        .map(m -> {
          var tags = Tags.fromTagging(m.tags());
          return new OwnedResource(m.resourceARN(), tags.getOrDefault(Ownership.COMPONENT_TAG, ""), tags);
        })
        .toList();
    return new Inventory(owned);
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
