package io.github.centrasage.doctor.internal;

import io.github.centrasage.doctor.DoctorCheck;
import io.github.centrasage.doctor.DoctorContext;
import io.github.centrasage.sync.integration.StoreIdentity;
import io.github.centrasage.sync.store.SyncStateStore;
import java.util.List;
import java.util.Optional;

/** The store belongs to the Centra tenant and Sage site/company the clients point at. */
public final class IdentityCheck implements DoctorCheck {
  @Override
  public String name() {
    return "identity";
  }

  @Override
  public void run(DoctorContext ctx) {
    Optional<SyncStateStore> store = ctx.store();
    if (store.isEmpty()) {
      ctx.info("identity.store.not-given", "no state store was given, so the store's identity was not checked");
      return;
    }
    ctx.checked();
    StoreIdentity current = StoreIdentity.of(ctx.centra(), ctx.sage());
    Optional<StoreIdentity> recorded = StoreIdentity.recorded(store.get());
    if (recorded.isEmpty()) {
      ctx.info("identity.store.unclaimed", "the store records no Centra tenant or Sage company yet; the first"
          + " Integration built on it records " + describe(current));
      return;
    }
    List<String> differences = recorded.get().differences(current);
    if (differences.isEmpty()) {
      ctx.info("identity.store.matches", "the store belongs to " + describe(recorded.get()));
      return;
    }
    ctx.error("identity.store.other-system", "the store belongs to another system: " + String.join("; ", differences),
        "point the application at the store made for this tenant and company (or a new, empty one): a store"
            + " reused from a test company skips every order its cursors and bindings think are done");
  }

  private static String describe(StoreIdentity id) {
    return "Centra " + id.centraBaseUrl().orElse("?") + ", Sage site " + id.sageSiteId().orElse("?") + " company "
        + id.sageCompanyId().orElse("?");
  }
}
