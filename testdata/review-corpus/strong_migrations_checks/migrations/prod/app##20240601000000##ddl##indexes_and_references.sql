SET lock_timeout = '5s';
-- Adding an index non-concurrently blocks writes.
CREATE INDEX index_users_on_handle ON users (handle); -- expect: index.require-concurrently
CREATE INDEX CONCURRENTLY index_users_on_display_name ON users (display_name); -- expect-not: index.require-concurrently
-- Adding a reference: column, index and foreign key.
ALTER TABLE orders ADD COLUMN project_id bigint; -- expect-not: constraint.fk-require-not-valid
CREATE INDEX index_orders_on_project_id ON orders (project_id); -- expect: index.require-concurrently
ALTER TABLE orders ADD COLUMN owner_id bigint REFERENCES users (id); -- expect: constraint.fk-require-not-valid
CREATE INDEX CONCURRENTLY index_orders_on_owner_id ON orders (owner_id); -- expect-not: index.require-concurrently
ALTER TABLE orders ADD CONSTRAINT orders_project_fk FOREIGN KEY (project_id) REFERENCES initiatives (id) NOT VALID; -- expect-not: constraint.fk-require-not-valid
-- Keep non-unique indexes to three columns.
CREATE INDEX CONCURRENTLY orders_search_idx ON orders (customer_id, status, region, placed_at); -- expect: index.max-columns
CREATE INDEX CONCURRENTLY orders_search3_idx ON orders (customer_id, status, placed_at); -- expect-not: index.max-columns
CREATE UNIQUE INDEX CONCURRENTLY orders_uniq4_idx ON orders (customer_id, status, region, placed_at); -- expect-not: index.max-columns
