package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.testing.OperatorHarness;
import io.rockofages.testing.Specs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** A stop (SIGTERM) waits for the pass under way: a launch started is a launch finished and recorded. */
class GracefulShutdownTest {
  @Test
  void aStopLetsThePassUnderWayFinish() throws Exception {
    CountDownLatch launching = new CountDownLatch(1);
    CountDownLatch mayFinish = new CountDownLatch(1);
    ExecutionInterceptor slowLaunch = new ExecutionInterceptor() {
      @Override
      public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if ("RunInstances".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
          launching.countDown();
          await(mayFinish);
        }
      }
    };
    try (OperatorHarness harness = new OperatorHarness(Duration.ofSeconds(60), List.of(slowLaunch))) {
      harness.client.resource(Specs.resource("graceful", "rock", Specs.minimal())).create();
      assertTrue(launching.await(30, TimeUnit.SECONDS), "the pass reached RunInstances");

      CompletableFuture<Void> stop = CompletableFuture.runAsync(harness::stopOperator);
      mayFinish.countDown();
      stop.get(30, TimeUnit.SECONDS);

      assertEquals(1, harness.meter.count("RunInstances"), "the launch finished");
      var status = harness.client.resources(io.rockofages.api.RockOfAges.class).inNamespace("graceful")
          .withName("rock").get().getStatus();
      assertTrue(status != null && status.getComponents().stream()
          .anyMatch(c -> "api-instance".equals(c.getName()) && c.getId() != null),
          "and the pass wrote what it launched into status before the operator stopped: " + status);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
