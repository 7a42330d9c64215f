package io.github.centrasage.doctor;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.store.SyncStateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a {@link DoctorCheck} works with (the host's clients, mappings, flows and store) and where it
 * reports. One per run; not shared between threads.
 *
 * <p>Usage: {@code ctx.checked(); if (missing) ctx.error("mappings.bank.missing", "bank 1210 …", "create it …");}
 */
public final class DoctorContext {
  private final Doctor doctor;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Integer> perId = new LinkedHashMap<>();
  private final Map<String, Integer> suppressed = new LinkedHashMap<>();
  private int checks;

  DoctorContext(Doctor doctor) {
    this.doctor = doctor;
  }

  /** The Centra client the host uses. */
  public CentraClient centra() {
    return doctor.centra;
  }

  /** The Sage 200 client the host uses. */
  public Sage200Client sage() {
    return doctor.sage;
  }

  /** The host's mappings. */
  public Mappings mappings() {
    return doctor.mappings;
  }

  /** The host's state store, if given. */
  public Optional<SyncStateStore> store() {
    return Optional.ofNullable(doctor.store);
  }

  /** The flows the host's engine runs (the doctor only reads their options). */
  public List<SyncFlow> flows() {
    return doctor.flows;
  }

  /** The first flow of a type, if the host runs one. */
  public <T extends SyncFlow> Optional<T> flow(Class<T> type) {
    return doctor.flows.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** The Sage token provider, if the host gave it (for the token checks). */
  public Optional<TokenProvider> sageTokens() {
    return Optional.ofNullable(doctor.sageTokens);
  }

  /** The host's clock. */
  public Clock clock() {
    return doctor.clock;
  }

  /** How far back the doctor samples Centra orders to learn the markets, currencies and payment methods in use. */
  public Duration orderSampleWindow() {
    return doctor.orderSampleWindow;
  }

  /** At most this many orders are sampled. */
  public int orderSampleSize() {
    return doctor.orderSampleSize;
  }

  /** The tenant's schema as an introspection answer, if the host supplied one instead of asking Centra. */
  public Optional<Supplier<Object>> centraIntrospection() {
    return Optional.ofNullable(doctor.centraIntrospection);
  }

  /** Counts one check performed (whether or not it found something). */
  public void checked() {
    checks++;
  }

  /** Counts {@code n} checks performed. */
  public void checked(int n) {
    checks += n;
  }

  /** Reports an error: fix before go-live. */
  public void error(String id, String found, String fix) {
    add(new Finding(id, Severity.ERROR, found, fix));
  }

  /** Reports a warning. */
  public void warning(String id, String found, String fix) {
    add(new Finding(id, Severity.WARNING, found, fix));
  }

  /** Reports information. */
  public void info(String id, String found) {
    add(new Finding(id, Severity.INFO, found, ""));
  }

  /** A progress line for long checks (the command line prints it on stderr). */
  public void progress(String line) {
    doctor.progress.accept(line);
  }

  private void add(Finding finding) {
    int n = perId.merge(finding.id(), 1, Integer::sum);
    if (n > doctor.maxFindingsPerId) {
      // a 100,000-SKU shop with a wrong warehouse mapping must not produce a 100,000-line report
      suppressed.merge(finding.id(), 1, Integer::sum);
      return;
    }
    findings.add(finding);
  }

  DoctorReport report(java.time.Instant startedAt, java.time.Instant finishedAt) {
    List<Finding> all = new ArrayList<>(findings);
    suppressed.forEach((id, n) -> {
      Severity severity = findings.stream().filter(f -> f.id().equals(id)).findFirst().map(Finding::severity)
          .orElse(Severity.WARNING);
      all.add(new Finding(id, severity, n + " more like the above (" + id + ") not listed",
          "fix the listed ones first; the doctor lists at most " + doctor.maxFindingsPerId + " per id"));
    });
    return new DoctorReport(all, checks, perId, startedAt, finishedAt);
  }

  static Consumer<String> silent() {
    return line -> {};
  }
}
