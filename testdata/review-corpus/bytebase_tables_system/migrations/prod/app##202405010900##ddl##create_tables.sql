-- Table conventions, comments and system allowlists.
CREATE TABLE public.customers ( -- expect-not: table.comment, column.comment, table.no-foreign-key, table.disallow-partition, system.collation.allowlist
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL DEFAULT ''
);
COMMENT ON TABLE public.customers IS 'People who placed at least one order'; -- expect-not: table.comment, system.comment.length
COMMENT ON COLUMN public.customers.email IS 'Login and contact address'; -- expect-not: column.comment, system.comment.length
COMMENT ON COLUMN customers.name -- expect: column.comment, system.comment.length
  IS 'Full name as typed by the customer at checkout, including titles, initials and any suffixes';
CREATE TABLE public.orders ( -- expect: table.no-foreign-key; expect-not: table.comment
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES public.customers (id),
  placed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE public.orders IS 'Orders placed by customers through the web shop, the mobile app and the call centre'; -- expect: system.comment.length; expect-not: table.comment
-- The last comment on a table counts (as in Bytebase): this one replaces the long one.
COMMENT ON TABLE public.orders IS 'Orders placed by customers'; -- expect-not: table.comment, system.comment.length
CREATE TABLE public.order_lines ( -- expect-not: table.no-foreign-key
  order_id bigint NOT NULL,
  line_no int NOT NULL,
  sku text NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
ALTER TABLE public.order_lines -- expect: table.no-foreign-key
  ADD CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES public.orders (id);
CREATE TABLE public.events ( -- expect: table.disallow-partition; expect-not: table.no-foreign-key
  id bigint NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.events_2025 (LIKE public.events INCLUDING ALL); -- expect-not: table.disallow-partition
ALTER TABLE public.events ATTACH PARTITION public.events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01'); -- expect: table.disallow-partition
CREATE TABLE public.labels ( -- expect: system.collation.allowlist
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text COLLATE "de-x-icu" NOT NULL
);
CREATE TABLE invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total_cents bigint NOT NULL); -- expect-not: table.comment, column.comment
COMMENT ON TABLE public.invoices IS 'Invoices sent to customers, one per order and shipment, credit notes included'; -- expect: table.comment, system.comment.length
COMMENT ON COLUMN invoices.total_cents IS 'Amount in cents'; -- expect-not: column.comment
-- Names resolve through the search_path in effect at each statement.
CREATE SCHEMA billing;
SET search_path = billing, public;
CREATE TABLE payments (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, amount_cents bigint NOT NULL);
COMMENT ON TABLE payments IS 'Payments received from the payment provider, card and bank transfers and vouchers'; -- expect: table.comment
COMMENT ON COLUMN payments.amount_cents IS 'Amount received in cents, before the fees that the payment provider deducts'; -- expect: column.comment
RESET search_path;
