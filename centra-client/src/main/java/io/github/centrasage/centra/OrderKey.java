package io.github.centrasage.centra;

import java.util.Optional;

/** Shared validation of "order by id or by number" inputs. */
final class OrderKey {
  private OrderKey() {}

  static void checkOneOf(Optional<String> orderId, Optional<Long> orderNumber, String what) {
    if (orderId.isPresent() == orderNumber.isPresent()) {
      throw new IllegalArgumentException(what + ": set exactly one of orderId or orderNumber");
    }
  }
}
