-- Core e-commerce schema: every table is new in this file.
CREATE TABLE public.customers ( -- expect-not: table.require-primary-key, column.prefer-timestamptz, column.prefer-jsonb, transaction.require-lock-timeout
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  full_name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_email_key ON public.customers (email); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
CREATE TABLE public.products ( -- expect: column.prefer-jsonb, column.prefer-text
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku varchar(32) NOT NULL,
  name text NOT NULL,
  price numeric(10,2) NOT NULL CHECK (price >= 0),
  attributes json
);
CREATE INDEX products_name_idx ON public.products (name); -- expect-not: index.require-concurrently
CREATE TABLE public.orders ( -- expect: column.prefer-timestamptz; expect-not: constraint.fk-require-not-valid, transaction.require-lock-timeout, index.foreign-key-missing-index
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES public.customers (id),
  status text NOT NULL DEFAULT 'new',
  placed_at timestamp NOT NULL DEFAULT now(),
  note varchar(200)
);
CREATE INDEX orders_customer_id_idx ON public.orders (customer_id); -- expect-not: index.require-concurrently
CREATE TABLE public.order_items ( -- expect: constraint.fk-on-delete-cascade, column.prefer-bigint, index.foreign-key-missing-index
  order_id bigint NOT NULL REFERENCES public.orders (id) ON DELETE CASCADE,
  product_id bigint NOT NULL REFERENCES public.products (id),
  quantity int NOT NULL,
  unit_price numeric(10,2) NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
