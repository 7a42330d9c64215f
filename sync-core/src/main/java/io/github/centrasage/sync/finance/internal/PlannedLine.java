package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesPostedTransaction;
import io.github.centrasage.sync.finance.PayoutItem;
import io.github.centrasage.sync.integration.RecordTreatment;
import io.github.centrasage.sync.finance.ReconciliationLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** One line of the batch as it will be posted. */
final class PlannedLine {
  int line;
  PayoutItem item;
  RecordTreatment.Rule rule;
  String reference;
  String nominal;
  OptionalLong taxCodeId = OptionalLong.empty();
  Optional<SalesOrder> order = Optional.empty();
  Optional<SalesPostedTransaction> creditNote = Optional.empty();
  Optional<Long> customerId = Optional.empty();
  Optional<BigDecimal> customerValue = Optional.empty();
  Optional<BigDecimal> customerRate = Optional.empty();
  LocalDate date;
  final List<String> postings = new ArrayList<>();
  ReconciliationLine.Status status = ReconciliationLine.Status.POSTED;
  String note = "";

  RecordTreatment treatment() {
    return rule.treatment();
  }
}
