package io.github.centrasage.sync.integration.internal;

import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.integration.MappingsInvalidException;
import io.github.centrasage.sync.integration.Mappings.CustomerStrategy;
import io.github.centrasage.sync.integration.Mappings.DiscountHandling;
import io.github.centrasage.sync.integration.Mappings.PaymentAccounts;
import io.github.centrasage.sync.integration.Mappings.TaxCodeMapping;
import io.github.centrasage.sync.integration.ImmutableMappings;
import io.github.centrasage.sync.integration.ImmutablePaymentAccounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@link Mappings} from properties with dotted keys. Collects every unknown key and bad
 * value, then every validation problem, and reports them together.
 */
public final class MappingsFile {
  private MappingsFile() {}

  public static Mappings load(Properties properties) {
    List<String> problems = new ArrayList<>();
    ImmutableMappings.Builder b = Mappings.builder();
    Map<String, ImmutablePaymentAccounts.Builder> payments = new TreeMap<>();
    Map<String, List<String>> paymentFields = new TreeMap<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      String value = properties.getProperty(key).trim();
      String[] part = key.split("\\.", 3);
      try {
        switch (part[0]) {
          case "currency":
            requireParts(key, part, 2);
            b.putCurrency(part[1], value);
            break;
          case "priceBand":
            if (!value.equalsIgnoreCase("NET") && !value.equalsIgnoreCase("GROSS")) {
              throw new IllegalArgumentException("expected NET (the band excludes VAT) or GROSS (it includes VAT)");
            }
            b.putPriceBandBasis(rest(key, "priceBand."), Mappings.PriceBasis.valueOf(value.toUpperCase(Locale.ROOT)));
            break;
          case "tax": {
            // tax.<country or *>.<percent>: the percent comes last because it may contain a dot
            requireParts(key, part, 3);
            String country = part[1].equals("*") ? null : part[1];
            b.addTaxCode(TaxCodeMapping.of(new BigDecimal(part[2]), country, Long.parseLong(value)));
            break;
          }
          case "payment": {
            // payment.<method>[@<currency>].<field>
            requireParts(key, part, 3);
            String methodKey = part[1];
            ImmutablePaymentAccounts.Builder pb = payments.computeIfAbsent(methodKey, k -> {
              int at = k.indexOf('@');
              return PaymentAccounts.builder()
                  .method(at < 0 ? k : k.substring(0, at))
                  .currency(at < 0 ? Optional.empty() : Optional.of(k.substring(at + 1)));
            });
            paymentFields.computeIfAbsent(methodKey, k -> new ArrayList<>()).add(part[2]);
            if (part[2].startsWith("nominal.")) {
              pb.putNominal(rest(key, "payment." + methodKey + ".nominal."), value);
              break;
            }
            if (part[2].startsWith("recordType.")) {
              String type = rest(key, "payment." + methodKey + ".recordType.");
              io.github.centrasage.sync.integration.RecordTreatment.Rule.parse(value);
              pb.putRecordType(type, value);
              break;
            }
            if (part[2].startsWith("accountTag.")) {
              pb.putAccountTag(rest(key, "payment." + methodKey + ".accountTag."), value);
              break;
            }
            switch (part[2]) {
              case "clearingBank": pb.clearingBank(value); break;
              case "currentBank": pb.currentBank(value); break;
              case "feesNominal": pb.feesNominal(value); break;
              case "varianceNominal": pb.varianceNominal(value); break;
              default: throw new IllegalArgumentException("unknown payment field '" + part[2]
                  + "' (known: clearingBank, currentBank, feesNominal, varianceNominal, nominal.<role>,"
                  + " recordType.<type>, accountTag.<account>)");
            }
            break;
          }
          case "warehouse":
            b.putWarehouse(rest(key, "warehouse."), value);
            break;
          case "customer":
            b.putCustomerStrategy(rest(key, "customer."), strategy(value));
            break;
          case "shipping":
            requireKey(key, "shipping.chargeCode");
            b.shippingChargeCode(value);
            break;
          case "discount":
            if (key.equals("discount.handling")) {
              b.discountHandling(DiscountHandling.valueOf(value.toUpperCase(Locale.ROOT)));
            } else {
              requireKey(key, "discount.chargeCode");
              b.discountChargeCode(value);
            }
            break;
          case "rounding":
            if (key.equals("rounding.tolerance")) {
              b.roundingTolerance(new BigDecimal(value));
            } else {
              requireKey(key, "rounding.nominal");
              b.roundingNominal(value);
            }
            break;
          case "required":
            b.putRequiredFieldDefault(rest(key, "required."), value);
            break;
          case "customerDocument":
            if (key.equals("customerDocument.field")) {
              b.customerDocumentField(value);
            } else {
              requireKey(key, "customerDocument.prefix");
              b.customerDocumentPrefix(value);
            }
            break;
          case "buffer":
            if (key.equals("buffer.default")) {
              b.defaultSafetyBuffer(Long.parseLong(value));
            } else if (key.startsWith("buffer.warehouse.")) {
              b.putWarehouseSafetyBuffer(rest(key, "buffer.warehouse."), Long.parseLong(value));
            } else if (key.startsWith("buffer.sku.")) {
              b.putSkuSafetyBuffer(rest(key, "buffer.sku."), Long.parseLong(value));
            } else {
              throw new IllegalArgumentException("unknown key (known: buffer.default, buffer.warehouse.<w>, buffer.sku.<sku>)");
            }
            break;
          default:
            throw new IllegalArgumentException("unknown key");
        }
      } catch (IllegalArgumentException e) { // NumberFormatException included
        problems.add(key + " = " + value + ": " + (e instanceof NumberFormatException ? "not a number" : e.getMessage()));
      }
    }
    payments.forEach((methodKey, pb) -> {
      List<String> missing = new ArrayList<>(List.of("clearingBank", "currentBank", "feesNominal", "varianceNominal"));
      missing.removeAll(paymentFields.get(methodKey));
      // nominal.*, recordType.* and accountTag.* are optional.
      if (missing.isEmpty()) {
        b.addPaymentAccount(pb.build());
      } else {
        problems.add("payment." + methodKey + " lacks " + String.join(", ", missing));
      }
    });
    Mappings mappings = b.build();
    problems.addAll(mappings.validate());
    if (!problems.isEmpty()) {
      throw new MappingsInvalidException(problems);
    }
    return mappings;
  }

  private static CustomerStrategy strategy(String value) {
    int colon = value.indexOf(':');
    String kind = colon < 0 ? "" : value.substring(0, colon).trim();
    String reference = colon < 0 ? "" : value.substring(colon + 1).trim();
    switch (kind) {
      case "account": return CustomerStrategy.sharedAccount(reference);
      case "shopper": return CustomerStrategy.perShopper(reference);
      default: throw new IllegalArgumentException("expected account:<reference> or shopper:<prefix>");
    }
  }

  private static void requireParts(String key, String[] part, int n) {
    if (part.length < n || part[n - 1].isEmpty()) {
      throw new IllegalArgumentException("malformed key");
    }
  }

  private static void requireKey(String key, String expected) {
    if (!key.equals(expected)) {
      throw new IllegalArgumentException("unknown key (did you mean " + expected + "?)");
    }
  }

  private static String rest(String key, String prefix) {
    String rest = key.substring(prefix.length());
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("malformed key");
    }
    return rest;
  }
}
