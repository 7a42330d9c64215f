package io.github.centrasage.centra;

/**
 * What happens to returned items' stock.
 *
 * <pre>{@code
 * CreateReturnRequest.builder().stockAction(ReturnStockAction.REMOVE_FROM_STOCK)
 * }</pre>
 */
public enum ReturnStockAction {
  RELEASE_BACK_TO_WAREHOUSE,
  REMOVE_FROM_STOCK
}
