package io.github.centrasage.doctor;

import java.util.Objects;

/**
 * One thing the doctor found.
 *
 * <p>Usage: {@code report.findings("mappings.tax-code.missing").get(0).found()}.
 *
 * @param id stable identifier ({@code mappings.tax-code.missing}): the first part is the check
 *     group ({@code contract}, {@code identity}, {@code mappings}, {@code masterdata}, {@code setup});
 *     documented in docs/doctor.md and safe to alert on
 * @param severity how much it matters
 * @param found the exact thing found (names the record, field or value)
 * @param fix how to fix it; empty for information
 */
public record Finding(String id, Severity severity, String found, String fix) {
  public Finding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(found, "found");
    fix = fix == null ? "" : fix;
  }

  /** The check group: the part of the id before the first dot. */
  public String group() {
    int dot = id.indexOf('.');
    return dot < 0 ? id : id.substring(0, dot);
  }
}
