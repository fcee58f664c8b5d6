package io.rockofages.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rockofages.operator.RockOfAgesReconciler;
import io.rockofages.testing.Await;
import io.rockofages.testing.OperatorHarness;
import io.rockofages.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every line the operator logs about a stack names it, in text and in JSON, as LOG_FORMAT picks. */
class LogSetupTest {
  @Test
  void linesAboutAStackCarryItsNamespaceAndNameInTextAndJson() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger reconcilerLog = context.getLogger(RockOfAgesReconciler.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    reconcilerLog.addAppender(captured);
    try (OperatorHarness harness = new OperatorHarness(Duration.ofSeconds(60))) {
      harness.client.resource(Specs.resource("logs", "rock", Specs.minimal())).create();
      Await.until("a pass logged", () -> captured.list.size(), n -> n > 0);
    } finally {
      reconcilerLog.detachAppender(captured);
    }
    ILoggingEvent event = captured.list.get(0);
    assertEquals("logs", event.getMDCPropertyMap().get("resource.namespace"));
    assertEquals("rock", event.getMDCPropertyMap().get("resource.name"));

    String text = new String(LogSetup.encoder("text", new LoggerContext()).encode(event), StandardCharsets.UTF_8);
    assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  "
        + "i\\.r\\.operator\\.RockOfAgesReconciler \\[logs/rock\\] logs/rock generation 1: .*\\R"), text);
    JsonNode json = new ObjectMapper().readTree(LogSetup.encoder("json", new LoggerContext()).encode(event));
    assertEquals("INFO", json.path("level").asText());
    assertEquals("rock", json.path("mdc").path("resource.name").asText());
    assertTrue(json.path("formattedMessage").asText().startsWith("logs/rock generation 1: "), json.toString());
  }

  @Test
  void theProcessIsSetUpByLogSetupNotByLogbacksDefaults() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertInstanceOf(PatternLayoutEncoder.class, encoderOf(context), "text unless LOG_FORMAT says json");
    assertEquals(Level.INFO, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
  }

  @Test
  void logFormatJsonAndLogLevelAreTakenFromTheEnvironment() {
    LoggerContext context = new LoggerContext();
    LogSetup.configure(context, Map.of("LOG_FORMAT", "json", "LOG_LEVEL", "debug"));

    assertInstanceOf(JsonEncoder.class, encoderOf(context));
    assertEquals(Level.DEBUG, context.getLogger("io.rockofages.engine.StackEngine").getEffectiveLevel());
    assertEquals(Level.INFO, context.getLogger("io.fabric8.kubernetes.client").getEffectiveLevel(),
        "LOG_LEVEL is rockofages' own");
  }

  @Test
  void aValueItDoesNotKnowIsSaidAndTextAtInfoIsWhatItGets() {
    LoggerContext context = new LoggerContext();
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    context.getLogger(LogSetup.class).addAppender(warnings);

    LogSetup.configure(context, Map.of("LOG_FORMAT", "yaml", "LOG_LEVEL", "loud"));

    assertInstanceOf(PatternLayoutEncoder.class, encoderOf(context));
    assertEquals(Level.INFO, context.getLogger("io.rockofages").getLevel());
    assertEquals(List.of("LOG_FORMAT=yaml is neither text nor json: the lines are text",
        "LOG_LEVEL=loud is not a level (TRACE, DEBUG, INFO, WARN, ERROR, OFF): INFO it is"),
        warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
  }

  private static Object encoderOf(LoggerContext context) {
    var appender = (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME)
        .getAppender("stderr");
    return appender.getEncoder();
  }
}
