package io.github.centrasage.doctor.internal;

import io.github.centrasage.doctor.DoctorContext;
import io.github.centrasage.sync.catalog.CatalogPublish;
import io.github.centrasage.sync.order.OrderImport;

/** Which parts of the sync the host runs; no flows given means "check for all of them". */
final class Flows {
  private Flows() {}

  static boolean importsOrders(DoctorContext ctx) {
    return ctx.flows().isEmpty() || ctx.flow(OrderImport.class).isPresent();
  }

  static boolean publishesCatalog(DoctorContext ctx) {
    return ctx.flow(CatalogPublish.class).isPresent();
  }
}
