package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.aws.SharedReads;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {
  @Test
  void leaderElectionOnlyWithALeaseNamespaceAndUnderThePodsName() {
    assertTrue(OperatorConfig.fromEnvironment(Map.of()).leaderElection().isEmpty(), "one replica: no election");
    OperatorConfig.LeaderElection election = OperatorConfig.fromEnvironment(Map.of("LEADER_ELECTION_NAMESPACE",
        "rockofages-system", "POD_NAME", "rockofages-operator-7d9f-abcde", "HOSTNAME", "ignored"))
        .leaderElection().orElseThrow();
    assertEquals("rockofages-system", election.leaseNamespace());
    assertEquals("rockofages-operator-7d9f-abcde", election.identity());
    assertTrue(election.exitOnLostLeadership(), "a leader that lost the Lease must not act beside the new one");
    assertEquals("host-1", OperatorConfig.fromEnvironment(Map.of("LEADER_ELECTION_NAMESPACE", "ns", "HOSTNAME",
        "host-1")).leaderElection().orElseThrow().identity());
  }

  @Test
  void theClusterNameMarkedOnAwsResourcesComesFromClusterName() {
    assertEquals("kubernetes", OperatorConfig.fromEnvironment(Map.of()).clusterName());
    assertEquals("prod-eu", OperatorConfig.fromEnvironment(Map.of("CLUSTER_NAME", "prod-eu")).clusterName());
  }

  @Test
  void aStackIsComparedWithAwsEveryFifteenSecondsUnlessResyncIntervalSaysOtherwise() {
    assertEquals(Duration.ofSeconds(15), OperatorConfig.fromEnvironment(Map.of()).resync());
    assertEquals(Duration.ofMinutes(2), OperatorConfig.fromEnvironment(Map.of("RESYNC_INTERVAL", "2m")).resync());
  }

  @Test
  void aSharedObservationServesALookOfFiveSecondsOrTheResyncIfShorterOrARound() {
    assertEquals(Duration.ofSeconds(5), OperatorConfig.fromEnvironment(Map.of()).sharedReadsFor());
    assertEquals(Duration.ofSeconds(5), OperatorConfig.fromEnvironment(Map.of("RESYNC_INTERVAL", "15s"))
        .sharedReadsFor());
    assertEquals(Duration.ofSeconds(2), OperatorConfig.fromEnvironment(Map.of("RESYNC_INTERVAL", "2s"))
        .sharedReadsFor());
    assertEquals(new SharedReads.Windows(Duration.ofSeconds(5), Duration.ofSeconds(15)),
        OperatorConfig.fromEnvironment(Map.of("RESYNC_INTERVAL", "15s")).sharedReads(), "a round is the resync");
  }

  @Test
  void passesRunEightAtOnceUnlessReconcileThreadsSaysOtherwise() {
    assertEquals(8, OperatorConfig.fromEnvironment(Map.of()).reconcileThreads());
    assertEquals(3, OperatorConfig.fromEnvironment(Map.of("RECONCILE_THREADS", "3")).reconcileThreads());
  }
}
