package io.rockofages.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** rockofages: plan, apply and destroy a RockOfAges stack from a manifest, or run the operator. */
@Command(name = "rockofages", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Keeps a small web stack on AWS equal to one RockOfAges manifest.",
    subcommands = {PlanCommand.class, ApplyCommand.class, DestroyCommand.class, RunCommand.class},
    footer = {"", "Exit codes: 0 done / nothing to change, 1 error, 2 (plan) changes pending.",
        "AWS: credentials from the SDK default chain; AWS_ENDPOINT_URL points every client at an emulator."})
public final class Main implements Runnable {
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** The version from the jar manifest (absent when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"rockofages " + (version == null ? "(development build)" : version)};
    }
  }
}
