package io.rockofages.cli;

import io.rockofages.operator.OperatorConfig;
import io.rockofages.operator.OperatorMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Runs the operator against the cluster of the current kubeconfig (or the in-cluster service account). */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the operator against the cluster in the current kubeconfig. Configuration: environment variables (see README).")
final class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    OperatorMain.runUntilStopped(OperatorConfig.fromEnvironment(System.getenv()));
    return 0;
  }
}
