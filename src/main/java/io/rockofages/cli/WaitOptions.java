package io.rockofages.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long apply and destroy keep going, and how often they look again. */
final class WaitOptions {
  @Option(names = "--timeout", defaultValue = "15m", converter = DurationConverter.class,
      description = "Give up after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--interval", defaultValue = "5s", converter = DurationConverter.class,
      description = "Longest pause between passes while something is still on its way; the first pauses are "
          + "as long as it has been on its way, from a quarter of this (default: ${DEFAULT-VALUE}).")
  Duration interval;

  Waiter waiter() {
    return new Waiter(timeout, interval);
  }
}
