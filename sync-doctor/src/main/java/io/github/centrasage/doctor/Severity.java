package io.github.centrasage.doctor;

/**
 * How much a finding matters.
 *
 * <p>Usage: {@code report.findings().stream().filter(f -> f.severity() == Severity.ERROR)}.
 */
public enum Severity {
  /** The sync would lose, park or mis-post data: fix before go-live. The command line exits non-zero. */
  ERROR,
  /** Works, but something will go unnoticed or need a person later. */
  WARNING,
  /** What the doctor saw, for the record. */
  INFO
}
