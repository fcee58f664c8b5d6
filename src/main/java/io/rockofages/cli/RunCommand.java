package io.rockofages.cli;

import io.rockofages.operator.OperatorConfig;
import io.rockofages.operator.OperatorMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Runs the operator against the cluster of the current kubeconfig (or the in-cluster service account). */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the operator against the cluster in the current kubeconfig. Configuration: environment variables (see README).")
final class RunCommand implements Callable<Integer> {
  @ParentCommand
  Main main;

  @Override
  public Integer call() throws Exception {
    OperatorMain.runUntilStopped(OperatorConfig.fromEnvironment(main.environment()), main.environment());
    return 0;
  }
}
