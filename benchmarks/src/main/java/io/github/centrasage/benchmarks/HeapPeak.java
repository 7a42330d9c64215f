package io.github.centrasage.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/** Peak heap use across the heap's memory pools since the last {@link #reset}. */
final class HeapPeak {
  private static final AtomicLong LIVE_AFTER_GC = new AtomicLong();

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
   * Watches every garbage collection from now on; {@link #liveMegabytes()} then gives the most heap
   * that was still in use right after a collection, i.e. what the process really retained.
   */
  static void watchCollections() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((notification, handback) -> {
          if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
            long after = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
              if (pool.getType() == MemoryType.HEAP && info.getMemoryUsageAfterGc().containsKey(pool.getName())) {
                after += info.getMemoryUsageAfterGc().get(pool.getName()).getUsed();
              }
            }
            LIVE_AFTER_GC.accumulateAndGet(after, Math::max);
          }
        }, null, null);
      }
    }
  }

  /** The most heap in use right after a collection since {@link #watchCollections()}, in MB. */
  static long liveMegabytes() {
    return LIVE_AFTER_GC.get() / (1024 * 1024);
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
