package io.rockofages.cli;

import io.rockofages.api.ManifestReader;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.StackId;
import io.rockofages.aws.Actor;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.AwsSettings;
import io.rockofages.components.StackCatalog;
import io.rockofages.engine.StackContext;
import io.rockofages.engine.StackEngine;
import io.rockofages.engine.StackInputs;
import io.rockofages.engine.StackRegion;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every stack command shares: the manifest, the region fallback, and the AWS clients. */
final class StackOptions {
  @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "RockOfAges manifest (YAML).")
  Path file;

  @Option(names = "--region", paramLabel = "REGION",
      description = "Region when the manifest has no spec.region (default: AWS_REGION).")
  String region;

  @Mixin
  DatabasePasswordOptions databasePassword;

  @Mixin
  SiteContentOptions siteContent;

  /** A loaded manifest with the engine and clients to drive it. */
  record Session(RockOfAges resource, StackId stack, String region, StackEngine engine, AwsClients clients,
      StackInputs inputs) implements AutoCloseable {
    StackContext context() {
      return context(inputs.actor());
    }

    /** A pass driven by {@code actor}. */
    StackContext context(Actor actor) {
      return new StackContext(stack, resource.getSpec(), clients.forRegion(region), Clock.systemUTC(),
          inputs.withActor(actor));
    }

    @Override
    public void close() {
      clients.close();
    }
  }

  Session open(Map<String, String> env) {
    RockOfAges resource = ManifestReader.read(file);
    String fallback = region != null ? region : env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
    String resolved = StackRegion.resolve(resource.getSpec().getRegion(), null, fallback);
    StackId stack = new StackId(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    StackInputs inputs = databasePassword.resolve(resource.getSpec().getDatabase(), env)
        .map(StackInputs.none()::withDatabasePassword).orElse(StackInputs.none());
    inputs = siteContent.load(resource, file).map(inputs::withSiteContent).orElse(inputs);
    AwsClients clients = new AwsClients(AwsSettings.fromEnvironment(env), new AwsCallMeter());
    return new Session(resource, stack, resolved, StackCatalog.engineFor(resource.getSpec()), clients, inputs);
  }
}
