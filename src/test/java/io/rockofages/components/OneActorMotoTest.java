package io.rockofages.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.Actor;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Inventory;
import io.rockofages.aws.OwnedResource;
import io.rockofages.components.apihost.ApiInstanceComponent;
import io.rockofages.engine.ComponentOutcome;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One actor per stack, on moto with the full stack: an operator marks every resource of its stack
 * (also a stack the CLI made before), the CLI then changes nothing of it unless forced (plan still
 * reads it), and another cluster's operator leaves it alone too.
 */
class OneActorMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private static final Actor OPERATOR = Actor.operator("prod");
  private final AwsFixture aws = new AwsFixture(STACK);
  private final Passes passes = aws.passes.withSiteContent(Map.of("index.html", "<h1>Rock</h1>"));
  private final RockOfAgesSpec spec = Specs.fullStack();

  @AfterEach
  void tearDown() {
    passes.as(OPERATOR).destroyUntilGone(spec);
    aws.close();
  }

  @Test
  void anOperatorTakingOverACliStackMarksEveryResourceOnceAndTheCliThenDefersToIt() {
    passes.reconcileUntilReady(spec);
    assertTrue(live().stream().noneMatch(r -> r.tags().containsKey(Actor.TAG)), "the CLI marks nothing");

    passes.as(OPERATOR).reconcileUntilReady(spec);
    passes.as(OPERATOR).assertSecondPassChangesNothing(spec, aws.meter);

    assertEquals(7, live().size(), "instance and its volume, two groups, database, bucket, distribution: " + live());
    assertTrue(live().stream().allMatch(r -> "operator/prod".equals(r.tags().get(Actor.TAG))), live().toString());
    String instance = passes.plan(spec).outcome(ApiInstanceComponent.REF.name()).orElseThrow().id();

    aws.meter.reset();
    PassResult cli = passes.as(Actor.cli(false)).reconcile(spec);
    PassResult cliDestroy = passes.destroy(spec);
    PassResult cliPlan = passes.plan(spec);

    assertEquals(0, aws.meter.mutatingCalls(), aws.meter.snapshot().toString());
    for (PassResult refused : List.of(cli, cliDestroy)) {
      ComponentOutcome any = refused.outcomes().get(0);
      assertTrue(refused.outcomes().stream().allMatch(o -> o.error() == ErrorKind.CONFLICT), refused.outcomes().toString());
      assertEquals("stack shop/rock is managed by the rockofages operator of cluster prod (tag rockofages.io/managed-by "
          + "on its resources), so the CLI changes nothing of it (plan still reads it); --force acts anyway",
          any.message());
    }
    assertFalse(cliPlan.hasChanges(), "plan reads an operator's stack: " + cliPlan.outcomes());
    assertEquals(instance, cliPlan.outcome(ApiInstanceComponent.REF.name()).orElseThrow().id());

    PassResult otherCluster = passes.as(Actor.operator("staging")).reconcile(spec);
    assertTrue(otherCluster.outcomes().get(0).message().endsWith("so this operator changes nothing of it: one actor "
        + "per stack"), otherCluster.outcomes().get(0).message());
    assertEquals(0, aws.meter.mutatingCalls());

    aws.clients.ec2(MotoServer.REGION).terminateInstances(r -> r.instanceIds(instance));
    PassResult forced = passes.as(Actor.cli(true)).reconcileUntilReady(spec);
    assertFalse(instance.equals(forced.outcome(ApiInstanceComponent.REF.name()).orElseThrow().id()),
        "--force acts: a new instance for the terminated one");
  }

  /**
   * A stack an operator makes is marked by the calls that make its resources: no tag write after
   * each (four of the nine EC2 writes of a full stack were such marks, at three writes a second).
   */
  @Test
  void anOperatorsNewStackIsMarkedByTheCallsThatMakeIt() {
    passes.as(OPERATOR).reconcileUntilReady(spec);

    assertEquals(7, live().size(), live().toString());
    assertTrue(live().stream().allMatch(r -> "operator/prod".equals(r.tags().get(Actor.TAG))), live().toString());
    for (String tagWrite : List.of("CreateTags", "AddTagsToResource", "TagResource")) {
      assertEquals(0, aws.meter.count(tagWrite), tagWrite + ": " + aws.meter.summary());
    }
    assertEquals(1, aws.meter.count("PutBucketTagging"), "the bucket's tags, put as it is made: " + aws.meter.summary());
  }

  /** The stack's live resources as the tagging API lists them, with their tags. */
  private List<OwnedResource> live() {
    return Inventory.read(aws.clients.forRegion(MotoServer.REGION).tagging(), STACK).resources().stream()
        .filter(r -> !r.isBackup()).toList();
  }
}
