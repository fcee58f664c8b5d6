package io.rockofages.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.KubernetesClient;
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
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scaling past one operator by namespace: operators with disjoint WATCH_NAMESPACES each look after
 * their own stacks only, and deploy/namespaced gives an operator a Role in its namespace instead of
 * the ClusterRole, enough for the whole stack and nothing outside it.
 */
class NamespacedOperatorsOnRealServerTest {
  private static final RealApiServer SERVER = RealApiServer.get();
  private static KubernetesClient admin;
  private static AwsClients aws;

  @BeforeAll
  static void install() {
    SERVER.installDeploy();
    SERVER.namespace("shard-a");
    SERVER.namespace("shard-b");
    admin = SERVER.admin();
    MotoServer.get().reset();
    aws = MotoServer.get().clients(new AwsCallMeter());
  }

  @AfterAll
  static void close() {
    assertEquals(0, SERVER.kubectl("apply", "-k", "deploy/").code(), "the cluster-wide RBAC is back for others");
    admin.close();
    aws.close();
  }

  /** An operator for some namespaces, with the service account's rights. */
  private static RunningOperator operatorFor(String... namespaces) {
    return RunningOperator.start(new OperatorConfig(Set.of(namespaces), Duration.ofSeconds(2), Duration.ofMillis(300),
        MotoServer.REGION, 0), aws);
  }

  @Test
  void operatorsWithDisjointNamespacesEachLookAfterTheirOwn() {
    assertEquals(0, SERVER.kubectl("apply", "-k", "deploy/").code(), "the cluster-wide RBAC");
    RunningOperator a = operatorFor("shard-a");
    RunningOperator b = operatorFor("shard-b");
    readyStack("shard-a");
    readyStack("shard-b");

    admin.resources(RockOfAges.class).inNamespace("shard-b").withName("stack").delete();
    Await.until("shard-b's stack gone", () -> admin.resources(RockOfAges.class).inNamespace("shard-b")
        .withName("stack").get(), r -> r == null);

    assertEquals(0, a.passes("cleanup"), "shard-a's operator never touched shard-b's stack");
    Await.until("shard-b's operator tore it down", () -> b.passes("cleanup"), n -> n > 0);
    admin.resources(RockOfAges.class).inNamespace("shard-a").withName("stack").delete();
    Await.until("shard-a's stack gone", () -> admin.resources(RockOfAges.class).inNamespace("shard-a")
        .withName("stack").get(), r -> r == null);
    a.stop();
    b.stop();
  }

  @Test
  void theNamespacedInstallIsEnoughForTheWholeStackAndNothingElse() {
    SERVER.kubectl("delete", "clusterrolebinding", "rockofages-operator", "--ignore-not-found");
    RealApiServer.Kubectl applied = SERVER.kubectl("apply", "-k", "deploy/namespaced");
    assertEquals(0, applied.code(), applied.out());
    RunningOperator scoped = operatorFor("stacks");

    readyStack("stacks");

    assertEquals("no", SERVER.kubectl("auth", "can-i", "list", "secrets", "-n", "default", "--as",
        RunningOperator.SERVICE_ACCOUNT).out().trim(), "no Secret outside its namespace");
    assertEquals("yes", SERVER.kubectl("auth", "can-i", "list", "secrets", "-n", "stacks", "--as",
        RunningOperator.SERVICE_ACCOUNT).out().trim());
    admin.resources(RockOfAges.class).inNamespace("stacks").withName("stack").delete();
    Await.until("gone", () -> admin.resources(RockOfAges.class).inNamespace("stacks").withName("stack").get(),
        r -> r == null);
    scoped.stop();
    assertEquals(0, SERVER.kubectl("apply", "-k", "deploy/").code(), "the cluster-wide RBAC back");
  }

  /** A stack with a database (so its Secrets too) in the namespace, brought to Ready. */
  private static void readyStack(String namespace) {
    var spec = Specs.minimal();
    spec.setDatabase(new io.rockofages.api.DatabaseSpec());
    spec.getDatabase().setDeletionProtection(false);
    spec.getDatabase().setOnDelete(io.rockofages.api.DatabaseSpec.OnDelete.Delete);
    var stacks = admin.resources(RockOfAges.class).inNamespace(namespace);
    stacks.resource(Specs.resource(namespace, "stack", spec)).create();
    Await.until(namespace + "'s stack Ready", () -> stacks.withName("stack").get(),
        r -> r.getStatus() != null && r.getStatus().isReady());
  }
}
