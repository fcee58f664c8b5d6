package io.rockofages.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rockofages.api.RockOfAges;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.operator.OperatorConfig;
import io.rockofages.operator.OperatorMain;
import io.rockofages.testing.Await;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.RealApiServer;
import io.rockofages.testing.RunningOperator;
import io.rockofages.testing.Specs;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the operator, each with the service account's rights (the Role for its Lease
 * included): one leads and reconciles, the other waits; when the leader stops, the other takes
 * the Lease and carries on.
 */
class LeaderElectionOnRealServerTest {
  private static final String NAMESPACE = "leader-test";
  private static final String LEASE_NAMESPACE = "rockofages-system";
  private static final RealApiServer SERVER = RealApiServer.get();
  private static KubernetesClient admin;
  private static AwsClients aws;

  @BeforeAll
  static void install() {
    SERVER.installDeploy();
    SERVER.namespace(NAMESPACE);
    admin = SERVER.admin();
    MotoServer.get().reset();
    aws = MotoServer.get().clients(new AwsCallMeter());
  }

  @AfterAll
  static void close() {
    admin.close();
    aws.close();
  }

  /** A replica as the Deployment runs it, under its own identity; short lease times keep the test quick. */
  private static RunningOperator replica(String identity) {
    return RunningOperator.start(new OperatorConfig(Set.of(NAMESPACE), Duration.ofSeconds(2), Duration.ofMillis(300),
        MotoServer.REGION, 0, Optional.of(new OperatorConfig.LeaderElection(LEASE_NAMESPACE, identity,
            Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(500), false)),
        OperatorConfig.DEFAULT_CLUSTER_NAME, OperatorConfig.DEFAULT_RECONCILE_THREADS), aws);
  }

  @Test
  void oneReplicaActsAndTheOtherTakesOverWhenItStops() {
    RunningOperator first = replica("replica-a");
    Await.until("replica-a holds the Lease", LeaderElectionOnRealServerTest::holder, "replica-a"::equals);
    RunningOperator second = replica("replica-b");
    var stacks = admin.resources(RockOfAges.class).inNamespace(NAMESPACE);
    stacks.resource(Specs.resource(NAMESPACE, "led", Specs.minimal())).create();
    Await.until("Ready through the leader", () -> stacks.withName("led").get(),
        r -> r.getStatus() != null && r.getStatus().isReady());
    assertEquals(0, second.passes("reconcile"), "the replica without the Lease reconciles nothing");

    first.stop();

    Await.until("replica-b takes the Lease", LeaderElectionOnRealServerTest::holder, "replica-b"::equals);
    stacks.withName("led").edit(r -> {
      r.getSpec().getApi().setInstanceType("t3.small");
      return r;
    });
    Await.until("the edit reconciled by replica-b", () -> stacks.withName("led").get(),
        r -> r.getStatus().getObservedGeneration() == 2 && r.getStatus().isReady());
    Await.until("replica-b did the work", () -> second.passes("reconcile"), n -> n > 0);
    stacks.withName("led").delete();
    Await.until("gone", () -> stacks.withName("led").get(), r -> r == null);
    second.stop();
  }

  private static String holder() {
    Lease lease = admin.leases().inNamespace(LEASE_NAMESPACE).withName(OperatorMain.LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }
}
