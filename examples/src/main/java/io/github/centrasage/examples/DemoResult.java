package io.github.centrasage.examples;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a demo run found when it checked both sandboxes at the end of the trading day: the figures
 * of the {@code DEMO RESULT} line and every invariant that did not hold.
 *
 * <p>Usage: {@code DemoResult r = Demo.run(Demo.Settings.defaults()); System.out.println(r.line());}
 *
 * @param centraOrders orders placed in Centra during the day
 * @param sageOrders distinct Centra orders that have a Sage sales order
 * @param duplicateOrders Sage sales orders beyond the first for one Centra order
 * @param missingOrders Centra orders with neither a Sage order nor a parked job saying why
 * @param parked jobs parked (listed with their reasons in the report)
 * @param stockMismatches SKU/warehouse pairs whose Centra level differs from the stock formula
 * @param oversoldUnits units on Centra-imported Sage order lines that Sage could not allocate
 * @param despatchesLost imported orders whose shipped quantities differ between Centra and Sage
 * @param creditNotes credit notes posted in Sage (refund import; 0 until the finance flows run)
 * @param clearingBalance movement of the PSP clearing bank during the day (0.00 when payouts settle)
 * @param failures the invariants that did not hold, in words; empty on a correct run
 */
public record DemoResult(int centraOrders, int sageOrders, int duplicateOrders, int missingOrders, int parked,
    int stockMismatches, int oversoldUnits, int despatchesLost, int creditNotes, BigDecimal clearingBalance,
    List<String> failures) {

  /** Copies {@code failures}. */
  public DemoResult {
    failures = List.copyOf(failures);
  }

  /** True when every invariant held. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /** The single summary line the demo ends with. */
  public String line() {
    return "DEMO RESULT centra_orders=" + centraOrders + " sage_orders=" + sageOrders
        + " duplicate_orders=" + duplicateOrders + " missing_orders=" + missingOrders + " parked=" + parked
        + " stock_mismatches=" + stockMismatches + " oversold_units=" + oversoldUnits
        + " despatches_lost=" + despatchesLost + " credit_notes=" + creditNotes
        + " clearing_balance=" + clearingBalance.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
  }
}
