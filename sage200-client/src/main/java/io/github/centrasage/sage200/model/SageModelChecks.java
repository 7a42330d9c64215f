package io.github.centrasage.sage200.model;

import java.util.Collection;
import java.util.Set;

/** Checks the models run when built, so bad input fails here with a clear message, not at Sage. */
final class SageModelChecks {
  static final String STANDARD = "EnumLineTypeStandard";
  static final String FREE_TEXT = "EnumLineTypeFreeText";
  static final String CHARGE = "EnumLineTypeCharge";
  static final String COMMENT = "EnumLineTypeComment";
  private static final Set<String> LINE_TYPES = Set.of(STANDARD, FREE_TEXT, CHARGE, COMMENT);

  private SageModelChecks() {}

  static void maxLength(String type, String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new IllegalStateException(
          type + "." + field + " is at most " + max + " characters in Sage 200, was " + value.length());
    }
  }

  static void notEmpty(String type, String field, Collection<?> values) {
    if (values.isEmpty()) {
      throw new IllegalStateException(type + "." + field + " needs at least one entry");
    }
  }

  static void checkLine(NewSalesOrderLine line) {
    checkLine("NewSalesOrderLine", "sales order", line.lineType(), line);
  }

  /** The rules every SOP line to create follows, order or return: {@code owner} names the type in messages. */
  static void checkLine(String owner, String document, String type, LineItem line) {
    if (!LINE_TYPES.contains(type)) {
      throw new IllegalStateException(owner + ".line_type must be one of " + LINE_TYPES + ", was " + type);
    }
    if (type.equals(STANDARD) && (line.productId().isEmpty() || line.warehouseId().isEmpty())) {
      throw new IllegalStateException("a standard " + document + " line needs product_id and warehouse_id");
    }
    if ((type.equals(FREE_TEXT) || type.equals(COMMENT)) && line.description().isEmpty()) {
      throw new IllegalStateException("a " + type + " line needs a description");
    }
    if (type.equals(CHARGE) && line.code().isEmpty() && line.description().isEmpty()) {
      throw new IllegalStateException("a charge line needs a code or a description");
    }
  }
}
