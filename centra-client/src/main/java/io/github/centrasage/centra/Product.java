package io.github.centrasage.centra;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A product with variants and sizes (product → variant → size).
 *
 * <pre>{@code
 * try (Stream<Product> products = centra.catalog().products()) { products.forEach(System.out::println); }
 * }</pre>
 */
@Value.Immutable
public interface Product {
  long id();

  Optional<String> name();

  Optional<String> status();

  /** The product part of the SKU. */
  Optional<String> productNumber();

  Optional<NamedRef> brand();

  Optional<NamedRef> collection();

  Optional<NamedRef> folder();

  Optional<CodeRef> countryOfOrigin();

  Optional<String> harmonizedCommodityCode();

  Optional<String> harmonizedCommodityCodeDescription();

  Optional<Weight> weight();

  List<ProductVariant> variants();
}
