package io.github.centrasage.testing.store;

import io.github.centrasage.sync.spi.EngineStore;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.testing.JobQueueContract;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The engine's part of the contract over a store that is an {@link EngineStore} and nothing more
 * (the in-memory store behind that interface alone, so no test can reach bindings or the ledger):
 * what a store of the engine alone extends to prove itself.
 */
class EngineOnlyStoreContractTest extends JobQueueContract<EngineStore> {
  @Override
  protected EngineStore newStore() {
    InMemorySyncStateStore store = new InMemorySyncStateStore(clock());
    return (EngineStore) Proxy.newProxyInstance(EngineStore.class.getClassLoader(), new Class<?>[] {EngineStore.class},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return "toString".equals(method.getName()) ? "EngineOnly(" + store + ")"
                : "hashCode".equals(method.getName()) ? System.identityHashCode(proxy) : proxy == args[0];
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
