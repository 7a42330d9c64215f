package io.github.centrasage.sage200;

import io.github.centrasage.sage200.internal.SageTransport;
import io.github.centrasage.sage200.model.Product;
import java.util.List;
import java.util.Optional;

/**
 * Stock items ({@code products}).
 *
 * <p>Usage: {@code client.products().findByCode("TSHIRT-M")}
 */
public final class Products extends SageResource<Product> {

  Products(SageTransport transport) {
    super(transport, List.of("products"), Product.class, "id", Product::id);
  }

  /** The product with this code, if any. */
  public Optional<Product> findByCode(String code) {
    return list(ODataQuery.builder().filter(ODataFilter.eq("code", code)).top(2).build()).stream().findFirst();
  }
}
