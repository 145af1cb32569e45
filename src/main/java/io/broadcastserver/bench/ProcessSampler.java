package io.broadcastserver.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's CPU time and resident memory from Linux's /proc, so the report can say how busy the
 * server and the generator itself were. A pid of -1 samples nothing.
 */
final class ProcessSampler {

  /** Clock ticks per second of /proc/PID/stat times; 100 on Linux x86-64. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final long pid;
  private double lastCpuSeconds;
  private long lastNanos;

  ProcessSampler(long pid) {
    this.pid = pid;
    mark();
  }

  static ProcessSampler self() {
    return new ProcessSampler(ProcessHandle.current().pid());
  }

  boolean enabled() {
    return pid > 0;
  }

  /** Starts a measuring interval. */
  void mark() {
    lastCpuSeconds = cpuSeconds();
    lastNanos = System.nanoTime();
  }

  /** CPU use since {@link #mark()} as a share of one core (1.0 = one core busy). */
  double coresSinceMark() {
    double elapsed = (System.nanoTime() - lastNanos) / 1e9;
    return elapsed <= 0 || !enabled() ? Double.NaN : (cpuSeconds() - lastCpuSeconds) / elapsed;
  }

  /** Resident set size in bytes, or -1. */
  long rssBytes() {
    if (!enabled()) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private double cpuSeconds() {
    if (!enabled()) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
