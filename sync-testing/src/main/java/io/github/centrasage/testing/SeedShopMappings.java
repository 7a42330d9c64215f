package io.github.centrasage.testing;

import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.Currency;
import io.github.centrasage.sage200.model.TaxCode;
import io.github.centrasage.sync.integration.Mappings;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

/**
 * Mappings that fit the sandboxes' seed shop ({@code SandboxCatalog.fashionShop()}): GBP and EUR,
 * UK VAT at 20% and 0%, Adyen through clearing bank 1210, a shared web account per market
 * ({@code WEBGBP}, {@code WEBEUR}), the {@code CARRIAGE} charge and a 2p rounding tolerance. The Sage
 * ids of currencies and tax codes are read from the Sage sandbox, since they are assigned when it
 * seeds. Warehouses are left to the caller, who knows which ones a run maps. For demos, benchmarks
 * and tests against the sandboxes; a real shop writes its own mappings (see docs/mappings.md).
 *
 * <p>Usage: {@code Mappings m = SeedShopMappings.builder(sageClient).putWarehouse(centraLeeds, sageLeeds).build();}
 */
public final class SeedShopMappings {
  /** The customer document prefix the seed shop's orders carry in Sage (the {@link Mappings} default). */
  public static final String DOCUMENT_PREFIX = "CENTRA-";

  private SeedShopMappings() {}

  /**
   * A mappings builder for the seed shop, without warehouses. Reads the tax codes and currencies of
   * the Sage sandbox {@code sage} points at (two requests).
   *
   * @throws IllegalStateException if that Sage company does not look like the seed shop
   */
  public static Mappings.Builder builder(Sage200Client sage) {
    List<TaxCode> taxCodes = sage.taxCodes().list(ODataQuery.all());
    List<Currency> currencies = sage.currencies().list(ODataQuery.all());
    long standardVat = only(taxCodes, t -> t.code().orElse(-1) == 1, "tax code 1 (standard VAT)").id();
    long zeroVat = only(taxCodes, t -> t.code().orElse(-1) == 0, "tax code 0 (zero-rated)").id();
    long gbp = only(currencies, c -> c.isBaseCurrency().orElse(false), "a base currency (GBP)").id();
    long eur = only(currencies, c -> !c.isBaseCurrency().orElse(false), "one foreign currency (EUR)").id();
    return Mappings.builder()
        .putCurrency("GBP", Long.toString(gbp))
        .putCurrency("EUR", Long.toString(eur))
        .addTaxCode(Mappings.TaxCodeMapping.of(new BigDecimal("20"), null, standardVat))
        .addTaxCode(Mappings.TaxCodeMapping.of(BigDecimal.ZERO, null, zeroVat))
        .addPaymentAccount(Mappings.PaymentAccounts.builder().method("adyen").clearingBank("1210")
            .currentBank("1200").feesNominal("7901").varianceNominal("9999").build())
        .putCustomerStrategy("UK", Mappings.CustomerStrategy.sharedAccount("WEBGBP"))
        .putCustomerStrategy("EU", Mappings.CustomerStrategy.sharedAccount("WEBEUR"))
        .shippingChargeCode("CARRIAGE")
        .customerDocumentPrefix(DOCUMENT_PREFIX)
        .roundingTolerance(new BigDecimal("0.02"))
        .roundingNominal("9999");
  }

  private static <T> T only(List<T> rows, Predicate<T> which, String what) {
    List<T> found = rows.stream().filter(which).toList();
    if (found.size() != 1) {
      throw new IllegalStateException("The Sage company is not the sandbox seed shop: expected exactly " + what
          + ", found " + found.size());
    }
    return found.get(0);
  }
}
