package io.rockofages.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rockofages.testing.FaultProxy;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
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
    env = moto.environment();
  }

  @Test
  void planApplyPlanDestroy() throws IOException {
    Path manifest = Path.of("examples/api-host-secure.yaml");

    Run plan = run("plan", "-f", manifest.toString());
    assertEquals(2, plan.code(), plan.err());
    assertTrue(plan.out().contains("\n+   api-instance          create\n"), "aligned to the longest name: " + plan.out());
    assertTrue(plan.out().contains("Plan: 4 to create, 1 to update, 0 to replace, 0 to delete."), plan.out());
    assertTrue(plan.err().contains("AWS calls:") && plan.err().contains("(0 changing"), plan.err());
    assertEquals(0, runningInstances());

    Run apply = run("apply", "--auto-approve", "-f", manifest.toString(), "--interval", "100ms", "-o", "json");
    assertEquals(0, apply.code(), apply.err());
    JsonNode status = new ObjectMapper().readTree(apply.out());
    assertEquals("Ready", status.path("phase").asText());
    assertEquals("api-instance", status.path("components").get(4).path("name").asText());
    assertTrue(status.path("endpoints").path("api").asText().startsWith("http://"));
    assertTrue(apply.err().contains("api-instance         Creating"), "progress per component: " + apply.err());
    assertEquals(1, runningInstances());

    Run again = run("plan", "-f", manifest.toString(), "--site-content", SITE_FILES);
    assertEquals(0, again.code(), again.out());
    assertTrue(again.err().contains("(0 changing)"));

    Run destroy = run("destroy", "--auto-approve", "-f", manifest.toString(), "--interval", "100ms");
    assertEquals(0, destroy.code(), destroy.err());
    assertEquals(0, runningInstances());
  }

  @Test
  void planShowsOnlyWhatChangesWithAScriptsChangedLinesAndOffersJson() throws IOException {
    Path manifest = Path.of("examples/api-host-secure.yaml");
    assertEquals(0, run("apply", "--auto-approve", "-f", manifest.toString(), "--interval", "100ms").code());
    Path changed = dir.resolve("changed.yaml");
    Files.writeString(changed, Files.readString(manifest).replace("rock-of-ages-api:1.0", "rock-of-ages-api:2.0"));

    Run plan = run("plan", "-f", changed.toString());

    assertEquals(2, plan.code(), plan.err());
    assertFalse(plan.out().contains("network"), "in sync, so not listed: " + plan.out());
    assertTrue(plan.out().contains("(4 in sync; -v lists them)"), plan.out());
    assertTrue(plan.out().contains("-/+ api-instance  replace"), plan.out());
    assertTrue(plan.out().contains("(forces replacement)"), plan.out());
    assertTrue(plan.out().contains("- for attempt in 1 2 3 4 5; do docker pull ghcr.io/example/rock-of-ages-api:1.0"),
        "the old script line: " + plan.out());
    assertTrue(plan.out().contains("+ for attempt in 1 2 3 4 5; do docker pull ghcr.io/example/rock-of-ages-api:2.0"),
        "the new script line: " + plan.out());
    assertFalse(plan.out().contains("\u001b["), "no colour when not on a terminal");
    assertTrue(run("plan", "-f", changed.toString(), "-v").out().contains("network"), "-v lists what is in sync");

    Run json = run("plan", "-f", changed.toString(), "-o", "json");
    assertEquals(2, json.code());
    JsonNode entry = new ObjectMapper().readTree(json.out()).path("plan").get(0);
    assertEquals("api-instance", entry.path("component").asText());
    assertEquals("Replace", entry.path("action").asText());
    assertEquals("container (user data)", entry.path("field").asText());
    assertEquals(0, run("destroy", "--auto-approve", "-f", manifest.toString(), "--interval", "100ms").code());
  }

  @Test
  void aSectionTakenOutOfTheManifestIsPlannedAsDeletesAndApplyRemovesIt() throws IOException {
    Path withDatabase = dir.resolve("with-database.yaml");
    Files.writeString(withDatabase, Files.readString(Path.of("examples/api-host-secure.yaml"))
        .replace("  deletionPolicy: Delete", "  database:\n    onDelete: Delete\n    deletionProtection: false\n"
            + "  deletionPolicy: Delete"));
    assertEquals(0, run("apply", "--auto-approve", "-f", withDatabase.toString(), "--interval", "100ms").code());

    Run plan = run("plan", "-f", "examples/api-host-secure.yaml");

    assertEquals(2, plan.code(), plan.out());
    assertTrue(plan.out().contains("3 to delete."), plan.out());
    for (String component : List.of("database", "database-subnet-group", "database-security-group")) {
      assertTrue(Pattern.compile("(?m)^-\\s+" + component + "\\s+delete\\s+will be deleted: its section is no longer in "
          + "the spec$").matcher(plan.out()).find(), component + " in\n" + plan.out());
    }
    assertEquals(0, run("apply", "--auto-approve", "-f", "examples/api-host-secure.yaml", "--interval", "100ms").code());
    assertEquals(0, run("plan", "-f", "examples/api-host-secure.yaml").code(), "nothing left to delete");
    assertEquals(0, run("destroy", "--auto-approve", "-f", "examples/api-host-secure.yaml", "--interval", "100ms").code());
  }

  @Test
  void runAgainstAnUnreachableClusterIsOneClearLine() throws IOException {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        clusters: [{name: gone, cluster: {server: "https://127.0.0.1:1"}}]
        users: [{name: me, user: {token: x}}]
        contexts: [{name: gone, context: {cluster: gone, user: me}}]
        current-context: gone
        """);
    env = new HashMap<>(env);
    env.put("METRICS_PORT", "0");
    System.setProperty("kubeconfig", kubeconfig.toString());
    try {
      Run run = run("run");
      assertEquals(1, run.code());
      assertEquals(1, run.err().strip().lines().count(), run.err());
      assertTrue(run.err().startsWith("error: the operator cannot reach the Kubernetes API at https://127.0.0.1:1/"),
          run.err());
    } finally {
      System.clearProperty("kubeconfig");
    }
  }

  @Test
  void anUnknownOptionIsAnErrorNotChangesPending() {
    Run plan = run("plan", "-f", "examples/api-host-secure.yaml", "--no-such-option");
    assertEquals(1, plan.code());
    assertTrue(plan.err().contains("--no-such-option"), plan.err());
  }

  @Test
  void rdsKeepsTheDatabasePasswordUnlessTheManifestBringsOneWhichTheCliTakesFromAFile() throws IOException {
    Path manifest = Path.of("examples/stack-secure.yaml");

    Run withoutFiles = run("plan", "-f", manifest.toString());
    assertEquals(1, withoutFiles.code());
    assertEquals("error: spec.site.contentFrom names ConfigMap rock-of-ages-site: put it in " + manifest
        + " or give its manifest with --site-content FILE", withoutFiles.err().strip());
    Path passwordFile = dir.resolve("pw.txt");
    Files.writeString(passwordFile, "Another-Pa55word\n");
    Run unused = run("plan", "-f", manifest.toString(), "--site-content", SITE_FILES, "--db-password-file",
        passwordFile.toString());
    assertEquals(1, unused.code());
    assertTrue(unused.err().contains("the manifest lets RDS keep the database password in Secrets Manager"),
        unused.err());

    Run apply = run("apply", "--auto-approve", "-f", manifest.toString(), "--interval", "100ms", "--site-content", SITE_FILES);
    assertEquals(0, apply.code(), apply.err());
    assertTrue(apply.err().contains("Database: "), apply.err());
    assertTrue(apply.err().contains("Site: https://"), apply.err());
    assertEquals(0, run("plan", "-f", manifest.toString(), "--site-content", SITE_FILES).code());

    Path bringsItsOwn = dir.resolve("own-password.yaml");
    Files.writeString(bringsItsOwn, Files.readString(manifest).replace("    onDelete: Snapshot\n",
        "    onDelete: Snapshot\n    passwordSecretRef: {name: app-db, key: password}\n"));
    Run noPassword = run("plan", "-f", bringsItsOwn.toString(), "--site-content", SITE_FILES);
    assertEquals(1, noPassword.code());
    assertTrue(noPassword.err().contains("names Secret app-db, which the CLI cannot read: give the password with "
        + "--db-password-file FILE or ROCKOFAGES_DB_PASSWORD"), noPassword.err());
    Run handOver = run("plan", "-f", bringsItsOwn.toString(), "--site-content", SITE_FILES, "--db-password-file",
        passwordFile.toString());
    assertEquals(2, handOver.code(), handOver.err());
    assertTrue(handOver.out().contains("masterPassword: (managed by RDS in Secrets Manager) -> (from the Secret)"),
        handOver.out());
    assertTrue(handOver.out().contains("+   database-password-secret"), handOver.out());
    assertFalse(handOver.out().contains("Another-Pa55word") || handOver.err().contains("Another-Pa55word"),
        "never printed");
    Run held = run("destroy", "--auto-approve", "-f", manifest.toString(), "--interval", "100ms", "--site-content", SITE_FILES);
    assertEquals(1, held.code(), "the database's deletion protection holds the destroy");
    assertTrue(held.err().contains("has deletion protection on, so nothing of the stack is deleted"), held.err());
    Path unprotected = dir.resolve("unprotected.yaml");
    Files.writeString(unprotected, Files.readString(manifest).replace("    onDelete: Snapshot\n",
        "    onDelete: Delete\n    deletionProtection: false\n"));
    assertEquals(0, run("destroy", "--auto-approve", "-f", unprotected.toString(), "--interval", "100ms", "--site-content", SITE_FILES)
        .code());
  }

  @Test
  void theSeedsWholeStackAppliesFromOneManifestWithItsWarnings() {
    String seed = "examples/seed-stack.yaml";

    Run apply = run("apply", "--auto-approve", "-f", seed, "--interval", "100ms", "-o", "yaml");

    assertEquals(0, apply.code(), apply.err());
    for (String warning : new String[] {"SSH (port 22)", "PostgreSQL (port 5432)", "the site bucket is public",
        "the database has a public address"}) {
      assertTrue(apply.err().contains("warning: " + warning), warning + " in\n" + apply.err());
    }
    assertTrue(apply.out().contains("type: \"SecurityAdvisory\"\n  status: \"True\""), apply.out());
    assertEquals(0, run("destroy", "--auto-approve", "-f", seed, "--interval", "100ms").code());
  }

  @Test
  void badInputIsOneLineExitOneAndCreatesNothing() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, Files.readString(Path.of("examples/api-host-secure.yaml"))
        .replace("instanceType: t3.micro", "instanceType: t3.micro\n    sshCidrs: [\"0.0.0.0/0\"]"));

    Run apply = run("apply", "--auto-approve", "-f", bad.toString());

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

    Run badTimeout = run("apply", "--auto-approve", "-f", "examples/api-host-secure.yaml", "--timeout", "soon");
    assertEquals(1, badTimeout.code(), "a usage error is an error, never 2 (changes pending)");
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

  @Test
  void underConstantThrottlingApplyStopsCallingAwsAtItsTimeoutAndSaysSo() {
    try (FaultProxy proxy = FaultProxy.forMoto().script(call -> FaultProxy.Fault.THROTTLE)) {
      env = new HashMap<>(env);
      env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());

      Run apply = run("apply", "--auto-approve", "-f", "examples/api-host-secure.yaml", "--timeout", "2s", "--interval", "100ms");

      assertEquals(1, apply.code(), apply.err());
      assertTrue(apply.err().contains("not sent: the time allowed (--timeout) ran out"), apply.err());
      assertTrue(apply.err().contains("not ready after 2s"), apply.err());
      assertTrue(proxy.faulted().size() > 0);
      assertEquals(0, runningInstances());
    }
  }

  @Test
  void applyShowsThePlanAndChangesNothingUnlessThePersonSaysYes() {
    String manifest = "examples/api-host-secure.yaml";
    Person saysNo = new Person("no");

    Run refused = run(saysNo, "apply", "-f", manifest, "--interval", "100ms");

    assertEquals(1, refused.code(), refused.err());
    assertTrue(refused.err().contains("Plan: 4 to create, 1 to update"), "the plan before the question: " + refused.err());
    assertEquals(List.of("Apply these changes to default/rock-of-ages in us-east-1? Only 'yes' is accepted: "),
        saysNo.questions);
    assertTrue(refused.err().contains("Apply cancelled; nothing was changed."), refused.err());
    assertTrue(refused.err().contains("(0 changing"), refused.err());
    assertEquals(0, runningInstances());

    Run applied = run(new Person("yes"), "apply", "-f", manifest, "--interval", "100ms");

    assertEquals(0, applied.code(), applied.err());
    assertEquals(1, runningInstances());
    Person notAsked = new Person();
    assertEquals(0, run(notAsked, "apply", "-f", manifest, "--interval", "100ms").code());
    assertTrue(notAsked.questions.isEmpty(), "nothing to change, nothing to ask");
    assertEquals(0, run("destroy", "--auto-approve", "-f", manifest, "--interval", "100ms").code());
  }

  @Test
  void destroyListsWhatGoesAndWhatStaysAndDeletesOnlyWhenTheStacksNameIsTyped() {
    String manifest = "examples/api-host-secure.yaml";
    assertEquals(0, run("apply", "--auto-approve", "-f", manifest, "--interval", "100ms").code());
    Person typesAnotherName = new Person("rock");

    Run refused = run(typesAnotherName, "destroy", "-f", manifest, "--interval", "100ms");

    assertEquals(1, refused.code(), refused.err());
    assertEquals(List.of("Type the stack's name (rock-of-ages) to destroy it: "), typesAnotherName.questions);
    assertTrue(Pattern.compile("(?m)^-\\s+api-instance\\s+i-\\w+\\s+delete$").matcher(refused.err()).find(),
        refused.err());
    assertTrue(Pattern.compile("(?m)^\\s+network\\s+vpc-\\S+\\s+kept: shared network").matcher(refused.err()).find(),
        refused.err());
    assertTrue(refused.err().contains("Destroy: 4 to delete, 1 kept."), refused.err());
    assertTrue(refused.err().contains("Destroy cancelled; nothing was deleted."));
    assertEquals(1, runningInstances());

    Run destroyed = run(new Person("rock-of-ages"), "destroy", "-f", manifest, "--interval", "100ms");

    assertEquals(0, destroyed.code(), destroyed.err());
    assertEquals(0, runningInstances());
    Person notAsked = new Person();
    Run nothingLeft = run(notAsked, "destroy", "-f", manifest, "--interval", "100ms");
    assertEquals(0, nothingLeft.code(), nothingLeft.err());
    assertTrue(nothingLeft.err().contains("Destroy: 0 to delete, 1 kept."), nothingLeft.err());
    assertTrue(notAsked.questions.isEmpty(), "nothing to delete, nothing to ask");
  }

  @Test
  void withoutATerminalApplyAndDestroyRefuseBeforeAnyAwsCallUnlessAutoApproved() {
    for (String command : List.of("apply", "destroy")) {
      Run refused = run(command, "-f", "examples/api-host-secure.yaml");

      assertEquals(1, refused.code(), refused.err());
      assertTrue(refused.err().contains("error: " + command + " asks before it changes AWS and there is no terminal to "
          + "ask on: run it from a terminal, or pass --auto-approve"), refused.err());
      assertTrue(refused.err().contains("AWS calls: 0"), refused.err());
    }
  }

  @Test
  void anObserveOnlyManifestIsPlannedButNeverAppliedOrDestroyed() throws IOException {
    Path observed = dir.resolve("observed.yaml");
    Files.writeString(observed, Files.readString(Path.of("examples/api-host-secure.yaml"))
        .replace("  deletionPolicy: Delete", "  managementPolicy: Observe\n  deletionPolicy: Delete"));

    Run plan = run("plan", "-f", observed.toString());
    assertEquals(2, plan.code(), plan.err());
    assertTrue(plan.out().contains("Plan: 4 to create"), plan.out());
    for (String command : List.of("apply", "destroy")) {
      Run refused = run(command, "--auto-approve", "-f", observed.toString());

      assertEquals(1, refused.code(), refused.err());
      assertTrue(refused.err().contains("error: the manifest says managementPolicy Observe, and " + command + " would "
          + "change AWS: use plan to see what differs, or set managementPolicy Manage"), refused.err());
    }
    assertEquals(0, runningInstances());
  }

  @Test
  void aStackAnOperatorManagesIsOnlyPlannedUnlessForced() {
    String manifest = "examples/api-host-secure.yaml";
    assertEquals(0, run("apply", "--auto-approve", "-f", manifest, "--interval", "100ms").code());
    try (Ec2Client ec2 = moto.clients(new io.rockofages.aws.AwsCallMeter()).ec2(MotoServer.REGION)) {
      String instance = ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name")
          .values("running").build())).reservations().get(0).instances().get(0).instanceId();
      ec2.createTags(r -> r.resources(instance).tags(t -> t.key("rockofages.io/managed-by").value("operator/prod")));
    }

    Run refused = run("apply", "--auto-approve", "-f", manifest, "--interval", "100ms");
    Run plan = run("plan", "-f", manifest);
    Run forced = run("destroy", "--auto-approve", "--force", "-f", manifest, "--interval", "100ms");

    assertEquals(1, refused.code(), refused.err());
    assertTrue(refused.err().contains("error: stack default/rock-of-ages is managed by the rockofages operator of "
        + "cluster prod (tag rockofages.io/managed-by on its resources), so the CLI changes nothing of it (plan still "
        + "reads it); --force acts anyway"), refused.err());
    assertTrue(refused.err().contains("(0 changing"), refused.err());
    assertEquals(0, plan.code(), plan.out() + plan.err());
    assertEquals(0, forced.code(), forced.err());
    assertEquals(0, runningInstances());
  }

  /** A person at the terminal giving these answers in turn; the questions they were asked, in order. */
  private static final class Person implements Terminal {
    private final Deque<String> answers;
    final List<String> questions = new ArrayList<>();

    Person(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public boolean present() {
      return true;
    }

    @Override
    public String ask(String question) {
      questions.add(question);
      return answers.removeFirst();
    }
  }

  /** A run with no terminal, as from a script. */
  private Run run(String... args) {
    return run(new Terminal() {
      @Override
      public boolean present() {
        return false;
      }

      @Override
      public String ask(String question) {
        throw new AssertionError("asked with no terminal: " + question);
      }
    }, args);
  }

  private Run run(Terminal terminal, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(env, terminal);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
