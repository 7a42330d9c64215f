/**
 * The sync engine: runs flows over a durable store, with retries, parking, leases and status. It
 * knows no vendor; the Centra↔Sage flows live in the sibling packages and reach their clients
 * through an {@link io.github.centrasage.sync.integration.Integration}.
 */
package io.github.centrasage.sync;
