package io.github.centrasage.sandbox;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that injects a fresh {@link CentraSandbox} and/or {@link Sage200Sandbox} into
 * test methods (and constructors or lifecycle methods), seeded with the same catalogue and sharing
 * one {@link SandboxClock}, and closes them when the test (or class, for {@code @BeforeAll}) ends.
 *
 * <pre>{@code
 * @ExtendWith(SandboxExtension.class)
 * class OrderImportTest {
 *   @Test void importsOnce(CentraSandbox centra, Sage200Sandbox sage) { … }
 * }
 * }</pre>
 */
public final class SandboxExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == CentraSandbox.class || type == Sage200Sandbox.class || type == SandboxClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    ExtensionContext.Store store = extensionContext.getStore(NAMESPACE);
    SandboxClock clock = store.getOrComputeIfAbsent("clock", k -> SandboxClock.startingAt(SandboxClock.DEFAULT_START),
        SandboxClock.class);
    Class<?> type = parameterContext.getParameter().getType();
    if (type == SandboxClock.class) {
      return clock;
    }
    if (type == CentraSandbox.class) {
      return store.getOrComputeIfAbsent("centra",
          k -> new Closing<>(CentraSandbox.start(CentraSandbox.options().clock(clock))), Closing.class).sandbox;
    }
    if (type == Sage200Sandbox.class) {
      return store.getOrComputeIfAbsent("sage",
          k -> new Closing<>(Sage200Sandbox.start(Sage200Sandbox.options().clock(clock))), Closing.class).sandbox;
    }
    throw new ParameterResolutionException("SandboxExtension cannot supply a " + type.getName());
  }

  /** Closes a sandbox when JUnit discards the store it lives in. */
  private static final class Closing<T extends AutoCloseable> implements ExtensionContext.Store.CloseableResource {
    final T sandbox;

    Closing(T sandbox) {
      this.sandbox = sandbox;
    }

    @Override
    public void close() throws Exception {
      sandbox.close();
    }
  }
}
