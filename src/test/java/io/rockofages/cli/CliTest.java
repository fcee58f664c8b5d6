package io.rockofages.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rockofages.testing.MotoServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Set;

/** The command line end to end against moto: exit codes, output, and bad input creating nothing. */
class CliTest {
  private static final String SITE_FILES = "examples/site-files.yaml";
  private final MotoServer moto = MotoServer.get();
  private Map<String, String> env;

  @TempDir
  Path dir;

  /** What one invocation printed and returned. */
  record Run(int code, String out, String err) {}

  @BeforeEach
  void reset() {
    moto.reset();
    env = Map.of("AWS_ENDPOINT_URL", moto.endpoint().toString(), "AWS_ACCESS_KEY_ID", "testing",
        "AWS_SECRET_ACCESS_KEY", "testing", "AWS_REGION", MotoServer.REGION);
  }

  @Test
  void planApplyPlanDestroy() throws IOException {
    Path manifest = Path.of("examples/api-host-secure.yaml");

    Run plan = run("plan", "-f", manifest.toString());
    assertEquals(2, plan.code(), plan.err());
    assertTrue(plan.out().contains("+    api-instance         create"), plan.out());
    assertTrue(plan.out().contains("Plan: 2 to create, 1 to update, 0 to replace, 0 to delete."), plan.out());
    assertTrue(plan.err().contains("AWS calls:") && plan.err().contains("(0 changing"), plan.err());
    assertEquals(0, runningInstances());

    Run apply = run("apply", "-f", manifest.toString(), "--interval", "100ms", "-o", "json");
    assertEquals(0, apply.code(), apply.err());
    JsonNode status = new ObjectMapper().readTree(apply.out());
    assertEquals("Ready", status.path("phase").asText());
    assertEquals("api-instance", status.path("components").get(2).path("name").asText());
    assertTrue(status.path("endpoints").path("api").asText().startsWith("http://"));
    assertTrue(apply.err().contains("api-instance         Creating"), "progress per component: " + apply.err());
    assertEquals(1, runningInstances());

    Run again = run("plan", "-f", manifest.toString(), "--site-content", SITE_FILES);
    assertEquals(0, again.code(), again.out());
    assertTrue(again.err().contains("(0 changing)"));

    Run destroy = run("destroy", "-f", manifest.toString(), "--interval", "100ms");
    assertEquals(0, destroy.code(), destroy.err());
    assertEquals(0, runningInstances());
  }

  @Test
  void aDatabasePasswordIsGeneratedOnceIntoAPrivateFileAndNeverPrinted() throws IOException {
    env = new HashMap<>(env);
    env.put("HOME", dir.toString());
    Path manifest = Path.of("examples/stack-secure.yaml");

    Run withoutFiles = run("plan", "-f", manifest.toString());
    assertEquals(1, withoutFiles.code());
    assertEquals("error: spec.site.contentFrom names ConfigMap rock-of-ages-site: put it in " + manifest
        + " or give its manifest with --site-content FILE", withoutFiles.err().strip());

    Run plan = run("plan", "-f", manifest.toString(), "--site-content", SITE_FILES);
    assertEquals(2, plan.code(), plan.err());
    Path file = dir.resolve(".config/rockofages/default/rock-of-ages/db-password");
    assertFalse(Files.exists(file), "plan writes nothing");

    Run apply = run("apply", "-f", manifest.toString(), "--interval", "100ms", "--site-content", SITE_FILES);
    assertEquals(0, apply.code(), apply.err());
    assertTrue(apply.err().contains("generated the database master password into " + file + " (mode 0600)"),
        apply.err());
    assertEquals(Set.of(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
    String password = Files.readString(file).strip();
    assertEquals(32, password.length());
    assertFalse(apply.out().contains(password) || apply.err().contains(password), "never printed");
    assertTrue(apply.err().contains("Database: "), apply.err());
    assertTrue(apply.err().contains("Site: https://"), apply.err());

    Run again = run("plan", "-f", manifest.toString(), "--site-content", SITE_FILES);
    assertEquals(0, again.code(), "the saved password is reused: nothing to change\n" + again.out());

    Path other = dir.resolve("pw.txt");
    Files.writeString(other, "Another-Pa55word\n");
    Run rotate = run("plan", "-f", manifest.toString(), "--db-password-file", other.toString(),
        "--site-content", SITE_FILES);
    assertEquals(2, rotate.code());
    assertTrue(rotate.out().contains("masterPassword: (previous) -> (from the Secret)"), rotate.out());
    assertEquals(0, run("destroy", "-f", manifest.toString(), "--interval", "100ms", "--site-content", SITE_FILES)
        .code());
  }

  @Test
  void theSeedsWholeStackAppliesFromOneManifestWithItsWarnings() {
    env = new HashMap<>(env);
    env.put("HOME", dir.toString());
    String seed = "examples/seed-stack.yaml";

    Run apply = run("apply", "-f", seed, "--interval", "100ms", "-o", "yaml");

    assertEquals(0, apply.code(), apply.err());
    for (String warning : new String[] {"SSH (port 22)", "PostgreSQL (port 5432)", "the site bucket is public",
        "the database has a public address"}) {
      assertTrue(apply.err().contains("warning: " + warning), warning + " in\n" + apply.err());
    }
    assertTrue(apply.out().contains("type: \"SecurityAdvisory\"\n  status: \"True\""), apply.out());
    assertEquals(0, run("destroy", "-f", seed, "--interval", "100ms").code());
  }

  @Test
  void badInputIsOneLineExitOneAndCreatesNothing() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, Files.readString(Path.of("examples/api-host-secure.yaml"))
        .replace("instanceType: t3.micro", "instanceType: t3.micro\n    sshCidrs: [\"0.0.0.0/0\"]"));

    Run apply = run("apply", "-f", bad.toString());

    assertEquals(1, apply.code());
    assertEquals("error: " + bad + ": spec.api.sshCidrs: unknown field (known here: container, http, imageId, instanceType, "
        + "keyName, ssh, subnetId)", apply.err().strip());
    assertEquals(0, runningInstances());
  }

  @Test
  void missingFileAndBadFlagsExitOne() {
    Run missing = run("plan", "-f", dir.resolve("none.yaml").toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().strip().endsWith("none.yaml: no such file"), missing.err());

    Run badTimeout = run("apply", "-f", "examples/api-host-secure.yaml", "--timeout", "soon");
    assertEquals(2, badTimeout.code(), "picocli's usage error code");
    assertTrue(badTimeout.err().contains("'soon' is not a duration"), badTimeout.err());
  }

  @Test
  void helpListsTheCommands() {
    Run help = run("--help");
    assertEquals(0, help.code());
    for (String command : new String[] {"plan", "apply", "destroy", "run"}) {
      assertTrue(help.out().contains("  " + command + " "), help.out());
    }
  }

  private long runningInstances() {
    try (Ec2Client ec2 = moto.clients(new io.rockofages.aws.AwsCallMeter()).ec2(MotoServer.REGION)) {
      return ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name")
          .values("pending", "running").build())).reservations().stream().mapToLong(r -> r.instances().size()).sum();
    }
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(env);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
