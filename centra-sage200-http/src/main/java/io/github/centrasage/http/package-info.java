/**
 * What the Centra and Sage 200 clients share: the {@link io.github.centrasage.http.ClientFailure}
 * contract their exceptions implement, {@link io.github.centrasage.http.RetrySettings} and the
 * {@link io.github.centrasage.http.Sleeper} they wait with. Everything else of this module is in
 * {@code io.github.centrasage.http.internal} and not for users.
 */
package io.github.centrasage.http;
