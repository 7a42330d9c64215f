package io.github.centrasage.sync.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;

/** A class the store needs and the classpath lacks is named with the dependency to add, not a raw NoClassDefFoundError. */
class EmbeddedH2WithoutDriverTest {
  @Test
  void aMissingDriverClassFailsWithTheDependencyToAdd() {
    assertThatThrownBy(() -> JdbcSyncStateStore.requireClass("org.h2.jdbcx.NoSuchPool", "add com.h2database:h2"))
        .isInstanceOf(IllegalStateException.class).hasMessage("add com.h2database:h2")
        .hasCauseInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void thePresentDriverPasses() {
    assertThatNoException().isThrownBy(() -> JdbcSyncStateStore.requireClass("org.h2.jdbcx.JdbcConnectionPool", "unused"));
  }
}
