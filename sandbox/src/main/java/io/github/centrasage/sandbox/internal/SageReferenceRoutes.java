package io.github.centrasage.sandbox.internal;

import static io.github.centrasage.sandbox.internal.Rows.row;

import java.util.List;

/**
 * Reference data a sync reads and never writes: the site list, tax codes, currencies, nominal
 * codes, price bands and couriers (seeded by {@link SageSeed}).
 */
final class SageReferenceRoutes extends SageRoutes {
  SageReferenceRoutes(SageState state) {
    super(state);
  }

  @Override
  void register(SageRouter router) {
    // The one call made before a site is chosen: the emulator checks only the bearer token for it.
    router.get("/sites", (rq, id) -> ok(List.of(row("company_id", state.companyId, "company_name", "Sandbox Fashion Ltd",
        "site_id", state.siteId, "site_name", "Sandbox", "site_short_name", "sandbox"))));
    table(router, "tax_codes", state.taxCodes, "tax code");
    table(router, "currencies", state.currencies, "currency");
    table(router, "nominal_codes", state.nominalCodes, "nominal code");
    table(router, "price_bands", state.priceBands, "price band");
    // courier (general.json); the seed's courier code is the sandbox's own key, not a field Sage sends
    router.get("/couriers", (rq, id) -> listOnly(rq, state.couriers.values(), java.util.Set.of("id", "name",
        "tracking_url", "website", "is_default", "is_to_delete", "date_time_created", "date_time_updated")));
  }
}
