package io.rockofages.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.rockofages.api.Annotations;
import io.rockofages.api.RockOfAges;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.operator.OperatorConfig;
import io.rockofages.testing.Await;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.RealApiServer;
import io.rockofages.testing.RunningOperator;
import io.rockofages.testing.Specs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * A spec edited while a pass is under way, on a real API server (which, unlike the mock server,
 * refuses a write locked on a resourceVersion that is no longer the stored one): the pass's status
 * write goes onto the edited copy (the status subresource only, on the newest copy the operator
 * has, made again on a conflict), so the edit is kept, and the edit's event, come while the pass
 * ran, gets a pass of its own: status ends Ready at the new generation and AWS has the edit.
 */
class EditDuringPassOnRealServerTest {
  private static final String NAMESPACE = "edited";
  private static final RealApiServer SERVER = RealApiServer.get();

  @Test
  void aSpecEditedWhileAPassIsUnderWayIsKeptAndGetsItsPass() {
    SERVER.installDeploy();
    SERVER.namespace(NAMESPACE);
    HeldPass hold = new HeldPass();
    AwsClients aws = MotoServer.get().clients(new AwsCallMeter(), List.of(hold));
    // No resync within the test: only the edit's own event can start the pass that applies it.
    RunningOperator operator = RunningOperator.start(new OperatorConfig(Set.of(NAMESPACE), Duration.ofHours(1),
        Duration.ofMillis(300), MotoServer.REGION, 0), aws);
    try (KubernetesClient admin = SERVER.admin()) {
      var stacks = admin.resources(RockOfAges.class).inNamespace(NAMESPACE);
      stacks.resource(Specs.resource(NAMESPACE, "rock", Specs.minimal())).create();
      Await.until("Ready at generation 1", () -> stacks.withName("rock").get(), rock -> readyAt(rock, 1));

      hold.arm();
      stacks.withName("rock").edit(rock -> {
        rock.getMetadata().getAnnotations().put(Annotations.RECONCILE_REQUESTED_AT, Instant.now().toString());
        return rock;
      });
      Await.until("a pass held at an AWS call", hold.held::getCount, count -> count == 0);
      stacks.withName("rock").edit(rock -> {
        rock.getSpec().getApi().setInstanceType("t3.small");
        return rock;
      });
      hold.release.countDown();

      RockOfAges edited = Await.until("Ready at generation 2", () -> stacks.withName("rock").get(),
          rock -> readyAt(rock, 2));
      String instanceId = edited.getStatus().getComponents().stream().filter(c -> "api-instance".equals(c.getName()))
          .findFirst().orElseThrow().getId();
      Instance instance = aws.ec2(MotoServer.REGION).describeInstances(r -> r.instanceIds(instanceId)).reservations()
          .get(0).instances().get(0);
      assertEquals("t3.small", instance.instanceTypeAsString());
      assertEquals("t3.small", stacks.withName("rock").get().getSpec().getApi().getInstanceType(),
          "the held pass's status write kept the edit");
    } finally {
      hold.release.countDown();
      try (KubernetesClient admin = SERVER.admin()) { // no stack left for the next test class's operator
        var stack = admin.resources(RockOfAges.class).inNamespace(NAMESPACE).withName("rock");
        stack.delete();
        Await.until("the stack deleted", stack::get, Objects::isNull);
      }
      operator.stop();
      aws.close();
    }
  }

  private static boolean readyAt(RockOfAges rock, long generation) {
    return rock != null && rock.getStatus() != null && rock.getStatus().isReady()
        && Long.valueOf(generation).equals(rock.getStatus().getObservedGeneration());
  }

  /**
   * Once armed, holds the next AWS call until released: with reads not shared (no drift watch, no
   * reads ahead) that is a pass's, which is then under way with the resourceVersion it started from.
   */
  private static final class HeldPass implements ExecutionInterceptor {
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean armed = new AtomicBoolean();

    void arm() {
      armed.set(true);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (armed.compareAndSet(true, false)) {
        held.countDown();
        try {
          release.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
