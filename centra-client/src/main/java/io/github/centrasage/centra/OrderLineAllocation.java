package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where Centra allocated units of an order line: a quantity from one warehouse (Centra's
 * {@code Allocation}, read as {@code lines { allocations { quantity warehouse { id name } } }}). A line
 * allocated from two warehouses has two; a line Centra has not allocated has none.
 *
 * <pre>{@code
 * line.allocations().forEach(a -> System.out.println(a.quantity() + " from " + a.warehouse().map(NamedRef::id)));
 * }</pre>
 */
@Value.Immutable
public interface OrderLineAllocation {
  int quantity();

  /** The warehouse the units are allocated from. */
  Optional<NamedRef> warehouse();
}
