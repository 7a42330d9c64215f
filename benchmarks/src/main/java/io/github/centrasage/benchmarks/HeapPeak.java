package io.github.centrasage.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Peak heap use across the heap's memory pools since the last {@link #reset}. */
final class HeapPeak {
  private HeapPeak() {}

  static void reset() {
    System.gc(); // so the peak starts from what is live, not from the previous scenario's garbage
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /**
   * The sum of the pools' peaks: an upper bound on the heap in use at any one moment (the pools do
   * not peak together), which is the safe side for sizing {@code -Xmx}.
   */
  static long megabytes() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024 * 1024);
  }
}
