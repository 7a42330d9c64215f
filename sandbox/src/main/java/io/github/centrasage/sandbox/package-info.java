/**
 * Stateful emulators of the Centra and Sage 200 APIs with fault injection, for tests, demos and benchmarks.
 */
package io.github.centrasage.sandbox;
