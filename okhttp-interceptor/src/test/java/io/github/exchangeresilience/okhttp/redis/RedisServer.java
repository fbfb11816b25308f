package io.github.exchangeresilience.okhttp.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Shared with the Spring module's tests through this module's test-jar. A redis-server of the test's own on a free loopback port, without persistence; never a shared instance. Fails with
 * the install command when the binary is missing.
 */
public final class RedisServer implements AutoCloseable {
  public static final String INSTALL = "apt-get update && apt-get install -y redis-server";

  private final int port;
  private Process process;

  private RedisServer(int port) {
    this.port = port;
  }

  /** A server on a free port, answering PING. */
  public static RedisServer start() throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      RedisServer server = new RedisServer(freePort());
      try {
        server.restart();
        return server;
      } catch (IOException e) {
        last = e; // the port was taken in between: another one
      }
    }
    throw last;
  }

  /** A server for a free port, not running yet: {@link #restart()} starts it. */
  public static RedisServer notStarted() throws IOException {
    return new RedisServer(freePort());
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  public static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(dir, "redis-server");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    for (String known : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server")) {
      if (new File(known).canExecute()) {
        return known;
      }
    }
    throw new IllegalStateException("redis-server is not installed, and the Redis tests need a real one; install it"
        + " with: " + INSTALL);
  }

  public int port() {
    return port;
  }

  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts (again, after {@link #kill()}) on the same port, empty, and waits until it answers PING. */
  public void restart() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    process = new ProcessBuilder(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--protected-mode", "yes")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited at once on port " + port + " (exit " + process.exitValue() + ")");
      }
      if (answersPing()) {
        return;
      }
      sleep(20);
    }
    kill();
    throw new IOException("redis-server did not answer on port " + port + " within 10 s");
  }

  /** Kills the server at once, as a crash would. */
  public void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] answer = new byte[7];
      int read = in.readNBytes(answer, 0, 7);
      return read == 7 && new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
