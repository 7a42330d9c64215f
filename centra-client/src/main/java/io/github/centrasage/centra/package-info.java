/**
 * Typed client for the Centra GraphQL Integration API: build one {@code CentraClient} and share it across threads.
 */
package io.github.centrasage.centra;
