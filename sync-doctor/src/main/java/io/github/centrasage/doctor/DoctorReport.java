package io.github.centrasage.doctor;

import io.github.centrasage.doctor.internal.ReportFormats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a doctor run found: the findings (each with a stable id, a severity, the exact thing found
 * and how to fix it), how many checks ran, and three ways to print it.
 *
 * <p>Usage: {@code System.out.println(report.toText()); System.exit(report.hasErrors() ? 1 : 0);}
 */
public final class DoctorReport {
  private final List<Finding> findings;
  private final int checks;
  private final Map<String, Integer> countsById;
  private final Instant startedAt;
  private final Instant finishedAt;

  DoctorReport(List<Finding> findings, int checks, Map<String, Integer> countsById, Instant startedAt,
      Instant finishedAt) {
    this.findings = List.copyOf(findings);
    this.checks = Math.max(checks, findings.size());
    this.countsById = Map.copyOf(countsById);
    this.startedAt = Objects.requireNonNull(startedAt);
    this.finishedAt = Objects.requireNonNull(finishedAt);
  }

  /** Every finding, in the order the checks found them. */
  public List<Finding> findings() {
    return findings;
  }

  /** The findings with one id. */
  public List<Finding> findings(String id) {
    return findings.stream().filter(f -> f.id().equals(id)).toList();
  }

  /** How many times each id was found (including those beyond the listing limit). */
  public Map<String, Integer> countsById() {
    return countsById;
  }

  /** How many errors (including those beyond the listing limit). */
  public int errors() {
    return count(Severity.ERROR);
  }

  /** How many warnings (including those beyond the listing limit). */
  public int warnings() {
    return count(Severity.WARNING);
  }

  /** How many individual checks ran. */
  public int checks() {
    return checks;
  }

  /** Whether any error was found. */
  public boolean hasErrors() {
    return errors() > 0;
  }

  /** When the run started. */
  public Instant startedAt() {
    return startedAt;
  }

  /** When the run finished. */
  public Instant finishedAt() {
    return finishedAt;
  }

  /** The one-line summary: {@code DOCTOR RESULT errors=<n> warnings=<n> checks=<n>}. */
  public String summaryLine() {
    return "DOCTOR RESULT errors=" + errors() + " warnings=" + warnings() + " checks=" + checks;
  }

  /** The report for people: findings grouped by check, errors first, with counts, then the summary line. */
  public String toText() {
    return ReportFormats.text(this);
  }

  /** The report as JSON, for CI and monitoring (format in docs/doctor.md). */
  public String toJson() {
    return ReportFormats.json(this);
  }

  private int count(Severity severity) {
    // an id keeps one severity; count every occurrence, listed or not
    return findings.stream().filter(f -> f.severity() == severity).map(Finding::id).distinct()
        .mapToInt(id -> countsById.getOrDefault(id, 0)).sum();
  }

  @Override
  public String toString() {
    return summaryLine();
  }
}
