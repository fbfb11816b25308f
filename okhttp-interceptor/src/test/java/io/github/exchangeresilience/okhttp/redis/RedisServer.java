package io.github.exchangeresilience.okhttp.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * A redis-server of the test's own on a free loopback port, without persistence; never a shared instance. Shared with
 * the Spring module's tests through this module's test-jar.
 *
 * <p>The binary is the system's {@code redis-server} when one is installed, else the real redis-server that the
 * {@code com.github.codemonstur:embedded-redis} test dependency ships for this OS and architecture (6.2 for Linux
 * x86_64/arm64 and macOS), extracted once per JVM into a temporary directory. Either way a real server on loopback:
 * the tests need nothing but a JDK.
 */
public final class RedisServer implements AutoCloseable {
  private static final List<String> SYSTEM_LOCATIONS =
      List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server");
  private static String binary;

  private final int port;
  private Process process;
  private Path log;

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

  /** The redis-server these tests run: the system's, else the one embedded-redis ships (extracted on first use). */
  public static synchronized String binary() {
    if (binary == null) {
      binary = systemBinary();
      if (binary == null) {
        try {
          binary = ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
        } catch (IOException e) {
          throw new UncheckedIOException("no redis-server installed, and the one embedded-redis ships for "
              + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " could not be extracted", e);
        }
      }
    }
    return binary;
  }

  private static String systemBinary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File candidate = new File(dir, "redis-server");
      if (candidate.canExecute()) {
        return candidate.getPath();
      }
    }
    for (String known : SYSTEM_LOCATIONS) {
      if (new File(known).canExecute()) {
        return known;
      }
    }
    return null;
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
    if (log == null) {
      log = Files.createTempFile("redis-server-" + port + "-", ".log");
      log.toFile().deleteOnExit();
    }
    String executable = binary();
    process = new ProcessBuilder(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--protected-mode", "yes")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(executable + " exited at once on port " + port + " (exit " + process.exitValue()
            + "): " + Files.readString(log, StandardCharsets.UTF_8).strip());
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
