SET lock_timeout = '2s';
-- ban-drop-column.
ALTER TABLE bar_tbl DROP COLUMN legacy_col CASCADE; -- expect: column.drop, statement.cascade
-- ban-drop-not-null.
ALTER TABLE bar_tbl ALTER COLUMN foo_col DROP NOT NULL; -- expect: column.drop-not-null
-- ban-drop-table.
DROP TABLE old_reports; -- expect: table.drop
DROP TABLE IF EXISTS audit_log; -- expect: table.drop
-- A table created in the same file is not flagged.
CREATE TABLE scratch (id bigint PRIMARY KEY);
DROP TABLE scratch; -- expect-not: table.drop
-- ban-truncate-cascade.
TRUNCATE orders, order_lines, shipments CASCADE; -- expect: statement.cascade, table.truncate
TRUNCATE order_lines; -- expect: table.truncate; expect-not: statement.cascade
