package io.rockofages.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real etcd and kube-apiserver (fabric8's kube-api-test), started once per test JVM: schema
 * validation, CEL, defaulting, server-side apply, RBAC, Table output and real watches. It writes
 * an audit log of every request, so a test can see what the operator's service account did.
 * Binaries come from kube-api-test's directory (on these machines built by {@code .ci/kube-binaries}).
 */
public final class RealApiServer {
  private static RealApiServer instance;

  private final KubeAPIServer server;
  private final Path kubeconfig;
  private final Path auditLog;

  private RealApiServer() {
    try {
      Path dir = Files.createTempDirectory("rockofages-apiserver");
      auditLog = dir.resolve("audit.log");
      Path policy = dir.resolve("audit-policy.yaml");
      Files.writeString(policy, """
          apiVersion: audit.k8s.io/v1
          kind: Policy
          omitStages: ["RequestReceived"]
          rules:
            - level: Metadata
          """);
      server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
          .withUpdateKubeConfig(false)
          .withApiServerFlag("--audit-policy-file", policy.toString())
          .withApiServerFlag("--audit-log-path", auditLog.toString())
          // As many clusters run it: setting blockOwnerDeletion needs "update" on the owner's finalizers.
          .withApiServerFlag("--enable-admission-plugins", "OwnerReferencesPermissionEnforcement")
          .build());
      server.start();
      kubeconfig = dir.resolve("kubeconfig");
      Files.writeString(kubeconfig, server.getKubeConfigYaml());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.stop();
        deleteTree(dir);
      }));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code dir} and all in it, at exit: what cannot be deleted is left in the temporary directory. */
  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Left behind, as above.
    }
  }

  public static synchronized RealApiServer get() {
    if (instance == null) {
      instance = new RealApiServer();
    }
    return instance;
  }

  /** A client with the test's full rights. */
  public KubernetesClient admin() {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
  }

  /** A client acting as {@code user} (e.g. a service account), with exactly that user's rights. */
  public KubernetesClient as(String user) {
    Config config = Config.fromKubeconfig(server.getKubeConfigYaml());
    config.setImpersonateUsername(user);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** A kubeconfig file for the real kubectl. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  public Path auditLog() {
    return auditLog;
  }

  /** deploy/ applied with the real kubectl, the CRD established: a cluster as a user installs it. */
  public void installDeploy() {
    Kubectl applied = kubectl("apply", "-k", "deploy/");
    if (applied.code() != 0) {
      throw new AssertionError("kubectl apply -k deploy/ failed: " + applied.out());
    }
    Await.until("the CRD established", () -> kubectl("get", "crd", "rockofages.rockofages.io", "-o",
        "jsonpath={.status.conditions[?(@.type==\"Established\")].status}").out(), "True"::equals);
  }

  /** Creates the namespace unless it exists. */
  public void namespace(String name) {
    try (KubernetesClient client = admin()) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .serverSideApply();
    }
  }

  /** What the kubectl on this machine prints and returns. */
  public record Kubectl(int code, String out) {}

  public Kubectl kubectl(String... args) {
    List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
      }
      return new Kubectl(process.exitValue(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
