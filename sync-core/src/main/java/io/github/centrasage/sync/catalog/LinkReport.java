package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Both catalogues side by side: how many Sage products found their Centra size, the items of
 * either side that did not (with the reason for the Sage ones), and the Centra sizes more than one
 * Sage product claims.
 *
 * <p>Usage: {@code CatalogPublish.linkReport(centra, sage, options).sageOnly().forEach((sku, why) -> log.warn(why));}
 */
@Value.Immutable
@SyncStyle
public abstract class LinkReport {
  /** Sage products matched to a Centra size. */
  public abstract int linked();

  /** Sage product codes without a Centra size, each with the reason. */
  public abstract Map<String, String> sageOnly();

  /**
   * Centra sizes (their SKU, else {@code variant:size} ids) that more than one Sage product claims
   * (by SKU and by the same EAN, or by one EAN), each with those Sage codes: none of them is linked
   * or published until the clash is resolved.
   */
  public abstract Map<String, List<String>> clashes();

  /** Centra sizes (their SKU, else {@code variant:size} ids) that no Sage product matched. */
  public abstract List<String> centraOnly();

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link LinkReport}. */
  public static final class Builder extends ImmutableLinkReport.Builder {
    Builder() {}
  }
}
