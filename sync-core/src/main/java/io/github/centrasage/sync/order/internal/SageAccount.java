package io.github.centrasage.sync.order.internal;

import java.util.OptionalLong;

/** The Sage customer account an order goes to: id, reference and (if Sage reported it) currency. */
public record SageAccount(long id, String reference, OptionalLong currencyId) {}
