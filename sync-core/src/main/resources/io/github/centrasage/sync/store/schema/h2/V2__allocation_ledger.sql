-- centra-sage200 JDBC state store, schema version 2 for H2 2.x: the allocation ledger (what Sage holds for open Centra orders, per SKU and warehouse).
-- JdbcSyncStateStore applies this by default; Flyway and Liquibase can apply it as it is.
-- Never edit a released version: add the next one. Every statement can run twice.

CREATE TABLE IF NOT EXISTS sync_allocation (
  order_ref VARCHAR(200) NOT NULL,
  sku VARCHAR(200) NOT NULL,
  warehouse VARCHAR(200) NOT NULL,
  recorded NUMERIC(19, 6) NOT NULL,
  released NUMERIC(19, 6) NOT NULL,
  PRIMARY KEY (order_ref, sku, warehouse)
);

CREATE INDEX IF NOT EXISTS sync_allocation_sku ON sync_allocation (warehouse, sku);

CREATE TABLE IF NOT EXISTS sync_allocation_release (
  order_ref VARCHAR(200) NOT NULL,
  release_id VARCHAR(200) NOT NULL,
  sku VARCHAR(200) NOT NULL,
  warehouse VARCHAR(200) NOT NULL,
  quantity NUMERIC(19, 6) NOT NULL,
  released_at TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (order_ref, release_id, sku, warehouse)
);
