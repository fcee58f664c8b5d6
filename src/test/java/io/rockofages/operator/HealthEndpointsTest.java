package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.testing.OperatorHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** /healthz and /readyz follow the operator's own runtime, not just the process being up. */
class HealthEndpointsTest {
  @Test
  void readyOnceStartedAndUnhealthyOnceTheOperatorStops() throws IOException, InterruptedException {
    try (OperatorHarness harness = new OperatorHarness(Duration.ofSeconds(60))) {
      harness.metrics.serve(0);
      assertEquals(200, get(harness, "/healthz").statusCode());
      assertEquals(200, get(harness, "/readyz").statusCode(), "the informers have synced");

      harness.stopOperator();

      HttpResponse<String> health = get(harness, "/healthz");
      assertEquals(503, health.statusCode());
      assertTrue(health.body().contains("stopped"), health.body());
      assertEquals(503, get(harness, "/readyz").statusCode());
    }
  }

  private static HttpResponse<String> get(OperatorHarness harness, String path) throws IOException,
      InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + harness.metrics.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
