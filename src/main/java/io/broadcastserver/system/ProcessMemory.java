package io.broadcastserver.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the process's resident set size, which the JVM itself does not report. */
final class ProcessMemory {

  private static final Path STATUS = Path.of("/proc/self/status");

  private ProcessMemory() {
  }

  /** Resident set in bytes from Linux's {@code VmRSS} line, or -1 elsewhere. */
  static long residentBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          String kib = line.substring("VmRSS:".length()).replace("kB", "").trim();
          return Long.parseLong(kib) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or /proc is hidden: RSS is a nice-to-have, so report it as unknown.
    }
    return -1;
  }
}
