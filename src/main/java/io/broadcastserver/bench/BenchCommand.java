package io.broadcastserver.bench;

/** Placeholder until the load generator lands: says so instead of pretending to measure anything. */
public final class BenchCommand {

  private BenchCommand() {
  }

  public static int run(String[] args) {
    System.err.println("the benchmark is not part of this build yet");
    return 2;
  }
}
