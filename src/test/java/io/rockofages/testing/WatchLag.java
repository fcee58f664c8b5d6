package io.rockofages.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in front of an API server that makes one resource's watches lag behind it, as a busy API
 * server or network can: after {@link #holdAfter(String)}, what those watches bring is passed on up to
 * the first read holding the marker, and everything after it is held until {@link #release()}. Other
 * connections go through at once, so a client's own writes land while its cache stays behind. (fabric8
 * watches over a WebSocket, which its client interceptors do not see; server frames are unmasked text.)
 */
public final class WatchLag implements AutoCloseable {
  private final URI upstream;
  private final String watchRequest;
  private final ServerSocket listener;
  private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "watch-lag");
    thread.setDaemon(true);
    return thread;
  });
  private final List<Runnable> held = new ArrayList<>();
  private String marker;
  private boolean holding;

  /**
   * @param upstream the API server
   * @param watchRequest what a watch's request line starts with, e.g. "GET /apis/rockofages.io/v1alpha1/rockofages?"
   */
  public WatchLag(URI upstream, String watchRequest) {
    this.upstream = upstream;
    this.watchRequest = watchRequest;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pumps.execute(this::accept);
  }

  public String url() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /** @param marker text of the last event let through, e.g. {@code "generation":2} */
  public synchronized void holdAfter(String marker) {
    this.marker = marker;
  }

  /** How many reads of a watch are held back now. */
  public synchronized int held() {
    return held.size();
  }

  /** Passes on what was held, in order (under the lock, so nothing read meanwhile overtakes it). */
  public synchronized void release() {
    holding = false;
    marker = null;
    for (Runnable passOn : held) {
      try {
        passOn.run();
      } catch (UncheckedIOException e) {
        // that watch is gone: its client reconnects and lists again
      }
    }
    held.clear();
  }

  @Override
  public void close() {
    pumps.shutdownNow();
    try {
      listener.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(upstream.getHost(), upstream.getPort());
        Connection connection = new Connection();
        pumps.execute(() -> pump(client, server, connection, false));
        pumps.execute(() -> pump(server, client, connection, true));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Whether a connection turned out to be a watch of the resource (its request line says so). */
  private static final class Connection {
    private volatile boolean watch;
  }

  private void pump(Socket from, Socket to, Connection connection, boolean answers) {
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      byte[] buffer = new byte[65536];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        String text = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
        if (!answers && text.startsWith(watchRequest) && text.contains("watch=true")) {
          connection.watch = true;
        }
        byte[] bytes = Arrays.copyOf(buffer, read);
        Runnable passOn = () -> write(out, bytes);
        if (answers && connection.watch) {
          passOnOrHold(text, passOn);
        } else {
          passOn.run();
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // one side closed: so is the other
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void passOnOrHold(String text, Runnable passOn) {
    synchronized (this) {
      if (holding) {
        held.add(passOn);
        return;
      }
      holding = marker != null && text.contains(marker);
    }
    passOn.run();
  }

  private static void write(OutputStream out, byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
