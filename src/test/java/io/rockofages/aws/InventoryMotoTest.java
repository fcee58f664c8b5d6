package io.rockofages.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.StackId;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceGroupsTaggingApiException;

/** The tagging API lists what a stack owns, across EC2, RDS, S3 and CloudFront, and nothing of other stacks. */
class InventoryMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private static final StackId OTHER = new StackId("shop", "other");
  private final AwsFixture aws = new AwsFixture(STACK);

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void listsEveryTaggedResourceOfTheStackOnly() {
    var spec = Specs.minimal();
    aws.passes.reconcileUntilReady(spec);
    new Passes(OTHER, aws.clients.forRegion(MotoServer.REGION)).reconcileUntilReady(Specs.minimal());

    Inventory inventory = Inventory.read(aws.clients.tagging(MotoServer.REGION), STACK);

    Set<String> components = inventory.resources().stream().map(OwnedResource::component).collect(Collectors.toSet());
    assertTrue(components.containsAll(Set.of("api-instance", "api-security-group")), components.toString());
    assertTrue(inventory.resources().stream().allMatch(r -> STACK.tagValue().equals(r.tags().get(Ownership.STACK_TAG))));
    String instance = inventory.of("api-instance").get(0).id();
    assertTrue(instance.startsWith("i-"), instance);
    assertEquals(1, inventory.of("api-security-group").size());
  }

  /**
   * A page ends at 100 resources or 500 tags: forty buckets of three tags are one page (moto ends
   * a page at 100 tags unless told more). Should the tagging API refuse the two limits together, the
   * listing is made as before, with ResourcesPerPage alone.
   */
  @Test
  void aListingOfFortyResourcesIsOnePageAndListsTheSameWhereTagsPerPageIsRefused() {
    StackId many = new StackId("shop", "many");
    for (int i = 0; i < 40; i++) {
      String bucket = "roa-many-" + i;
      aws.clients.s3(MotoServer.REGION).createBucket(r -> r.bucket(bucket));
      aws.clients.s3(MotoServer.REGION).putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(Tags.s3(
          Ownership.tags(many, "site-bucket", bucket)))));
    }
    AwsCallMeter meter = new AwsCallMeter();
    AtomicInteger refused = new AtomicInteger();
    ExecutionInterceptor refusingTagsPerPage = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetResourcesRequest request && request.tagsPerPage() != null) {
          refused.incrementAndGet();
          throw ResourceGroupsTaggingApiException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
              .errorCode("InvalidParameterException").errorMessage("TagsPerPage with ResourcesPerPage").build())
              .build();
        }
      }
    };
    try (AwsClients plain = new AwsClients(MotoServer.get().settings(), meter);
        AwsClients refusing = new AwsClients(MotoServer.get().settings(), new AwsCallMeter(),
            List.of(refusingTagsPerPage))) {
      Inventory listed = Inventory.read(plain.tagging(MotoServer.REGION), many);
      assertEquals(40, listed.of("site-bucket").size());
      assertEquals(1, meter.count("GetResources"), "one page");

      Inventory listedAsBefore = Inventory.read(refusing.tagging(MotoServer.REGION), many);
      assertEquals(1, refused.get());
      assertEquals(Set.copyOf(listed.resources()), Set.copyOf(listedAsBefore.resources()));
    }
  }
}
