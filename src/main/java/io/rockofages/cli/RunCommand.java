package io.rockofages.cli;

import io.rockofages.operator.OperatorConfig;
import io.rockofages.operator.OperatorMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.ParentCommand;

/** Runs the operator against the cluster of the current kubeconfig (or the in-cluster service account). */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the operator against the cluster in the current kubeconfig. Configuration: environment variables (see README).")
final class RunCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      OperatorMain.runUntilStopped(OperatorConfig.fromEnvironment(main.environment()), main.environment());
      return 0;
    } catch (IllegalStateException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
  }
}
