/**
 * The sync engine that keeps Centra and Sage 200 consistent: flows, mappings, retries and the state store they share.
 */
package io.github.centrasage.sync;
