/**
 * Runnable examples: the end-to-end demo and small wiring samples to copy.
 */
package io.github.centrasage.examples;
