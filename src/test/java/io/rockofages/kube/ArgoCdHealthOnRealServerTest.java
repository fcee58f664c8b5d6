package io.rockofages.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.rockofages.api.Condition;
import io.rockofages.api.ManagementPolicy;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.operator.OperatorConfig;
import io.rockofages.testing.Await;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.RealApiServer;
import io.rockofages.testing.RunningOperator;
import io.rockofages.testing.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real objects for the Argo CD health check, written by the operator on a real API server in each
 * state Argo CD must tell apart (fresh, provisioning, ready, stale generation, stalled, out of sync
 * under managementPolicy Observe, paused, deleting while paused, deleting, ready with a security
 * advisory). They land in target/argocd-testdata, where .ci/argocd-health runs deploy/argocd's
 * health.lua on them with gopher-lua, the interpreter Argo CD embeds; the committed testdata are
 * copies of such a run.
 */
class ArgoCdHealthOnRealServerTest {
  static final Path OUT = Path.of("target/argocd-testdata");
  private static final String NAMESPACE = "argocd-health";
  private static final RealApiServer SERVER = RealApiServer.get();
  private static KubernetesClient admin;
  private static AwsClients aws;
  private static final AwsCallMeter METER = new AwsCallMeter();
  private static RunningOperator operator;

  @BeforeAll
  static void start() throws IOException {
    SERVER.installDeploy();
    SERVER.namespace(NAMESPACE);
    admin = SERVER.admin();
    admin.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata().withName("files")
        .endMetadata().withData(Map.of("index.html", "<h1>hi</h1>")).build()).serverSideApply();
    MotoServer moto = MotoServer.get();
    moto.reset();
    aws = moto.clients(METER);
    operator = RunningOperator.start(new OperatorConfig(Set.of(NAMESPACE), Duration.ofSeconds(3),
        Duration.ofMillis(300), MotoServer.REGION, 0), aws);
    Files.createDirectories(OUT);
  }

  @AfterAll
  static void stop() {
    MotoServer.get().releaseDistributions();
    operator.stop();
    admin.close();
    aws.close();
  }

  @Test
  void aStackThroughEveryStateArgoCdTellsApart() throws IOException {
    MotoServer.get().holdDistributionsInProgress(1000);
    RockOfAges stack = Specs.resource(NAMESPACE, "rock", withSite());
    write("fresh", resources().resource(stack).create());
    write("provisioning", until("Reconciling with the distribution deploying",
        r -> status(r, "Reconciling", "True") && r.getStatus().getObservedGeneration() == 1));
    MotoServer.get().releaseDistributions();
    write("ready", until("Ready", r -> status(r, "Ready", "True")));

    write("stale-generation", stack().edit(r -> {
      r.getSpec().getApi().setInstanceType("t3.small");
      return r;
    }));
    until("Ready for generation 2", r -> status(r, "Ready", "True") && r.getStatus().getObservedGeneration() == 2);

    RockOfAges broken = Specs.resource(NAMESPACE, "broken", Specs.minimal());
    broken.getSpec().getNetwork().setVpcId("vpc-0000000000000000");
    resources().resource(broken).create();
    write("stalled", Await.until("Stalled", () -> resources().inNamespace(NAMESPACE).withName("broken").get(),
        r -> r.getStatus() != null && status(r, "Stalled", "True")));
    resources().inNamespace(NAMESPACE).withName("broken").delete();

    RockOfAges watched = Specs.resource(NAMESPACE, "watched", Specs.minimal());
    watched.getSpec().setManagementPolicy(ManagementPolicy.Observe);
    resources().resource(watched).create();
    write("observe-out-of-sync", Await.until("OutOfSync", () -> resources().inNamespace(NAMESPACE)
        .withName("watched").get(), r -> r.getStatus() != null && "OutOfSync".equals(r.getStatus().getPhase())));
    resources().inNamespace(NAMESPACE).withName("watched").delete();

    stack().edit(r -> {
      r.getSpec().getApi().getSsh().setCidrs(List.of("0.0.0.0/0"));
      return r;
    });
    write("security-advisory", until("Ready with an advisory", r -> status(r, "Ready", "True")
        && status(r, "SecurityAdvisory", "True") && r.getStatus().getObservedGeneration() == 3));

    annotate("--overwrite", "rockofages.io/reconcile-requested-at=2026-11-26T23:30:00Z"); // the README's commands
    until("the reconcile request handled", r -> "2026-11-26T23:30:00Z".equals(r.getStatus().getLastHandledReconcileAt()));
    annotate("rockofages.io/paused=true");
    write("paused", until("Paused", r -> status(r, "Paused", "True")));
    long callsWhenPaused = METER.total();
    stack().delete();
    write("deletion-paused", until("the deletion waiting", r -> r.getStatus().condition("Paused")
        .map(c -> c.getMessage().startsWith("deletion waits")).orElse(false)));
    assertEquals(callsWhenPaused, METER.total(), "a paused stack's deletion makes no AWS call");
    assertTrue(admin.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .anyMatch(e -> "DeletionPaused".equals(e.getReason())));

    MotoServer.get().holdDistributionsInProgress(1000);
    annotate("rockofages.io/paused-");
    write("deleting", until("Deleting", r -> r.getMetadata().getDeletionTimestamp() != null
        && "Deleting".equals(r.getStatus().getPhase())));
    MotoServer.get().releaseDistributions();
    Await.until("gone", () -> stack().get(), r -> r == null);
  }

  @Test
  void theReadmesCommandPutsTheHealthCheckIntoArgoCdsConfigMap() throws IOException {
    SERVER.namespace("argocd");
    admin.configMaps().inNamespace("argocd").resource(new ConfigMapBuilder().withNewMetadata().withName("argocd-cm")
        .endMetadata().withData(Map.of("url", "https://argocd.example.com")).build()).serverSideApply();

    RealApiServer.Kubectl patched = SERVER.kubectl("-n", "argocd", "patch", "configmap", "argocd-cm", "--patch-file",
        "deploy/argocd/argocd-cm.yaml");

    assertEquals(0, patched.code(), patched.out());
    Map<String, String> data = admin.configMaps().inNamespace("argocd").withName("argocd-cm").get().getData();
    assertEquals(Files.readString(Path.of("deploy/argocd/resource_customizations/rockofages.io/RockOfAges/health.lua")),
        data.get("resource.customizations.health.rockofages.io_RockOfAges"));
    assertEquals("https://argocd.example.com", data.get("url"), "the rest of argocd-cm is kept");
  }

  private static void annotate(String... annotation) {
    List<String> command = new ArrayList<>(List.of("-n", NAMESPACE, "annotate", "roa", "rock"));
    command.addAll(List.of(annotation));
    RealApiServer.Kubectl annotated = SERVER.kubectl(command.toArray(String[]::new));
    assertEquals(0, annotated.code(), annotated.out());
  }


  private static RockOfAgesSpec withSite() {
    RockOfAgesSpec spec = Specs.minimal();
    spec.setSite(new SiteSpec());
    spec.getSite().setContentFrom(new SiteSpec.ContentSource());
    spec.getSite().getContentFrom().setConfigMapRef(new SiteSpec.NameRef("files"));
    return spec;
  }

  private static io.fabric8.kubernetes.client.dsl.MixedOperation<RockOfAges, ?, Resource<RockOfAges>> resources() {
    return admin.resources(RockOfAges.class);
  }

  private static Resource<RockOfAges> stack() {
    return resources().inNamespace(NAMESPACE).withName("rock");
  }

  private static RockOfAges until(String what, Predicate<RockOfAges> done) {
    return Await.until(what, () -> stack().get(), r -> r != null && r.getStatus() != null && done.test(r));
  }

  private static boolean status(RockOfAges resource, String type, String status) {
    return resource.getStatus().condition(type).map(Condition::getStatus).map(status::equals).orElse(false);
  }

  /** The object as the API server returned it, without the bookkeeping Argo CD never reads. */
  private static void write(String name, RockOfAges resource) throws IOException {
    ObjectNode object = Serialization.jsonMapper().valueToTree(resource);
    ((ObjectNode) object.path("metadata")).remove("managedFields");
    Files.writeString(OUT.resolve(name + ".yaml"), new ObjectMapper(new YAMLFactory()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)).writeValueAsString(object));
  }
}
