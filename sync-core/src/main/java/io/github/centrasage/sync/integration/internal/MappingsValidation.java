package io.github.centrasage.sync.integration.internal;

import io.github.centrasage.sync.integration.Mappings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks behind {@link Mappings#validate()}: every problem, in a stable order. */
public final class MappingsValidation {
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  /** Sage 200 limits customer account references and nominal codes to 8 characters. */
  private static final int SAGE_REFERENCE_MAX = 8;
  /** Leaves at least 3 digits for the running number of a generated customer reference. */
  private static final int SHOPPER_PREFIX_MAX = 5;
  /** Sage's customer_document_no holds 30 characters; Centra order numbers need room after the prefix. */
  private static final int DOCUMENT_PREFIX_MAX = 10;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private MappingsValidation() {}

  public static List<String> problems(Mappings m) {
    List<String> p = new ArrayList<>();
    m.currencies().forEach((iso, sage) -> {
      if (!CURRENCY.matcher(iso).matches()) {
        p.add("currency '" + iso + "' is not an ISO 4217 code (three capital letters)");
      }
      if (sage.isBlank()) {
        p.add("currency " + iso + " maps to a blank Sage currency");
      }
    });
    Set<String> taxKeys = new HashSet<>();
    for (Mappings.TaxCodeMapping t : m.taxCodes()) {
      String where = t.country().orElse("any country");
      if (t.percent().signum() < 0 || t.percent().compareTo(HUNDRED) > 0) {
        p.add("tax rate " + t.percent().toPlainString() + "% (" + where + ") is not between 0 and 100");
      }
      t.country().filter(c -> !COUNTRY.matcher(c).matches())
          .ifPresent(c -> p.add("tax country '" + c + "' is not an ISO 3166 alpha-2 code"));
      if (!taxKeys.add(t.percent().stripTrailingZeros().toPlainString() + "@" + where)) {
        p.add("tax rate " + t.percent().toPlainString() + "% (" + where + ") is mapped twice");
      }
    }
    Set<String> paymentKeys = new HashSet<>();
    for (Mappings.PaymentAccounts a : m.paymentAccounts()) {
      String name = "payment " + a.method() + a.currency().map(c -> "@" + c).orElse("");
      if (a.method().isBlank()) {
        p.add("a payment mapping has a blank method");
      }
      a.currency().ifPresent(c -> {
        if (!m.currencies().containsKey(c)) {
          p.add(name + ": currency " + c + " has no currency mapping");
        }
      });
      if (!paymentKeys.add(name)) {
        p.add(name + " is mapped twice");
      }
      requireReference(p, name + ".clearingBank", a.clearingBank());
      requireReference(p, name + ".currentBank", a.currentBank());
      requireReference(p, name + ".feesNominal", a.feesNominal());
      requireReference(p, name + ".varianceNominal", a.varianceNominal());
    }
    Map<String, String> sageToCentra = new HashMap<>();
    m.warehouses().forEach((centra, sage) -> {
      if (centra.isBlank() || sage.isBlank()) {
        p.add("warehouse mapping '" + centra + "' → '" + sage + "' has a blank side");
      }
      String other = sageToCentra.put(sage, centra);
      if (other != null) {
        p.add("Sage warehouse " + sage + " is mapped from two Centra warehouses (" + other + ", " + centra
            + "); stock could not be published back unambiguously");
      }
    });
    m.customerStrategies().forEach((market, strategy) -> {
      if (strategy.kind() == Mappings.CustomerStrategy.Kind.SHARED_ACCOUNT) {
        requireReference(p, "customer account of market " + market, strategy.reference());
      } else if (strategy.reference().isBlank() || strategy.reference().length() > SHOPPER_PREFIX_MAX) {
        p.add("customer reference prefix of market " + market + " must be 1 to " + SHOPPER_PREFIX_MAX
            + " characters so generated references fit Sage's 8, was '" + strategy.reference() + "'");
      }
    });
    m.shippingChargeCode().filter(String::isBlank).ifPresent(x -> p.add("shipping charge code is blank"));
    if (m.discountHandling() == Mappings.DiscountHandling.SEPARATE_LINE
        && m.discountChargeCode().filter(c -> !c.isBlank()).isEmpty()) {
      p.add("discount handling SEPARATE_LINE needs a discount charge code");
    }
    if (m.roundingTolerance().signum() < 0) {
      p.add("rounding tolerance must not be negative, was " + m.roundingTolerance().toPlainString());
    }
    if (m.roundingTolerance().signum() > 0 && m.roundingNominal().isEmpty()) {
      p.add("rounding tolerance " + m.roundingTolerance().toPlainString() + " needs a rounding nominal code");
    }
    m.roundingNominal().ifPresent(n -> requireReference(p, "rounding nominal", n));
    m.requiredFieldDefaults().forEach((field, value) -> {
      if (field.isBlank() || value.isBlank()) {
        p.add("required field default '" + field + "' = '" + value + "' has a blank side");
      }
    });
    if (m.customerDocumentField().isBlank()) {
      p.add("customer document field is blank");
    }
    if (m.customerDocumentPrefix().length() > DOCUMENT_PREFIX_MAX) {
      p.add("customer document prefix '" + m.customerDocumentPrefix() + "' is longer than " + DOCUMENT_PREFIX_MAX
          + " characters; Sage keeps 30 in all");
    }
    if (m.defaultSafetyBuffer() < 0) {
      p.add("default safety buffer must not be negative, was " + m.defaultSafetyBuffer());
    }
    m.warehouseSafetyBuffers().forEach((wh, b) -> {
      if (b < 0) {
        p.add("safety buffer of warehouse " + wh + " must not be negative, was " + b);
      }
      if (!m.warehouses().containsKey(wh)) {
        p.add("safety buffer names warehouse " + wh + ", which has no warehouse mapping");
      }
    });
    m.skuSafetyBuffers().forEach((sku, b) -> {
      if (b < 0) {
        p.add("safety buffer of SKU " + sku + " must not be negative, was " + b);
      }
    });
    return p;
  }

  private static void requireReference(List<String> p, String what, String value) {
    if (value.isBlank()) {
      p.add(what + " is blank");
    } else if (value.length() > SAGE_REFERENCE_MAX) {
      p.add(what + " '" + value + "' is longer than Sage's " + SAGE_REFERENCE_MAX + " characters");
    }
  }
}
