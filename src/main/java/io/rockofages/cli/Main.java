package io.rockofages.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** rockofages: plan, apply and destroy a RockOfAges stack from a manifest, or run the operator. */
@Command(name = "rockofages", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Keeps a small web stack on AWS equal to one RockOfAges manifest.",
    subcommands = {PlanCommand.class, ApplyCommand.class, DestroyCommand.class, RunCommand.class},
    footer = {"", "Exit codes: 0 done / nothing to change, 1 error, 2 (plan) changes pending.",
        "AWS: credentials from the SDK default chain; AWS_ENDPOINT_URL points every client at an emulator,",
        "AWS_ENDPOINT_URL_<SERVICE> (S3, EC2, RDS, ...) one service."})
public final class Main implements Runnable {
  private final Map<String, String> environment;
  private final Terminal terminal;

  Main(Map<String, String> environment, Terminal terminal) {
    this.environment = Map.copyOf(environment);
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv(), Terminal.console()).execute(args));
  }

  /**
   * The command line with the environment it reads AWS settings and the default region from, and
   * the terminal it asks on before changing AWS.
   */
  static CommandLine commandLine(Map<String, String> environment, Terminal terminal) {
    CommandLine commandLine = new CommandLine(new Main(environment, terminal))
        .setCaseInsensitiveEnumValuesAllowed(true);
    // A mistyped option is an error (1), not "changes pending" (2, picocli's default for usage errors).
    commandLine.getCommandSpec().exitCodeOnInvalidInput(StackCommand.ERROR);
    commandLine.getSubcommands().values().forEach(sub -> sub.getCommandSpec().exitCodeOnInvalidInput(StackCommand.ERROR));
    return commandLine;
  }

  Map<String, String> environment() {
    return environment;
  }

  Terminal terminal() {
    return terminal;
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
