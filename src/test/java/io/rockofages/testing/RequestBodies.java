package io.rockofages.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpFullRequest;

/**
 * Keeps every request the SDK sends (operation, URL and body) so a test can ask which calls carried
 * a value. Bodies are searched as sent, form-decoded, and with base64 parameters (EC2 user data)
 * decoded, so an encoding cannot hide a secret.
 */
public final class RequestBodies implements ExecutionInterceptor {
  private record Sent(String operation, List<String> readings) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    // JSON protocols hand the body over as a RequestBody; query protocols (EC2, RDS, IAM) marshal it into the request.
    String body = context.requestBody().map(b -> read(b.contentStreamProvider().newStream()))
        .or(() -> Optional.of(context.httpRequest()).filter(SdkHttpFullRequest.class::isInstance)
            .flatMap(r -> ((SdkHttpFullRequest) r).contentStreamProvider()).map(p -> read(p.newStream())))
        .orElse("");
    sent.add(new Sent(operation, readings(context.httpRequest().getUri() + "\n" + body)));
  }

  /** The operations (Service:Operation) of every request that carried {@code value}, in any of its readings. */
  public Set<String> operationsCarrying(String value) {
    Set<String> operations = new TreeSet<>();
    sent.stream().filter(s -> s.readings().stream().anyMatch(text -> text.contains(value)))
        .forEach(s -> operations.add(s.operation()));
    return operations;
  }

  private static List<String> readings(String raw) {
    List<String> readings = new ArrayList<>(List.of(raw));
    for (String field : raw.split("[&?\\n]")) {
      String value = decode(field.substring(field.indexOf('=') + 1));
      readings.add(value);
      try {
        readings.add(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        // most fields are not
      }
    }
    return readings;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notFormEncoded) {
      return text;
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
