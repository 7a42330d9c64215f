/**
 * Scenario benchmarks and JMH micro-benchmarks comparing the library with a naive integration.
 */
package io.github.centrasage.benchmarks;
