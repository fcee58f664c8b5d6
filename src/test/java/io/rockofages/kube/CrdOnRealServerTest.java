package io.rockofages.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.rockofages.api.RockOfAges;
import io.rockofages.testing.Examples;
import io.rockofages.testing.RealApiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRD on a real API server, installed the way a user installs it ({@code kubectl apply -k
 * deploy/}): it becomes Established, every example is accepted, bad manifests are refused by the
 * server itself with words a person can act on, and region, VPC and bucket name cannot be changed,
 * added or removed once the stack exists.
 */
class CrdOnRealServerTest {
  /** Its own namespace: the operator tests reconcile only "default". */
  private static final String NAMESPACE = "crd-test";
  /** A valid stack naming every field the bad manifests below break. */
  private static final String BASE = """
      apiVersion: rockofages.io/v1alpha1
      kind: RockOfAges
      metadata:
        name: NAME
      spec:
        region: us-east-1
        api:
          instanceType: t3.micro
          container:
            image: ghcr.io/example/rock-of-ages-api:1.0
            port: 8000
          http:
            port: 80
            cidrs: ["0.0.0.0/0"]
        deletionPolicy: Delete
      """;
  private static final RealApiServer SERVER = RealApiServer.get();
  private static KubernetesClient client;
  /** Where a test writes the manifests it gives kubectl: deleted after it. */
  @TempDir
  Path manifests;

  @BeforeAll
  static void install() {
    SERVER.installDeploy();
    SERVER.namespace(NAMESPACE);
    client = SERVER.admin();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  static Stream<Path> examples() throws IOException {
    return Examples.stacks();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAcceptedByTheServer(Path example) {
    RealApiServer.Kubectl dryRun = SERVER.kubectl("apply", "--dry-run=server", "-f", example.toString());
    assertEquals(0, dryRun.code(), dryRun.out());
    assertTrue(dryRun.out().contains("rockofages.rockofages.io/"), dryRun.out());
  }

  static Stream<Arguments> badManifests() {
    return Stream.of(
        Arguments.of("cidrs: [\"0.0.0.0/0\"]", "cidrs: [\"10.0.0.0/33\"]", "spec.api.http.cidrs[0]"),
        Arguments.of("instanceType: t3.micro", "instanceType: T3 Micro", "spec.api.instanceType"),
        Arguments.of("port: 80", "port: 70000", "should be less than or equal to 65535"),
        Arguments.of("deletionPolicy: Delete", "deletionPolicy: Forget", "supported values: \"Delete\", \"Retain\""),
        Arguments.of("region: us-east-1", "region: mars-north", "spec.region"),
        Arguments.of("      port: 8000", "      port: 8000\n      shoeSize: 44", "unknown field \"spec.api.container.shoeSize\""),
        Arguments.of("deletionPolicy: Delete", "deletionPolicy: Delete\n  site:\n    cdn:\n      aliases: [www.example.com]",
            "aliases need acmCertificateArn"),
        Arguments.of("name: bad", "name: " + "r".repeat(64), "metadata.name must be a DNS label"),
        Arguments.of("name: bad", "name: rock.of.ages", "metadata.name must be a DNS label"),
        Arguments.of("deletionPolicy: Delete", "deletionPolicy: Delete\n  database:\n    engineVersion: \"9\"",
            "spec.database.engineVersion"),
        Arguments.of("deletionPolicy: Delete", "deletionPolicy: Delete\n  adopt:\n    instanceId: my-server",
            "spec.adopt.instanceId"),
        Arguments.of("deletionPolicy: Delete", "deletionPolicy: Delete\n  managementPolicy: Watch",
            "supported values: \"Manage\", \"Observe\""));
  }

  @ParameterizedTest
  @MethodSource("badManifests")
  void badManifestsAreRefusedByTheServerItself(String good, String bad, String expected) throws IOException {
    String manifest = BASE.replace("NAME", "bad");
    assertTrue(manifest.contains(good), good);
    Path file = manifests.resolve("bad.yaml");
    Files.writeString(file, manifest.replace(good, bad));

    RealApiServer.Kubectl refused = SERVER.kubectl("apply", "--dry-run=server", "--validate=strict", "-n", NAMESPACE,
        "-f", file.toString());

    assertEquals(1, refused.code(), refused.out());
    assertTrue(refused.out().contains(expected), refused.out());
  }

  static Stream<Arguments> immutableChanges() {
    return Stream.of(
        Arguments.of("region changed", "region: us-east-1", "region: eu-west-1", "region is immutable"),
        Arguments.of("region removed", "  region: us-east-1\n", "", "region is immutable"),
        Arguments.of("vpcId added", "  deletionPolicy: Delete", "  network:\n    vpcId: vpc-0abc12345\n  deletionPolicy: Delete",
            "network.vpcId is immutable"),
        Arguments.of("bucketName added", "  deletionPolicy: Delete",
            "  site:\n    bucketName: another-bucket\n  deletionPolicy: Delete", "site.bucketName is immutable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("immutableChanges")
  void regionVpcAndBucketCannotBeChangedAddedOrRemoved(String name, String from, String to, String expected)
      throws IOException {
    String manifest = BASE.replace("NAME", "immutable-" + name.replace(' ', '-').toLowerCase());
    if (name.startsWith("bucketName")) {
      manifest = manifest.replace("  deletionPolicy: Delete", "  site: {}\n  deletionPolicy: Delete");
      from = "  site: {}\n  deletionPolicy: Delete";
    }
    Path original = manifests.resolve("original.yaml");
    Files.writeString(original, manifest);
    RealApiServer.Kubectl created = SERVER.kubectl("apply", "-n", NAMESPACE, "-f", original.toString());
    assertEquals(0, created.code(), created.out());
    Path edited = manifests.resolve("edited.yaml");
    Files.writeString(edited, manifest.replace(from, to));

    RealApiServer.Kubectl refused = SERVER.kubectl("apply", "-n", NAMESPACE, "-f", edited.toString());

    assertEquals(1, refused.code(), refused.out());
    assertTrue(refused.out().contains(expected), refused.out());
  }

  @Test
  void aSiteSectionMayComeAndGoButItsBucketNameMayNotChange() throws IOException {
    RockOfAges stack = Serialization.unmarshal(BASE.replace("NAME", "x"), RockOfAges.class);
    stack.getMetadata().setName("site-comes-and-goes");
    stack.getMetadata().setNamespace(NAMESPACE);
    var resources = client.resources(RockOfAges.class).inNamespace(NAMESPACE);
    resources.resource(stack).create();
    RockOfAges withSite = resources.withName("site-comes-and-goes").edit(r -> {
      r.getSpec().setSite(new io.rockofages.api.SiteSpec());
      r.getSpec().getSite().setBucketName("my-bucket-name");
      return r;
    });
    assertEquals("my-bucket-name", withSite.getSpec().getSite().getBucketName());
    KubernetesClientException renamed = org.junit.jupiter.api.Assertions.assertThrows(KubernetesClientException.class,
        () -> resources.withName("site-comes-and-goes").edit(r -> {
          r.getSpec().getSite().setBucketName("another-name");
          return r;
        }));
    assertTrue(renamed.getMessage().contains("site.bucketName is immutable"), renamed.getMessage());
    RockOfAges withoutSite = resources.withName("site-comes-and-goes").edit(r -> {
      r.getSpec().setSite(null);
      return r;
    });
    assertEquals(null, withoutSite.getSpec().getSite(), "removing the section is how a site is torn down");
  }

  @Test
  void conditionsAreAListMapAndTimestampsAreDateTime() {
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
        .withName("rockofages.rockofages.io").get();
    var status = crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("status");
    var conditions = status.getProperties().get("conditions");
    assertEquals("map", conditions.getXKubernetesListType());
    assertEquals(java.util.List.of("type"), conditions.getXKubernetesListMapKeys());
    assertEquals("date-time", conditions.getItems().getSchema().getProperties().get("lastTransitionTime").getFormat());
  }
}
