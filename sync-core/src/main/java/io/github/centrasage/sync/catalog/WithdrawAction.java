package io.github.centrasage.sync.catalog;

/**
 * What {@link CatalogPublish} does when Sage stops saying a Centra size may be sold at its price: a
 * deleted or inactive Sage item ({@link CatalogPublishOptions#withdrawnItemAction()}) or a price
 * removed from a mapped band ({@link CatalogPublishOptions#missingPriceAction()}). Either way the
 * case is logged at WARN when the action is taken, never passed over in silence.
 *
 * <p>Usage: {@code CatalogPublishOptions.builder().missingPriceAction(WithdrawAction.DEACTIVATE).build()}
 */
public enum WithdrawAction {
  /**
   * Stop selling: the Centra size is set inactive ({@code updateProductSize} with
   * {@code isActive: false}), and the product is set to the inactive status when none of its
   * linked sizes may be sold any more.
   */
  DEACTIVATE,
  /** Write nothing for the product and park its jobs with the reason, for a person to decide. */
  PARK
}
