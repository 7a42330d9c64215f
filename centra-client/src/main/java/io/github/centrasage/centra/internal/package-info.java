/** Implementation of the Centra client: transport, JSON, retries, paging. Not a public API. */
@CentraValueStyle
package io.github.centrasage.centra.internal;
