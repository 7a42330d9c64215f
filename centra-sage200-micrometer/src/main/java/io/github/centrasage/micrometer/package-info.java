/**
 * Micrometer meters for the sync engine: {@link io.github.centrasage.micrometer.SyncEngineMetrics}.
 */
package io.github.centrasage.micrometer;
