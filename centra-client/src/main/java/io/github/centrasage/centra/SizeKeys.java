package io.github.centrasage.centra;

import java.util.Optional;

/** Shared validation of "size by id or by name" inputs. */
final class SizeKeys {
  private SizeKeys() {}

  static void checkOneOf(Optional<Long> sizeId, Optional<String> sizeName, String what) {
    if (sizeId.isPresent() == sizeName.isPresent()) {
      throw new IllegalArgumentException(what + ": set exactly one of sizeId or sizeName");
    }
    if (sizeName.isPresent() && sizeName.get().isBlank()) {
      throw new IllegalArgumentException(what + ": sizeName must not be blank");
    }
  }
}
