package io.github.centrasage.centra;

/**
 * Centra's store types. {@code UNRECOGNIZED} stands for a value this library does not know yet.
 *
 * <pre>{@code
 * OrderQuery.builder().storeType(StoreType.DIRECT_TO_CONSUMER)
 * }</pre>
 */
public enum StoreType {
  DIRECT_TO_CONSUMER,
  WHOLESALE,
  UNRECOGNIZED
}
