/**
 * An embeddable operations page and JSON status API for a running sync engine.
 */
package io.github.centrasage.dashboard;
