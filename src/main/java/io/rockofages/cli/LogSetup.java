package io.rockofages.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logging for every process of the jar, the operator's and the CLI's, on standard error, from the
 * environment. LOG_FORMAT=text (default): time, level, logger, and the stack a line is about
 * (namespace/name, which the operator framework puts in the MDC during a pass). LOG_FORMAT=json:
 * one JSON object a line with the same fields, for log pipelines. LOG_LEVEL sets rockofages' own
 * level. Set up in code, not in logback.xml: logback's XML configuration loads some 600 classes
 * and takes a tenth of a second of every start. Logback finds this class through META-INF/services.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  private static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{36} "
      + "%replace([%X{resource.namespace}/%X{resource.name}] ){'\\[/\\] ', ''}%msg%n%ex{short}";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    configure(context, System.getenv());
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets up {@code context} from {@code env}; a value it does not know is said in a warning, not lost. */
  static void configure(LoggerContext context, Map<String, String> env) {
    String format = env.getOrDefault("LOG_FORMAT", "text");
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("stderr");
    appender.setTarget("System.err");
    appender.setEncoder(encoder(format, context));
    appender.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
    String level = env.getOrDefault("LOG_LEVEL", "INFO");
    Level ownLevel = Level.toLevel(level, null);
    context.getLogger("io.rockofages").setLevel(ownLevel == null ? Level.INFO : ownLevel);

    Logger setup = context.getLogger(LogSetup.class);
    if (!format.equals("text") && !format.equals("json")) {
      setup.warn("LOG_FORMAT={} is neither text nor json: the lines are text", format);
    }
    if (ownLevel == null) {
      setup.warn("LOG_LEVEL={} is not a level (TRACE, DEBUG, INFO, WARN, ERROR, OFF): INFO it is", level);
    }
  }

  /** The started encoder of LOG_FORMAT {@code format}: json, or else text. */
  static Encoder<ILoggingEvent> encoder(String format, LoggerContext context) {
    Encoder<ILoggingEvent> encoder;
    if (format.equals("json")) {
      JsonEncoder json = new JsonEncoder();
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithArguments(false);
      json.setWithMessage(false);
      json.setWithFormattedMessage(true);
      encoder = json;
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern(TEXT_PATTERN);
      encoder = text;
    }
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }
}
