package io.github.centrasage.sync.stock;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import org.immutables.value.Value;

/**
 * One stock unit the engine keeps in sequence: a SKU in a Sage 200 warehouse (by Sage warehouse
 * id, as the mappings and the allocation ledger name it).
 *
 * <p>Usage: {@code StockKey.of("P00001-BLK-M", "1")}
 */
@Value.Immutable
@SyncStyle
public abstract class StockKey implements Comparable<StockKey> {
  /** The SKU (Sage product code = Centra size SKU). */
  @Value.Parameter
  public abstract String sku();

  /** The Sage warehouse id. */
  @Value.Parameter
  public abstract String sageWarehouse();

  /** The job key and lease name of this unit: {@code stock:<sku>@<sageWarehouse>}. */
  @Value.Derived
  @Value.Auxiliary
  public String name() {
    return "stock:" + sku() + "@" + sageWarehouse();
  }

  @Override
  public int compareTo(StockKey other) {
    return name().compareTo(other.name());
  }

  @Value.Check
  protected void check() {
    if (sku().isBlank() || sageWarehouse().isBlank()) {
      throw new IllegalArgumentException("StockKey needs a non-blank SKU and Sage warehouse: " + this);
    }
    if (sageWarehouse().contains("@")) {
      throw new IllegalArgumentException("Sage warehouse id must not contain '@': " + sageWarehouse());
    }
  }

  /** A key. */
  public static StockKey of(String sku, String sageWarehouse) {
    return ImmutableStockKey.of(sku, sageWarehouse);
  }

  /**
   * Parses a job key {@code stock:<sku>@<sageWarehouse>}.
   *
   * @throws IllegalArgumentException if the key does not have that form
   */
  public static StockKey parse(String jobKey) {
    int at = jobKey.lastIndexOf('@');
    if (!jobKey.startsWith("stock:") || at <= "stock:".length() || at == jobKey.length() - 1) {
      throw new IllegalArgumentException("not a stock job key (stock:<sku>@<sageWarehouse>): " + jobKey);
    }
    return of(jobKey.substring("stock:".length(), at), jobKey.substring(at + 1));
  }
}
