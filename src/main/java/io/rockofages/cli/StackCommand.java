package io.rockofages.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import io.rockofages.api.ManifestException;
import io.rockofages.aws.StackException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Base of plan/apply/destroy: opens the session and turns input errors into one line each and exit 1. */
abstract class StackCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int CHANGES_PENDING = 2;

  @Mixin
  StackOptions options;

  @Spec
  CommandSpec spec;

  @ParentCommand
  Main main;

  @Override
  public final Integer call() {
    try (StackOptions.Session session = options.open(main.environment())) {
      try {
        return run(session);
      } finally {
        err().println(session.clients().meter().summary());
      }
    } catch (ManifestException e) {
      e.problems().forEach(p -> err().println("error: " + p));
      return ERROR;
    } catch (StackException | IllegalArgumentException | UncheckedIOException e) {
      err().println("error: " + e.getMessage());
      return ERROR;
    }
  }

  abstract int run(StackOptions.Session session);

  /** Output formats for machine readers. */
  enum Format {
    json, yaml
  }

  static String render(Object value, Format format) {
    ObjectMapper mapper = format == Format.yaml
        ? new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
        : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    try {
      return mapper.writeValueAsString(value).stripTrailing();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Colours only on a terminal (and never with NO_COLOR set). */
  Ansi ansi() {
    return spec.commandLine().getColorScheme().ansi();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
