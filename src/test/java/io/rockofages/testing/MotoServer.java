package io.rockofages.testing;

import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.AwsSettings;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * One moto server per test JVM on a free loopback port, started on first use and stopped at exit
 * (its log deleted then). Tests call {@link #reset()} before each test so none sees another's resources.
 */
public final class MotoServer {
  public static final String REGION = "us-east-1";
  private static MotoServer instance;

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  public static synchronized MotoServer get() {
    if (instance == null) {
      instance = another();
    }
    return instance;
  }

  /**
   * A moto of its own beside the shared one, also stopped at exit: the scale benchmark serves S3
   * from one, as AWS serves each service apart, so that one Python process is not the limit of both.
   */
  public static MotoServer another() {
    MotoServer moto = start();
    Runtime.getRuntime().addShutdownHook(new Thread(moto::stop));
    return moto;
  }

  private void stop() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    } catch (InterruptedException | IOException e) {
      // The JVM is exiting: a log left in the temporary directory is all that is lost.
    }
  }

  /** The emulator's process id, to measure its CPU apart from the operator's. */
  public long pid() {
    return process.pid();
  }

  public URI endpoint() {
    return endpoint;
  }

  /** The environment that points another process's AWS SDK at this moto: endpoint, test credentials, region. */
  public Map<String, String> environment() {
    return Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "AWS_ACCESS_KEY_ID", "testing",
        "AWS_SECRET_ACCESS_KEY", "testing", "AWS_REGION", REGION);
  }

  public AwsSettings settings() {
    return new AwsSettings(Optional.of(endpoint),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")), 1);
  }

  public AwsClients clients(AwsCallMeter meter) {
    return new AwsClients(settings(), meter);
  }

  public AwsClients clients(AwsCallMeter meter, List<ExecutionInterceptor> faults) {
    return new AwsClients(settings(), meter, faults);
  }

  /** Wipes every resource moto holds, and any state-manager transition a test set. */
  public void reset() {
    post("/moto-api/reset", "");
    post("/moto-api/state-manager/unset-transition", "{\"model_name\": \"cloudfront::distribution\"}");
  }

  /** Keeps new CloudFront distributions InProgress for the next {@code reads} reads (moto's state manager). */
  public void holdDistributionsInProgress(int reads) {
    post("/moto-api/state-manager/set-transition", "{\"model_name\": \"cloudfront::distribution\", "
        + "\"transition\": {\"progression\": \"manual\", \"times\": " + reads + "}}");
  }

  /** Distributions deploy at once again. */
  public void releaseDistributions() {
    post("/moto-api/state-manager/set-transition", "{\"model_name\": \"cloudfront::distribution\", "
        + "\"transition\": {\"progression\": \"immediate\"}}");
  }

  private void post(String path, String body) {
    try {
      HttpURLConnection post = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
      post.setRequestMethod("POST");
      post.setDoOutput(true);
      post.getOutputStream().write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      post.getOutputStream().close();
      if (post.getResponseCode() / 100 != 2) {
        throw new IllegalStateException("moto " + path + " answered " + post.getResponseCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto " + path + " failed", e);
    }
  }

  private static MotoServer start() {
    try {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      String command = Optional.ofNullable(System.getenv("MOTO_SERVER")).orElse("moto_server");
      Path log = Files.createTempFile("moto-", ".log");
      Process process = new ProcessBuilder(command, "-H", "127.0.0.1", "-p", String.valueOf(port))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      try {
        Awaitility.await("moto_server on " + endpoint).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
            .until(() -> answers(process, endpoint, log));
      } catch (ConditionTimeoutException e) {
        process.destroy();
        throw new IllegalStateException("moto_server did not answer within 30 s; log: " + log, e);
      }
      return new MotoServer(process, endpoint, log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start moto_server (install it with: pip install 'moto[server]')", e);
    }
  }

  /** Whether the emulator answers yet; a process that died says why at once. */
  private static boolean answers(Process process, URI endpoint, Path log) throws IOException {
    if (!process.isAlive()) {
      throw new IllegalStateException("moto_server exited: " + Files.readString(log));
    }
    try {
      HttpURLConnection get = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
      return get.getResponseCode() < 500;
    } catch (IOException notYet) {
      return false;
    }
  }
}
