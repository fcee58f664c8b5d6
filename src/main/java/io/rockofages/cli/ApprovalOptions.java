package io.rockofages.cli;

import io.rockofages.api.RockOfAges;
import io.rockofages.aws.Actor;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.StackException;
import picocli.CommandLine.Option;

/**
 * Who says yes before apply or destroy changes AWS (a person at the terminal, or --auto-approve),
 * and whether they may act on a stack an operator manages (--force).
 */
final class ApprovalOptions {
  @Option(names = "--auto-approve",
      description = "Do not ask before changing AWS (for scripts; without it and without a terminal, refuse).")
  boolean autoApprove;

  @Option(names = "--force",
      description = "Act even on a stack a rockofages operator manages (its resources carry the operator's mark).")
  boolean force;

  /** Who acts: the CLI, deferring to an operator's stack unless forced. */
  Actor actor() {
    return Actor.cli(force);
  }

  /**
   * Refuses, before any AWS call, what {@code command} must not do: change a stack whose manifest
   * says managementPolicy Observe, or change anything with nobody to ask and no --auto-approve.
   */
  void requireAllowed(String command, RockOfAges resource, Terminal terminal) {
    if (resource.getSpec().observeOnly()) {
      throw new StackException(ErrorKind.INVALID, "the manifest says managementPolicy Observe, and " + command
          + " would change AWS: use plan to see what differs, or set managementPolicy Manage");
    }
    if (!autoApprove && !terminal.present()) {
      throw new StackException(ErrorKind.INVALID, command + " asks before it changes AWS and there is no terminal "
          + "to ask on: run it from a terminal, or pass --auto-approve");
    }
  }

  /** Refuses (exit 1, nothing changed) a stack whose resources say another actor manages it, unless forced. */
  void requireOurs(StackOptions.Session session) {
    session.engine().leftToAnotherActor(session.context(actor())).ifPresent(why -> {
      throw new StackException(ErrorKind.CONFLICT, why);
    });
  }

  /** Whether to go on: approved in advance, or {@code expected} typed at the terminal. */
  boolean confirmed(Terminal terminal, String question, String expected) {
    return autoApprove || terminal.ask(question).strip().equals(expected);
  }
}
