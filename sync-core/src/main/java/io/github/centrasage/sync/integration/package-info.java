/**
 * What the Centra↔Sage flows share: the {@link io.github.centrasage.sync.integration.Integration}
 * (both clients, the state store, the mappings), the {@link io.github.centrasage.sync.integration.Mappings}
 * and the store's {@link io.github.centrasage.sync.integration.StoreIdentity}.
 */
package io.github.centrasage.sync.integration;
