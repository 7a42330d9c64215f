package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.sync.integration.Mappings;
import java.math.BigDecimal;
import java.util.Optional;

/** Resolved accounts of a batch. */
final class PayoutAccounts {
  long clearingBankId;
  long currentBankId;
  Mappings.PaymentAccounts names;
  long currencyId;
  boolean baseCurrency = true;
  Optional<BigDecimal> bankRate = Optional.empty();
  String prefix;
}
