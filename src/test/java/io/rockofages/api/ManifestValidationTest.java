package io.rockofages.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The CRD's schema (as the CLI and operator apply it) against good and bad manifests. */
class ManifestValidationTest {
  private static final String GOOD = """
      apiVersion: rockofages.io/v1alpha1
      kind: RockOfAges
      metadata:
        name: rock
      spec:
        region: eu-west-1
        api:
          instanceType: t3.micro
          container:
            image: ghcr.io/acme/api:1.0
            port: 8000
            env:
              - name: MODE
                value: prod
          http:
            port: 80
            cidrs: ["203.0.113.0/24"]
          ssh:
            cidrs: []
      """;

  static Stream<Path> examples() throws IOException {
    return CrdTest.examples();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsAccepted(Path example) {
    RockOfAges resource = ManifestReader.read(example);
    assertTrue(resource.getSpec().getApi().getContainer().getImage().contains("/"));
  }

  static Stream<Arguments> badManifests() {
    return Stream.of(
        Arguments.of("cidrs: [\"203.0.113.0/24\"]", "cidrs: [\"10.0.0.0/33\"]",
            "spec.api.http.cidrs[0]: \"10.0.0.0/33\" is not an IPv4 or IPv6 CIDR block"),
        Arguments.of("cidrs: []", "cidrs: [\"300.1.1.1/8\"]", "spec.api.ssh.cidrs[0]"),
        Arguments.of("cidrs: []", "cidrs: [\"2001:db8::/129\"]", "spec.api.ssh.cidrs[0]: \"2001:db8::/129\" is not an IPv4 or IPv6"),
        Arguments.of("port: 80", "port: 70000", "spec.api.http.port: 70000 is above the maximum 65535"),
        Arguments.of("port: 8000", "port: 0", "spec.api.container.port: 0 is below the minimum 1"),
        Arguments.of("instanceType: t3.micro", "instanceType: T3 Micro", "spec.api.instanceType: \"T3 Micro\" is not an EC2 instance type"),
        Arguments.of("region: eu-west-1", "region: mars-north", "spec.region: \"mars-north\" is not an AWS region"),
        Arguments.of("image: ghcr.io/acme/api:1.0", "image: \"x; rm -rf /\"", "spec.api.container.image"),
        Arguments.of("- name: MODE", "- name: 1MODE", "spec.api.container.env[0].name"),
        Arguments.of("value: prod", "value: \"a\\nb\"", "spec.api.container.env[0].value: \"a\\nb\" is not a single line"),
        Arguments.of("    container:\n      image: ghcr.io/acme/api:1.0\n", "    container:\n",
            "spec.api.container.image: required"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  deletionPolicy: Sometimes", "spec.deletionPolicy: \"Sometimes\" is not one of"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  network:\n    vpcId: vpc-XYZ", "spec.network.vpcId"),
        Arguments.of("instanceType: t3.micro", "instanceTyp: t3.micro", "spec.api.instanceTyp: unknown field"),
        Arguments.of("kind: RockOfAges", "kind: Deployment", "kind must be RockOfAges"),
        Arguments.of("  name: rock", "  labels: {}", "metadata.name: required"),
        Arguments.of("port: 8000", "port: [8000", "not valid YAML"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    allocatedStorage: 10",
            "spec.database.allocatedStorage: 10 is below the minimum 20"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    backupRetentionDays: 40",
            "spec.database.backupRetentionDays: 40 is above the maximum 35"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    engineVersion: sixteen",
            "spec.database.engineVersion: \"sixteen\" is not a PostgreSQL major"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    instanceClass: t3.micro",
            "spec.database.instanceClass: \"t3.micro\" is not an RDS instance class"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    onDelete: Maybe",
            "spec.database.onDelete: \"Maybe\" is not one of"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    allowedCidrs: [\"0.0.0.0\"]",
            "spec.database.allowedCidrs[0]"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    masterUsername: 1admin",
            "spec.database.masterUsername"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    passwordSecretRef: {key: pw}",
            "spec.database.passwordSecretRef.name: required"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    engineVersion: \"9\"",
            "spec.database.engineVersion: \"9\" is not a PostgreSQL major RDS supports (13 to 18)"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    engineVersion: \"12.19\"", "spec.database.engineVersion: \"12.19\""),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    databaseName: 1db", "spec.database.databaseName: \"1db\" is not a database name"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    masterUsername: a_very_long_user_name", "spec.database.masterUsername"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  database:\n    instanceClass: db.t3", "spec.database.instanceClass: \"db.t3\""),
        Arguments.of("  name: rock", "  name: " + "r".repeat(64), "metadata.name: must be a DNS label"),
        Arguments.of("  name: rock", "  name: " + "r".repeat(300), "metadata.name: must be a DNS label"),
        Arguments.of("  name: rock", "  name: rock_of_ages", "metadata.name: must be a DNS label"),
        Arguments.of("  name: rock", "  name: Rock", "metadata.name: must be a DNS label"),
        Arguments.of("  name: rock", "  name: rock.of.ages", "metadata.name: must be a DNS label"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  region: us-east-1", "Duplicate field 'region'"),
        Arguments.of("instanceType: t3.micro", "instanceType: t3.micro\n    instanceType: t3.large",
            "Duplicate field 'instanceType'"),
        Arguments.of("apiVersion: rockofages.io/v1alpha1", "apiVersion: rockofages.io/v1", "apiVersion must be"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  orphanPolicy: Sometimes", "spec.orphanPolicy: \"Sometimes\" is not one of"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  site:\n    bucketName: My_Bucket", "spec.site.bucketName: \"My_Bucket\" is not an S3 bucket name"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  site:\n    bucketName: ab", "spec.site.bucketName: \"ab\" is not an S3 bucket name"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  site:\n    access: Public", "spec.site.access: \"Public\" is not one of"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  site:\n    indexDocument: index html", "spec.site.indexDocument: \"index html\""),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  site:\n    cdn:\n      priceClass: PriceClass_7", "spec.site.cdn.priceClass"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  site:\n    cdn:\n      viewerProtocolPolicy: sometimes",
            "spec.site.cdn.viewerProtocolPolicy"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  site:\n    cdn:\n      aliases: [www.example.com]",
            "spec.site.cdn: " + CrossFieldRules.ALIASES_NEED_CERTIFICATE),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  site:\n    cdn:\n      acmCertificateArn: "
            + "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
            "is not an ACM certificate ARN in us-east-1"),
        Arguments.of("  region: eu-west-1", "  region: eu-west-1\n  site:\n    cdn:\n      aliases: [\"not a domain\"]", "spec.site.cdn.aliases[0]"),
        Arguments.of("instanceType: t3.micro", "instanceType: t3.micro\n    subnetId: subnet-XYZ",
            "spec.api.subnetId: \"subnet-XYZ\" is not a subnet id"),
        Arguments.of("instanceType: t3.micro", "instanceType: t3.micro\n    imageId: ami-123",
            "spec.api.imageId: \"ami-123\" is not an AMI id"),
        Arguments.of("instanceType: t3.micro", "instanceType: t3.micro\n    keyName: \"my\\\"key\"",
            "spec.api.keyName"),
        Arguments.of("- name: MODE", "- name: A-B", "spec.api.container.env[0].name: \"A-B\" is not a variable name"),
        Arguments.of("cidrs: [\"203.0.113.0/24\"]", "cidrs: [\"10.0.0.0\"]", "spec.api.http.cidrs[0]: \"10.0.0.0\""));
  }

  @ParameterizedTest
  @MethodSource("badManifests")
  void badManifestIsRejectedNamingTheField(String good, String bad, String expected) {
    assertTrue(GOOD.contains(good), "test setup: " + good);
    ManifestException error = assertThrows(ManifestException.class,
        () -> ManifestReader.parse(GOOD.replace(good, bad), "rock.yaml"));
    assertTrue(error.problems().stream().anyMatch(p -> p.contains(expected)), error.problems().toString());
    assertTrue(error.problems().stream().allMatch(p -> p.startsWith("rock.yaml: ") && !p.contains("\n")),
        "one line each, naming the file: " + error.problems());
  }

  @ParameterizedTest
  @MethodSource("badManifests")
  void rejectionsAreOneProblemEachNotANoisyDump(String good, String bad, String expected) {
    ManifestException error = assertThrows(ManifestException.class,
        () -> ManifestReader.parse(GOOD.replace(good, bad), "rock.yaml"));
    assertTrue(error.problems().size() <= 2, error.problems().toString());
  }

  private static final String SITE_WITH_ALIASES = """
        site:
          cdn:
            aliases: ["www.example.com"]
      """;

  @org.junit.jupiter.api.Test
  void aliasesWithoutACertificateAreRefusedNamingTheRule() {
    ManifestException error = assertThrows(ManifestException.class,
        () -> ManifestReader.parse(GOOD + SITE_WITH_ALIASES, "x"));
    assertEquals(List.of("x: spec.site.cdn: " + CrossFieldRules.ALIASES_NEED_CERTIFICATE), error.problems());
    RockOfAges withCertificate = ManifestReader.parse(GOOD + SITE_WITH_ALIASES + "      acmCertificateArn: "
        + "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\n", "x");
    assertEquals(List.of("www.example.com"), withCertificate.getSpec().getSite().getCdn().getAliases());
  }

  @org.junit.jupiter.api.Test
  void ipv6BlocksAreAcceptedBesideIpv4() {
    RockOfAges resource = ManifestReader.parse(GOOD.replace("cidrs: [\"203.0.113.0/24\"]",
        "cidrs: [\"203.0.113.0/24\", \"2001:db8::/32\", \"::/0\"]"), "x");
    assertEquals(List.of("203.0.113.0/24", "2001:db8::/32", "::/0"), resource.getSpec().getApi().getHttp().getCidrs());
  }

  @org.junit.jupiter.api.Test
  void goodManifestGetsDefaultsAndTheDefaultNamespace() {
    assertTrue(GOOD.contains("    ssh:\n      cidrs: []\n"));
    RockOfAges resource = ManifestReader.parse(GOOD.replace("    ssh:\n      cidrs: []\n", ""), "x");
    assertEquals("default", resource.getMetadata().getNamespace());
    assertEquals(DeletionPolicy.Delete, resource.getSpec().getDeletionPolicy());
    assertEquals(List.of(), resource.getSpec().getApi().getSsh().getCidrs(), "SSH closed by default");
    assertEquals(List.of("203.0.113.0/24"), resource.getSpec().getApi().getHttp().getCidrs());
  }

  @org.junit.jupiter.api.Test
  void missingFileIsOneClearLine() {
    ManifestException error = assertThrows(ManifestException.class, () -> ManifestReader.read(Path.of("nope.yaml")));
    assertEquals(List.of("nope.yaml: no such file"), error.problems());
  }
}
