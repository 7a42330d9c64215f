package io.github.centrasage.sync.internal;

/** Turns a throwable into the short text kept as a job's last error. */
public final class Failures {
  private static final int MAX_LENGTH = 2000;

  private Failures() {}

  public static String describe(Throwable t) {
    String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    return Texts.clip(text, MAX_LENGTH);
  }
}
