package io.github.centrasage.dashboard.internal;

import io.github.centrasage.sync.finance.SettlementPosting;
import io.github.centrasage.sync.finance.SettlementReport;
import io.github.centrasage.sync.spi.EngineStore;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.store.BindingStore;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Centra↔Sage flows keep beside the engine's queue, read from the engine's store when that
 * store keeps it: the records bound to a Centra id (an order's journey) and the payout reports of
 * {@code SettlementPosting}. The engine's store SPI ({@link EngineStore}) is only the queue, cursors
 * and leases; the stores shipped with the library also keep bindings ({@link BindingStore}), a store
 * of someone's own may not. Without bindings the dashboard still shows every flow and job: an
 * order's journey lists its jobs only, and the payout pages are left out. This class is the one
 * place the dashboard reads beyond the engine's API.
 */
public final class FlowRecords {
  private final Optional<BindingStore> bindings;

  private FlowRecords(Optional<BindingStore> bindings) {
    this.bindings = bindings;
  }

  /** The records {@code store} keeps: all of them if it is a {@link BindingStore}, none otherwise. */
  public static FlowRecords of(EngineStore store) {
    Objects.requireNonNull(store, "store");
    return new FlowRecords(store instanceof BindingStore ? Optional.of((BindingStore) store) : Optional.empty());
  }

  /** Whether the store keeps bindings, so payouts and an order's Sage records can be shown. */
  public boolean kept() {
    return bindings.isPresent();
  }

  /** Bindings whose Centra id contains {@code text}, at most {@code limit}; none without bindings. */
  public List<Binding> searchBindings(String text, int limit) {
    return bindings.map(b -> b.searchBindings(text, limit)).orElse(List.of());
  }

  /** The most recent payout reports, newest first, at most {@code limit}; none without bindings. */
  public List<SettlementReport> payouts(int limit) {
    return bindings.map(b -> SettlementPosting.storedReports(b, limit)).orElse(List.of());
  }

  /** One stored payout report; empty without bindings. */
  public Optional<SettlementReport> payout(String psp, String payoutId) {
    return bindings.flatMap(b -> SettlementPosting.storedReport(b, psp, payoutId));
  }

  /**
   * The month-end open items as CSV.
   *
   * @throws IllegalStateException without bindings (check {@link #kept()} first)
   */
  public String openItemsCsv(YearMonth month, int maxPayouts) {
    BindingStore b = bindings.orElseThrow(() -> new IllegalStateException("The engine's store keeps no payouts"));
    return SettlementPosting.openItemsCsv(b, month, maxPayouts);
  }
}
