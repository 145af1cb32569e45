package io.broadcastserver.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged server jar running as a real process, as a user starts it: {@code java -jar}, configured by
 * environment variables, in an empty working directory so that everything (the page included) must come
 * from the jar. Collects the console output for assertions.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final String STARTED_LINE = "broadcast server started";
  private static final int LOWEST_TEST_PORT = 20_000;

  private final Process process;
  private final int port;
  private final List<String> output = new ArrayList<>();

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
    Thread reader = new Thread(this::readOutput, "server-output-" + port);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the jar on a free port with two instances, plus the given environment, and waits until it listens. */
  public static ServerProcess start(Map<String, String> environment) {
    ServerProcess server = launch(freePort(), environment);
    server.awaitStarted(START_TIMEOUT);
    return server;
  }

  /** Waits for the line that says the server listens (after joining the cluster, for a cluster node). */
  public void awaitStarted(Duration timeout) {
    awaitOutput(line -> line.contains(STARTED_LINE), timeout);
  }

  public static ServerProcess start() {
    return start(Map.of());
  }

  /** Starts the jar on the given port without waiting for it to listen (for start-up failure tests). */
  public static ServerProcess launch(int port, Map<String, String> environment) {
    Map<String, String> env = new HashMap<>();
    env.put("BROADCAST_PORT", Integer.toString(port));
    env.put("BROADCAST_HOST", "127.0.0.1");
    env.put("BROADCAST_INSTANCES", "2");
    env.putAll(environment);
    try {
      Path workDir = Files.createTempDirectory("broadcast-server-it");
      ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar", jar().toString())
        .directory(workDir.toFile())
        .redirectErrorStream(true);
      builder.environment().keySet().removeIf(key -> key.startsWith("BROADCAST_") || key.equals("PORT"));
      builder.environment().putAll(env);
      return new ServerProcess(builder.start(), port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shaded jar that failsafe points at through the {@code broadcast.jar} system property. */
  public static Path jar() {
    Path jar = Path.of(System.getProperty("broadcast.jar", "target/broadcast-server.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no server jar at " + jar + "; run `mvn -B verify`");
    }
    return jar;
  }

  /**
   * A port free now, chosen below the kernel's range for the local ports of outgoing connections (32768
   * and up by default). Port 0, and so a port found by binding it, comes from that range, where any
   * outgoing connection (a cluster node's, a test client's) may take it in the moment before the server
   * process binds it.
   */
  public static int freePort() {
    int below = ephemeralPortsStart();
    for (int attempt = 0; below > LOWEST_TEST_PORT && attempt < 200; attempt++) {
      int candidate = ThreadLocalRandom.current().nextInt(LOWEST_TEST_PORT, below);
      try (ServerSocket socket = new ServerSocket(candidate)) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port between " + LOWEST_TEST_PORT + " and " + below);
  }

  private static int ephemeralPortsStart() {
    try {
      // Read line by line: Files.readString trusts the size /proc reports, and returns one character.
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException notLinux) {
      return 32_768;
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Sends a POSIX signal such as TERM or INT, as a service manager or Ctrl+C would. */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + name + " failed");
    }
  }

  /** Ends the process the hard way (SIGKILL), as a crash or an OOM killer would: no shutdown code runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Waits for the process to end; @return its exit status */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("server still running after " + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  /** Waits until the port accepts TCP connections, for servers started with their start-up line silenced. */
  public void awaitListening(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket probe = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("server not listening within " + timeout + "; output:\n" + output());
  }

  /** Everything the server printed so far. */
  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Waits until a printed line matches. */
  public String awaitOutput(Predicate<String> matches, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (output) {
      while (true) {
        for (String line : output) {
          if (matches.test(line)) {
            return line;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && output.isEmpty())) {
          throw new AssertionError("expected line not printed within " + timeout + "; output:\n" + String.join("\n", output));
        }
        try {
          output.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  private void readOutput() {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (output) {
          output.add(line);
          output.notifyAll();
        }
      }
    } catch (IOException e) {
      // The process ended; what it printed is kept.
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
