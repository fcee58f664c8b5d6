package io.rockofages.cli;

import java.io.Console;
import java.util.Objects;

/** Where the CLI asks a person before it changes AWS. */
interface Terminal {
  /** Whether there is a person to ask: false for a script, a pipe, CI. */
  boolean present();

  /** What the person typed after {@code question}; asked only when {@link #present()}. */
  String ask(String question);

  /** The process's console, which Java offers only when standard input and output are a terminal. */
  static Terminal console() {
    return new Terminal() {
      @Override
      public boolean present() {
        return System.console() != null;
      }

      @Override
      public String ask(String question) {
        Console console = System.console();
        // End of input (Ctrl-D) is an answer, and not a yes.
        return console == null ? "" : Objects.requireNonNullElse(console.readLine("%s", question), "");
      }
    };
  }
}
