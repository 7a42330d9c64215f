package io.github.centrasage.sync.integration;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What {@code SettlementPosting} does with one kind of PSP record. Every line's record type
 * resolves to a treatment: from the mappings ({@code payment.<psp>.recordType.<Type>}) first, then
 * from the built-in table of Adyen's documented types ({@link #adyenDefault}). A record type neither
 * knows <b>holds its batch</b> (the job parks with the type and the line), so an unexpected booking
 * is never guessed into fees.
 *
 * <p>Usage: {@code payment.adyen.recordType.MiscCosts = FEE:7902:2} in the mappings file.
 */
public enum RecordTreatment {
  /** A payment: a sales receipt to the order's customer, allocated to the order's invoice. */
  RECEIPT,
  /** A refund: a sales payment to the customer, allocated to its credit note (modification merchant reference). */
  REFUND,
  /** A refund taken back: a sales receipt to the customer, allocated against the refund it reverses. */
  REFUND_REVERSAL,
  /** A lost dispute: a bank payment to the {@code chargebacks} nominal; open until a reversal pairs with it. */
  CHARGEBACK,
  /** A won dispute: a bank receipt to the {@code chargebacks} nominal, paired with the chargeback. */
  CHARGEBACK_REVERSAL,
  /** A PSP cost: part of the payout's one fee payment, on the rule's nominal (default fees) and tax code. */
  FEE,
  /** A balance-sheet movement (deposit, reserve, balance transfer, the PSP's invoice, a correction) to the rule's nominal. */
  BALANCE,
  /** The payout itself (the amount transferred from the clearing bank to the current bank). */
  PAYOUT,
  /** Money from the current bank back into the PSP balance: a returned payout, a pay-in. A bank transfer current → clearing. */
  TRANSFER_IN;

  private static final Map<String, Rule> ADYEN = new TreeMap<>();

  static {
    // Record types of Adyen's Settlement details report ("Type" column); docs/finance.md names the source of each.
    // InternalCompanyPayout (split settlements) is left out on purpose: a site that has it maps it.
    for (String t : new String[] {"Settled", "SettledBulk", "SettledInstallment", "SettledExternally",
        "SettledExternallyWithInfo", "SettledInInstallments"}) {
      ADYEN.put(t, new Rule(RECEIPT, Optional.empty(), OptionalLong.empty()));
    }
    for (String t : new String[] {"Refunded", "RefundedBulk", "RefundedInstallment", "RefundedExternally",
        "RefundedExternallyWithInfo", "RefundedInInstallments", "PaidOut"}) {
      ADYEN.put(t, new Rule(REFUND, Optional.empty(), OptionalLong.empty()));
    }
    ADYEN.put("RefundedReversed", new Rule(REFUND_REVERSAL, Optional.empty(), OptionalLong.empty()));
    ADYEN.put("PaidOutReversed", new Rule(REFUND_REVERSAL, Optional.empty(), OptionalLong.empty()));
    for (String t : new String[] {"Chargeback", "SecondChargeback", "ChargebackExternally",
        "ChargebackExternallyWithInfo"}) {
      ADYEN.put(t, new Rule(CHARGEBACK, Optional.of("@chargebacks"), OptionalLong.empty()));
    }
    for (String t : new String[] {"ChargebackReversed", "ChargebackReversedExternallyWithInfo"}) {
      ADYEN.put(t, new Rule(CHARGEBACK_REVERSAL, Optional.of("@chargebacks"), OptionalLong.empty()));
    }
    for (String t : new String[] {"Fee", "MiscCosts", "PaymentCost", "AuthorisationSchemeFee"}) {
      ADYEN.put(t, new Rule(FEE, Optional.of("@fees"), OptionalLong.empty()));
    }
    ADYEN.put("InvoiceDeduction", new Rule(BALANCE, Optional.of("@invoices"), OptionalLong.empty()));
    ADYEN.put("DepositCorrection", new Rule(BALANCE, Optional.of("@deposit"), OptionalLong.empty()));
    ADYEN.put("ReserveAdjustment", new Rule(BALANCE, Optional.of("@reserve"), OptionalLong.empty()));
    ADYEN.put("Balancetransfer", new Rule(BALANCE, Optional.of("@balanceTransfer"), OptionalLong.empty()));
    ADYEN.put("ManualCorrected", new Rule(BALANCE, Optional.of("@corrections"), OptionalLong.empty()));
    ADYEN.put("MerchantPayout", new Rule(PAYOUT, Optional.empty(), OptionalLong.empty()));
    for (String t : new String[] {"BankInstructionReturned", "MerchantPayin", "MatchedStatement"}) {
      ADYEN.put(t, new Rule(TRANSFER_IN, Optional.empty(), OptionalLong.empty()));
    }
  }

  /** The built-in rule of an Adyen record type, if Adyen documents it. */
  public static Optional<Rule> adyenDefault(String recordType) {
    return Optional.ofNullable(ADYEN.get(recordType));
  }

  /** Every built-in Adyen record type and its rule, by name. */
  public static Map<String, Rule> adyenDefaults() {
    return java.util.Collections.unmodifiableMap(ADYEN);
  }

  /**
   * A record type's treatment with its nominal (a Sage nominal code, or {@code @role} for one of
   * {@link io.github.centrasage.sync.integration.Mappings.PaymentAccounts#nominal(String)}) and tax code id.
   *
   * @param treatment what to post
   * @param nominal the nominal code or {@code @role}; empty where the treatment has no nominal
   * @param taxCodeId the Sage tax code id of the posting; empty takes the options' default for the treatment
   */
  public record Rule(RecordTreatment treatment, Optional<String> nominal, OptionalLong taxCodeId) {
    /**
     * Parses {@code TREATMENT[:nominal or @role][:taxCodeId]}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Rule parse(String text) {
      String[] part = text.trim().split(":", -1);
      RecordTreatment treatment;
      try {
        treatment = RecordTreatment.valueOf(part[0].trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown treatment '" + part[0] + "' (known: "
            + java.util.Arrays.toString(RecordTreatment.values()) + ")");
      }
      if (part.length > 3) {
        throw new IllegalArgumentException("expected TREATMENT[:nominal or @role][:taxCodeId], was '" + text + "'");
      }
      Optional<String> nominal = part.length > 1 && !part[1].isBlank() ? Optional.of(part[1].trim()) : Optional.empty();
      OptionalLong tax = OptionalLong.empty();
      if (part.length > 2 && !part[2].isBlank()) {
        try {
          tax = OptionalLong.of(Long.parseLong(part[2].trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("tax code id '" + part[2] + "' is not a number");
        }
      }
      if ((treatment == FEE || treatment == BALANCE || treatment == CHARGEBACK || treatment == CHARGEBACK_REVERSAL)
          && nominal.isEmpty()) {
        nominal = Optional.of(treatment == FEE ? "@fees" : treatment == BALANCE ? "@corrections" : "@chargebacks");
      }
      return new Rule(treatment, nominal, tax);
    }
  }
}
