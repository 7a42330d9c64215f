package io.github.centrasage.sync.finance.internal;

import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.Sage200NotFoundException;

/** Whether a Sage site has {@code sop_returns}: sites before 2025 R1 answer 404 to any read of it. */
public final class SopReturnProbe {
  private SopReturnProbe() {}

  public static boolean supported(Sage200Client sage) {
    try {
      sage.salesReturns().list(ODataQuery.builder().top(1).build());
      return true;
    } catch (Sage200NotFoundException e) {
      return false;
    }
  }
}
