package io.github.centrasage.sync.integration;

import io.github.centrasage.sync.integration.internal.MappingsFile;
import io.github.centrasage.sync.integration.internal.MappingsValidation;
import io.github.centrasage.sync.integration.internal.MappingsStyle;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.immutables.value.Value;

/**
 * How Centra concepts map to a Sage 200 site: currencies, tax codes, payment accounts,
 * warehouses, customer strategy per market, shipping and discount handling, rounding, required
 * field defaults, the order-number field and stock safety buffers. Built in code or loaded from a
 * {@code .properties} file (format in docs/mappings.md); {@link #validate()} lists every problem at
 * once, and {@link Integration.Builder#build()} refuses them while there are any.
 *
 * <p>Usage: {@code Mappings m = Mappings.builder().putCurrency("GBP", "1").addTaxCode(TaxCodeMapping.of(new BigDecimal("20"), "GB", 1729)).build();}
 */
@Value.Immutable
@MappingsStyle
public abstract class Mappings {
  /** Centra currency (ISO 4217) → Sage currency id. */
  public abstract Map<String, String> currencies();

  /** Centra tax percent (and country) → Sage tax code id. */
  public abstract List<TaxCodeMapping> taxCodes();

  /**
   * Whether each Sage price band holds net or VAT-inclusive prices (by band name, such as
   * {@code Standard}). CatalogPublish converts a band's prices with the pricelist mapping's tax rate
   * where the Centra pricelist holds the other basis; a band not listed is published as it is.
   */
  public abstract Map<String, PriceBasis> priceBandBases();

  /** Whether prices include VAT. */
  public enum PriceBasis {
    /** Before VAT. */
    NET,
    /** VAT included. */
    GROSS
  }

  /** The basis of Sage price band {@code band}, if the mappings say. */
  public Optional<PriceBasis> priceBandBasis(String band) {
    return Optional.ofNullable(priceBandBases().get(band));
  }

  /** Payment method / gateway (and currency) → Sage banks and nominal codes. */
  public abstract List<PaymentAccounts> paymentAccounts();

  /** Centra warehouse → Sage warehouse; one-to-one. */
  public abstract Map<String, String> warehouses();

  /** Centra market or store → how Sage customers are chosen for its orders. */
  public abstract Map<String, CustomerStrategy> customerStrategies();

  /** Sage additional-charge code for shipping, if orders carry shipping. */
  public abstract Optional<String> shippingChargeCode();

  /** How Centra discounts reach Sage. */
  @Value.Default
  public DiscountHandling discountHandling() {
    return DiscountHandling.NET_PRICE;
  }

  /** Sage additional-charge code for a separate discount line ({@link DiscountHandling#SEPARATE_LINE}). */
  public abstract Optional<String> discountChargeCode();

  /** Largest total difference between Centra and Sage that is posted to the rounding nominal (0 = none allowed). */
  @Value.Default
  public BigDecimal roundingTolerance() {
    return BigDecimal.ZERO;
  }

  /** Nominal code the rounding difference is posted to. */
  public abstract Optional<String> roundingNominal();

  /** Values for fields a Sage site makes mandatory (analysis codes, spare fields), by Sage field name. */
  public abstract Map<String, String> requiredFieldDefaults();

  /** The Sage order field that carries the Centra order number, the idempotency key. */
  @Value.Default
  public String customerDocumentField() {
    return "customer_document_no";
  }

  /**
   * Prefix written before the Centra order number in that field, {@code CENTRA-} by default so
   * that imported orders stand out in Sage and never collide with other channels' numbers.
   */
  @Value.Default
  public String customerDocumentPrefix() {
    return "CENTRA-";
  }

  /** Stock held back from Centra when no warehouse or SKU buffer applies. */
  @Value.Default
  public long defaultSafetyBuffer() {
    return 0;
  }

  /** Stock held back per Centra warehouse. */
  public abstract Map<String, Long> warehouseSafetyBuffers();

  /** Stock held back per SKU (wins over the warehouse buffer). */
  public abstract Map<String, Long> skuSafetyBuffers();

  /** Every problem with these mappings; empty when they are usable. */
  public List<String> validate() {
    return MappingsValidation.problems(this);
  }

  /** The Sage currency id of a Centra currency. */
  public Optional<String> sageCurrency(String isoCurrency) {
    return Optional.ofNullable(currencies().get(isoCurrency));
  }

  /** The Sage tax code id for a rate in a country: an exact country entry first, then one for any country. */
  public Optional<Long> sageTaxCode(BigDecimal percent, String country) {
    Optional<TaxCodeMapping> exact = taxCodes().stream()
        .filter(t -> t.percent().compareTo(percent) == 0 && t.country().filter(country::equals).isPresent())
        .findFirst();
    return exact.or(() -> taxCodes().stream()
            .filter(t -> t.percent().compareTo(percent) == 0 && t.country().isEmpty())
            .findFirst())
        .map(TaxCodeMapping::sageTaxCodeId);
  }

  /** The accounts of a payment method in a currency: a currency-specific entry first, then the method's default. */
  public Optional<PaymentAccounts> paymentAccounts(String method, String currency) {
    Optional<PaymentAccounts> exact = paymentAccounts().stream()
        .filter(p -> p.method().equals(method) && p.currency().filter(currency::equals).isPresent())
        .findFirst();
    return exact.or(() -> paymentAccounts().stream()
        .filter(p -> p.method().equals(method) && p.currency().isEmpty())
        .findFirst());
  }

  /** The Sage warehouse of a Centra warehouse. */
  public Optional<String> sageWarehouse(String centraWarehouse) {
    return Optional.ofNullable(warehouses().get(centraWarehouse));
  }

  /** The Centra warehouse of a Sage warehouse. */
  public Optional<String> centraWarehouse(String sageWarehouse) {
    return warehouses().entrySet().stream()
        .filter(e -> e.getValue().equals(sageWarehouse))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /** The customer strategy of a market or store. */
  public Optional<CustomerStrategy> customerStrategy(String market) {
    return Optional.ofNullable(customerStrategies().get(market));
  }

  /** The buffer for a SKU in a Centra warehouse: the SKU's, else the warehouse's, else the default. */
  public long safetyBuffer(String sku, String centraWarehouse) {
    Long bySku = skuSafetyBuffers().get(sku);
    if (bySku != null) {
      return bySku;
    }
    return warehouseSafetyBuffers().getOrDefault(centraWarehouse, defaultSafetyBuffer());
  }

  /** The value written to {@link #customerDocumentField()} for a Centra order number. */
  public String customerDocumentFor(String centraOrderNumber) {
    return customerDocumentPrefix() + centraOrderNumber;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Mappings}. */
  public static final class Builder extends ImmutableMappings.Builder {
    Builder() {}
  }

  /**
   * Loads mappings from properties (format in docs/mappings.md) and validates them.
   *
   * @throws MappingsInvalidException listing every unknown key, bad value and validation problem
   */
  public static Mappings fromProperties(Properties properties) {
    return MappingsFile.load(properties);
  }

  /** Loads mappings from a {@code .properties} file (UTF-8) and validates them. */
  public static Mappings fromProperties(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return fromProperties(reader);
    }
  }

  /** Loads mappings from {@code .properties} text and validates them. */
  public static Mappings fromProperties(Reader reader) throws IOException {
    Properties p = new Properties();
    p.load(reader);
    return fromProperties(p);
  }

  /** A Centra tax rate (in one country, or any) and the Sage tax code it becomes. */
  @Value.Immutable
  @MappingsStyle
  public abstract static class TaxCodeMapping {
    /** The Centra tax percent (20 for 20 %). */
    @Value.Parameter
    public abstract BigDecimal percent();

    /** The country (ISO 3166 alpha-2) the entry applies to; empty for any. */
    @Value.Parameter
    public abstract Optional<String> country();

    /** The Sage {@code tax_code_id} (the id, not the code). */
    @Value.Parameter
    public abstract long sageTaxCodeId();

    /** An entry for one country, or for any country when {@code country} is null. */
    public static TaxCodeMapping of(BigDecimal percent, String country, long sageTaxCodeId) {
      return ImmutableTaxCodeMapping.of(percent, Optional.ofNullable(country), sageTaxCodeId);
    }
  }

  /** Where the money of one payment method (and currency) goes in Sage. */
  @Value.Immutable
  @MappingsStyle
  public abstract static class PaymentAccounts {
    /** Centra payment method or gateway name ({@code adyen}, {@code klarna}…). */
    public abstract String method();

    /** The currency the entry applies to; empty for any. */
    public abstract Optional<String> currency();

    /** Sage bank account the customer receipts go into until the PSP pays out. */
    public abstract String clearingBank();

    /** Sage bank account the payout lands in. */
    public abstract String currentBank();

    /** Nominal code for PSP fees. */
    public abstract String feesNominal();

    /** Nominal code for differences between expected and paid-out amounts. */
    public abstract String varianceNominal();

    /**
     * Nominal codes by role for the PSP's other bookings: {@code chargebacks} (lost disputes and their
     * reversals), {@code deposit} (security deposit the PSP holds), {@code reserve} (rolling reserve),
     * {@code balanceTransfer} (balance carried between batches or accounts), {@code invoices} (the
     * PSP's own invoices deducted from a payout), {@code corrections} (the PSP's manual corrections).
     * A record type whose treatment needs a role that is not mapped holds its batch with that reason.
     */
    public abstract Map<String, String> nominals();

    /**
     * Treatments of PSP record types that differ from the built-in ones, or that the built-in table
     * does not know: record type → {@code TREATMENT[:nominal or @role][:taxCodeId]}, e.g.
     * {@code DepositCorrection → BALANCE:@deposit}, {@code MiscCosts → FEE:7902:2} (see
     * {@code io.github.centrasage.sync.integration.RecordTreatment}).
     */
    public abstract Map<String, String> recordTypes();

    /**
     * A short tag per PSP account (Adyen merchant account) put before the batch number in Sage
     * references ({@code G800/1}), for accounts that share a clearing bank: each numbers its
     * batches from 1, so batch 800 of two accounts would otherwise share references.
     */
    public abstract Map<String, String> accountTags();

    /** The nominal code of {@code role}: {@code fees} and {@code variance} are the two fields above. */
    public final Optional<String> nominal(String role) {
      switch (role) {
        case "fees": return Optional.of(feesNominal());
        case "variance": return Optional.of(varianceNominal());
        default: return Optional.ofNullable(nominals().get(role));
      }
    }

    /** A builder. */
    public static Builder builder() {
      return new Builder();
    }

    /** Builds a {@link PaymentAccounts}. */
    public static final class Builder extends ImmutablePaymentAccounts.Builder {
      Builder() {}
    }
  }

  /** How Sage customers are chosen for a market's orders. */
  @Value.Immutable
  @MappingsStyle
  public abstract static class CustomerStrategy {
    /** The kinds of strategy. */
    public enum Kind {
      /** Every order of the market goes to one account (such as {@code WEBGBP}). */
      SHARED_ACCOUNT,
      /** One account per shopper, found by e-mail, else created with a generated reference. */
      PER_SHOPPER
    }

    /** The kind. */
    @Value.Parameter
    public abstract Kind kind();

    /** The account reference ({@link Kind#SHARED_ACCOUNT}) or the prefix of generated references ({@link Kind#PER_SHOPPER}). */
    @Value.Parameter
    public abstract String reference();

    /** All orders to one account. */
    public static CustomerStrategy sharedAccount(String accountReference) {
      return ImmutableCustomerStrategy.of(Kind.SHARED_ACCOUNT, accountReference);
    }

    /** One account per shopper; new references are {@code prefix} plus a number, at most 8 characters. */
    public static CustomerStrategy perShopper(String referencePrefix) {
      return ImmutableCustomerStrategy.of(Kind.PER_SHOPPER, referencePrefix);
    }
  }

  /** How Centra discounts reach Sage. */
  public enum DiscountHandling {
    /** Lines carry the discounted unit price. */
    NET_PRICE,
    /** Lines carry list prices; the discount is a separate negative charge line. */
    SEPARATE_LINE
  }
}
