/**
 * Order import: Centra orders become exactly one Sage 200 sales order each ({@link
 * io.github.centrasage.sync.order.OrderImport}).
 */
package io.github.centrasage.sync.order;
