package io.github.centrasage.doctor.internal;

import com.squareup.moshi.JsonWriter;
import io.github.centrasage.doctor.DoctorReport;
import io.github.centrasage.doctor.Finding;
import io.github.centrasage.doctor.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import okio.Buffer;

/** The doctor report as text for people and as JSON for machines. */
public final class ReportFormats {
  private ReportFormats() {}

  /** Grouped by check group, errors first, each id with its count, then the summary line. */
  public static String text(DoctorReport report) {
    StringBuilder out = new StringBuilder();
    out.append("centra-sage200 doctor: ").append(report.checks()).append(" checks, ").append(report.errors())
        .append(" errors, ").append(report.warnings()).append(" warnings\n");
    Map<String, List<Finding>> byGroup = report.findings().stream()
        .collect(Collectors.groupingBy(Finding::group, TreeMap::new, Collectors.toList()));
    byGroup.forEach((group, findings) -> {
      long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
      long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
      out.append('\n').append(group).append(" (").append(errors).append(" errors, ").append(warnings)
          .append(" warnings)\n");
      Map<String, List<Finding>> byId = new LinkedHashMap<>();
      findings.stream().sorted(Comparator.comparing(Finding::severity)).forEach(
          f -> byId.computeIfAbsent(f.id(), k -> new java.util.ArrayList<>()).add(f));
      byId.forEach((id, same) -> {
        Severity severity = same.get(0).severity();
        out.append("  ").append(severity.name()).append(' ').append(id).append(" ×")
            .append(report.countsById().getOrDefault(id, same.size())).append('\n');
        for (Finding f : same) {
          out.append("    - ").append(f.found()).append('\n');
        }
        String fix = same.get(0).fix();
        if (!fix.isEmpty()) {
          out.append("    fix: ").append(fix).append('\n');
        }
      });
    });
    out.append('\n').append(report.summaryLine()).append('\n');
    return out.toString();
  }

  /**
   * {@code {"result":{"errors":n,"warnings":n,"checks":n},"startedAt":…,"finishedAt":…,
   * "findings":[{"id":…,"severity":"error",…}]}}.
   */
  public static String json(DoctorReport report) {
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.beginObject();
      w.name("result").beginObject().name("errors").value(report.errors()).name("warnings").value(report.warnings())
          .name("checks").value(report.checks()).endObject();
      w.name("startedAt").value(report.startedAt().toString());
      w.name("finishedAt").value(report.finishedAt().toString());
      w.name("counts").beginObject();
      for (Map.Entry<String, Integer> e : new TreeMap<>(report.countsById()).entrySet()) {
        w.name(e.getKey()).value(e.getValue());
      }
      w.endObject();
      w.name("findings").beginArray();
      for (Finding f : report.findings()) {
        w.beginObject().name("id").value(f.id()).name("group").value(f.group())
            .name("severity").value(f.severity().name().toLowerCase(Locale.ROOT))
            .name("found").value(f.found()).name("fix").value(f.fix()).endObject();
      }
      w.endArray();
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }
}
