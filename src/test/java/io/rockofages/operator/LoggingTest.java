package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rockofages.testing.Await;
import io.rockofages.testing.OperatorHarness;
import io.rockofages.testing.Specs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every line the operator logs about a stack names it, in text and in JSON, as logback.xml lays it out. */
class LoggingTest {
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

    String text = new String(encoder("text").encode(event), StandardCharsets.UTF_8);
    assertTrue(text.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  "
        + "i\\.r\\.operator\\.RockOfAgesReconciler \\[logs/rock\\] logs/rock generation 1: .*\\R"), text);
    JsonNode json = new ObjectMapper().readTree(encoder("json").encode(event));
    assertEquals("INFO", json.path("level").asText());
    assertEquals("rock", json.path("mdc").path("resource.name").asText());
    assertTrue(json.path("formattedMessage").asText().startsWith("logs/rock generation 1: "), json.toString());
  }

  /** The encoder of one of logback.xml's appenders (both are configured; LOG_FORMAT picks which one runs). */
  @SuppressWarnings("unchecked")
  private static Encoder<ILoggingEvent> encoder(String appender) throws Exception {
    ch.qos.logback.classic.joran.JoranConfigurator configurator = new ch.qos.logback.classic.joran.JoranConfigurator();
    LoggerContext fresh = new LoggerContext();
    configurator.setContext(fresh);
    System.setProperty("LOG_FORMAT", appender);
    try {
      configurator.doConfigure(LoggingTest.class.getResource("/logback.xml"));
    } finally {
      System.clearProperty("LOG_FORMAT");
    }
    Appender<ILoggingEvent> configured = fresh.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(appender);
    var encoder = ((ch.qos.logback.core.OutputStreamAppender<ILoggingEvent>) configured).getEncoder();
    if (encoder instanceof PatternLayoutEncoder pattern) {
      pattern.start();
    }
    return encoder;
  }
}
