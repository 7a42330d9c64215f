package io.github.centrasage.sage200.model;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A line of a SOP return (2025 R1; fields beyond the known ones go in {@code extraFields}).
 *
 * <p>Usage: {@code SalesReturnLine.builder()…build()}
 */
@Value.Immutable
public interface SalesReturnLine extends LineItem {
  /** JSON {@code id}. */
  OptionalLong id();

  /** JSON {@code line_type}. */
  Optional<String> lineType();

  /** Fields this library does not model yet, kept as read and written back as given. */
  Map<String, Object> extraFields();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SalesReturnLine}; get one from {@link SalesReturnLine#builder()}. */
  final class Builder extends ImmutableSalesReturnLine.Builder {
    Builder() {}
  }
}
