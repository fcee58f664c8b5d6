package io.rockofages.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.StackId;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
}
