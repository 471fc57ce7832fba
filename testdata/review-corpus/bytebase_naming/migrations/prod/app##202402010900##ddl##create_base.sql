-- Naming conventions (Bytebase naming.* rules and naming.convention), every
-- table new in this file.
CREATE TABLE public.customers ( -- expect-not: naming.table, naming.column, naming.convention, naming.index.pk, naming.index.uk
  id bigint NOT NULL,
  email_address text NOT NULL,
  CONSTRAINT pk_customers_id PRIMARY KEY (id),
  CONSTRAINT uk_customers_email_address UNIQUE (email_address)
);
CREATE TABLE public."OrderItems" ( -- expect: naming.table, naming.convention; expect-not: naming.column, naming.index.pk
  id bigint NOT NULL,
  CONSTRAINT "pk_OrderItems_id" PRIMARY KEY (id)
);
-- Bytebase's default format has no digits; naming.convention's default allows them.
CREATE TABLE public.audit_log_v2 ( -- expect: naming.table; expect-not: naming.convention, naming.column
  id bigint NOT NULL,
  payload text NOT NULL,
  CONSTRAINT pk_audit_log_v2_id PRIMARY KEY (id)
);
CREATE TABLE orders ( -- expect: naming.column, naming.convention; expect-not: naming.table, naming.index.pk
  id bigint NOT NULL,
  customer_id bigint NOT NULL,
  "placedAt" timestamptz NOT NULL DEFAULT now(),
  number text NOT NULL,
  CONSTRAINT pk_orders_id PRIMARY KEY (id)
);
CREATE TABLE public.addresses ( -- expect: naming.column; expect-not: naming.convention, naming.table
  id bigint NOT NULL,
  address_line2 text NOT NULL,
  CONSTRAINT pk_addresses_id PRIMARY KEY (id)
);
CREATE TABLE public.coupons ( -- expect: naming.index.pk, naming.index.uk; expect-not: naming.table, naming.column
  id bigint NOT NULL,
  code text NOT NULL,
  CONSTRAINT coupons_pkey PRIMARY KEY (id),
  CONSTRAINT coupons_code_key UNIQUE (code)
);
