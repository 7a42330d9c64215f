package io.github.centrasage.spring;

import io.github.centrasage.sync.SyncEngine;
import java.util.Objects;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the engine with the application context and stops it on shutdown: running jobs finish
 * within the engine's drain timeout, then the engine closes. Set
 * {@code centra-sage200.engine.auto-startup=false} to start it yourself with {@link #start()}.
 */
public final class SyncEngineLifecycle implements SmartLifecycle {
  private final SyncEngine engine;
  private final boolean autoStartup;
  private volatile boolean running;

  /** A lifecycle for {@code engine}. */
  public SyncEngineLifecycle(SyncEngine engine, boolean autoStartup) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.autoStartup = autoStartup;
  }

  @Override
  public synchronized void start() {
    if (!running) {
      engine.start();
      running = true;
    }
  }

  /** Drains: no new jobs are claimed, running ones finish within the drain timeout, then the engine closes. */
  @Override
  public synchronized void stop() {
    if (running) {
      running = false;
      engine.close();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  /**
   * The last phase: the engine starts once the rest of the application (web server included) runs,
   * and drains first on shutdown, while the data source and the web server still serve.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
