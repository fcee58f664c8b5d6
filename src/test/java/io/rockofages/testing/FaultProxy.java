package io.rockofages.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An HTTP proxy between the SDK and moto that plays what the emulator cannot: a process killed just
 * before or just after a call reached AWS, an answer lost on the way back (the SDK then retries the
 * same request, as it would on a dropped connection), throttling, 5xx errors and slow answers
 * ({@link #SLOW_ANSWER} late). A {@link Script}
 * decides each attempt's fate from the operation the SDK named (the {@link #labels()} interceptor
 * sends it along in headers).
 *
 * <p>A kill is final for the pass: every later request is refused without reaching moto, as nothing
 * reaches AWS from a dead process, until {@link #restart()} (a new process; the engine keeps nothing
 * between passes).
 */
public final class FaultProxy implements AutoCloseable {
  public enum Fault { NONE, KILL_BEFORE, KILL_AFTER, LOSE_ANSWER, THROTTLE, SERVER_ERROR, SLOW }

  /**
   * One attempt as the proxy sees it.
   *
   * @param attempt 1 for an execution's first try, 2 for the SDK's first retry, ...
   * @param operation null for a client without {@link #labels()}
   * @param mutatingIndex which mutating execution this is since the last {@link #resetCount()} (from 0);
   *     -1 for reads and unlabelled calls
   */
  public record Call(long execution, int attempt, String service, String operation, int mutatingIndex) {
    public boolean mutating() {
      return mutatingIndex >= 0;
    }
  }

  @FunctionalInterface
  public interface Script {
    Fault decide(Call call);
  }

  /** How late a SLOW answer comes: well inside the SDK's timeouts, long enough to reorder concurrent calls. */
  public static final Duration SLOW_ANSWER = Duration.ofMillis(300);
  private static final String EXECUTION = "x-rockofages-test-execution";
  private static final String SERVICE = "x-rockofages-test-service";
  private static final String OPERATION = "x-rockofages-test-operation";
  private static final ExecutionAttribute<Long> EXECUTION_ID = new ExecutionAttribute<>("rockofages-test-execution");
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "keep-alive");

  private static final Pattern SIGNED_SERVICE = Pattern.compile("/([a-z0-9-]+)/aws4_request");
  private static final Map<String, String> SERVICES_BY_SIGNING_NAME = Map.of("ec2", "Ec2", "rds", "Rds", "s3", "S3",
      "cloudfront", "CloudFront", "tagging", "ResourceGroupsTaggingApi");

  private final URI target;
  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicLong executions = new AtomicLong();
  private final AtomicInteger mutatingExecutions = new AtomicInteger();
  private final Map<Long, Integer> attempts = new ConcurrentHashMap<>();
  private final Map<Long, Integer> mutatingIndexes = new ConcurrentHashMap<>();
  private final List<Call> faulted = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile Script script = call -> Fault.NONE;
  private volatile boolean dead;

  public FaultProxy(URI target) {
    this.target = target;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the fault proxy", e);
    }
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** In front of the shared moto server. */
  public static FaultProxy forMoto() {
    return new FaultProxy(MotoServer.get().endpoint());
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Settings whose clients talk to moto through this proxy, with the SDK retrying {@code maxAttempts} times. */
  public AwsSettings settings(int maxAttempts) {
    AwsSettings moto = MotoServer.get().settings();
    return new AwsSettings(Optional.of(endpoint()), moto.credentials(), maxAttempts);
  }

  public FaultProxy script(Script next) {
    script = next;
    return this;
  }

  /** The process comes back: calls reach AWS again (and the script still applies). */
  public FaultProxy restart() {
    dead = false;
    return this;
  }

  /** Mutating executions are counted from 0 again, and the list of faulted calls starts empty. */
  public FaultProxy resetCount() {
    mutatingExecutions.set(0);
    mutatingIndexes.clear();
    faulted.clear();
    return this;
  }

  /** Whether the process was killed (since the last {@link #restart()}). */
  public boolean killed() {
    return dead;
  }

  public int mutatingExecutions() {
    return mutatingExecutions.get();
  }

  /** Every attempt the script faulted, in order. */
  public List<Call> faulted() {
    synchronized (faulted) {
      return List.copyOf(faulted);
    }
  }

  /** Names each execution's service and operation in headers, so the proxy knows what a request is. */
  public ExecutionInterceptor labels() {
    return new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(EXECUTION_ID, executions.incrementAndGet());
      }

      @Override
      public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return context.httpRequest().toBuilder()
            .putHeader(EXECUTION, String.valueOf(attributes.getAttribute(EXECUTION_ID)))
            .putHeader(SERVICE, attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))
            .putHeader(OPERATION, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)).build();
      }
    };
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Call call = callOf(exchange);
      if (dead) {
        answerError(exchange, call, 400, "ProcessKilled", "the process making this call was killed");
        return;
      }
      Fault fault = call.service() == null ? Fault.NONE : script.decide(call);
      if (fault != Fault.NONE) {
        faulted.add(call);
      }
      switch (fault) {
        case KILL_BEFORE -> {
          dead = true;
          answerError(exchange, call, 400, "ProcessKilled", "killed before this call reached AWS");
        }
        case THROTTLE -> answerError(exchange, call, throttleStatus(call), throttleCode(call), "Rate exceeded");
        case SERVER_ERROR -> answerError(exchange, call, 500, "InternalError", "We encountered an internal error.");
        default -> {
          HttpResponse<byte[]> answer = forward(exchange);
          if (fault == Fault.KILL_AFTER) {
            dead = true;
            answerError(exchange, call, 400, "ProcessKilled", "killed after this call reached AWS");
          } else if (fault == Fault.NONE) {
            relay(exchange, answer);
          } else if (fault == Fault.SLOW) {
            Thread.sleep(SLOW_ANSWER.toMillis());
            relay(exchange, answer);
          }
          // LOSE_ANSWER: the exchange closes without an answer, as a dropped connection would.
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    } catch (IOException | RuntimeException e) {
      exchange.close();
    }
  }

  private Call callOf(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst(EXECUTION);
    if (header == null) {
      return new Call(-1, 1, signedService(exchange), null, -1);
    }
    long execution = Long.parseLong(header);
    String operation = exchange.getRequestHeaders().getFirst(OPERATION);
    int attempt = attempts.merge(execution, 1, Integer::sum);
    boolean mutating = new AwsCallMeter.Call("", operation, "").mutating();
    int index = mutating ? mutatingIndexes.computeIfAbsent(execution, e -> mutatingExecutions.getAndIncrement()) : -1;
    return new Call(execution, attempt, exchange.getRequestHeaders().getFirst(SERVICE), operation, index);
  }

  /**
   * A client without {@link #labels()} (the CLI's own, say) still names its service in the
   * signature's credential scope (".../us-east-1/ec2/aws4_request"); enough to answer in its format.
   */
  private static String signedService(HttpExchange exchange) {
    Matcher scope = SIGNED_SERVICE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    return scope.find() ? SERVICES_BY_SIGNING_NAME.get(scope.group(1)) : null;
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase())) {
        values.forEach(value -> request.header(name, value));
      }
    });
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding", e);
    }
  }

  private static void relay(HttpExchange exchange, HttpResponse<byte[]> answer) throws IOException {
    answer.headers().map().forEach((name, values) -> {
      if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    byte[] body = answer.body();
    boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || body.length == 0;
    exchange.sendResponseHeaders(answer.statusCode(), noBody ? -1 : body.length);
    if (!noBody) {
      exchange.getResponseBody().write(body);
    }
  }

  /** An error in the answering service's own format, so the SDK reads its code as it would AWS's. */
  private static void answerError(HttpExchange exchange, Call call, int status, String code, String message)
      throws IOException {
    exchange.getRequestBody().readAllBytes();
    String service = call.service() == null ? "" : call.service();
    String body;
    String type;
    switch (service) {
      case "Ec2" -> {
        type = "text/xml";
        body = "<Response><Errors><Error><Code>" + code + "</Code><Message>" + message
            + "</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>";
      }
      case "S3" -> {
        type = "application/xml";
        body = "<Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>";
      }
      case "Resource Groups Tagging API", "ResourceGroupsTaggingApi" -> {
        type = "application/x-amz-json-1.1";
        body = "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}";
      }
      default -> {
        type = "text/xml";
        body = "<ErrorResponse><Error><Type>Sender</Type><Code>" + code + "</Code><Message>" + message
            + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>";
      }
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private static String throttleCode(Call call) {
    return switch (String.valueOf(call.service())) {
      case "Ec2" -> "RequestLimitExceeded";
      case "S3" -> "SlowDown";
      case "Resource Groups Tagging API", "ResourceGroupsTaggingApi" -> "ThrottlingException";
      default -> "Throttling";
    };
  }

  private static int throttleStatus(Call call) {
    return "Ec2".equals(call.service()) || "S3".equals(call.service()) ? 503 : 400;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
