SET lock_timeout = '2s';
SET search_path TO tenant_acme, public;
CREATE INDEX orders_plan_id_idx ON orders (plan_id); -- expect: index.require-concurrently
ALTER TABLE orders ADD COLUMN coupon_code text; -- expect-not: transaction.require-lock-timeout, column.add-required
SET search_path TO tenant_globex, public;
-- tenant_globex.orders came from the CREATE SCHEMA elements of the earlier file.
CREATE INDEX orders_plan_id_idx ON orders (plan_id); -- expect: index.require-concurrently
ALTER TABLE orders ADD CONSTRAINT orders_plan_fk FOREIGN KEY (plan_id) REFERENCES plans (id); -- expect: constraint.fk-require-not-valid
SET search_path TO DEFAULT;
-- back to "$user", public: orders is no table here, plans is public.plans
CREATE INDEX plans_id_name_idx ON plans (id, name); -- expect: index.require-concurrently
-- a new tenant onboarded in the same file: its tables are new
CREATE SCHEMA IF NOT EXISTS tenant_initech;
CREATE TABLE tenant_initech.orders (LIKE tenant_acme.orders INCLUDING ALL);
SET search_path = tenant_initech;
CREATE INDEX orders_plan_id_idx ON orders (plan_id); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
ALTER TABLE orders ADD COLUMN coupon_code text NOT NULL; -- expect-not: column.add-required
ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0); -- expect-not: constraint.check-require-not-valid
