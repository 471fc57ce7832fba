-- Migration: billing schema, version 202403011200
-- dbcd:lock-timeout 5s
-- dbcd:ignore-file column.prefer-text : legacy naming kept for the API

SET statement_timeout = '10min';
SET search_path = billing, public;

CREATE SCHEMA IF NOT EXISTS billing;

CREATE TYPE billing.invoice_status AS ENUM ('draft', 'open', 'paid', 'void', 'uncollectible');

CREATE TABLE billing.customer (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    external_ref  varchar(64) NOT NULL,
    name          text NOT NULL,
    email         text NOT NULL,
    country       char(2) NOT NULL DEFAULT 'FR',
    vat_number    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT customer_email_check CHECK (email ~* '^[^@]+@[^@]+$'),
    CONSTRAINT customer_external_ref_key UNIQUE (external_ref)
);

COMMENT ON TABLE billing.customer IS 'Customers billed by the platform; one row per legal entity.';
COMMENT ON COLUMN billing.customer.vat_number IS 'Intra-community VAT number, validated by the VIES service';

CREATE TABLE billing.product (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text NOT NULL UNIQUE,
    label       text NOT NULL,
    unit_price  numeric(12, 2) NOT NULL CHECK (unit_price >= 0),
    currency    char(3) NOT NULL DEFAULT 'EUR',
    active      boolean NOT NULL DEFAULT true,
    metadata    jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE billing.invoice (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES billing.customer (id) ON DELETE RESTRICT,
    number       text NOT NULL,
    status       billing.invoice_status NOT NULL DEFAULT 'draft',
    issued_on    date,
    due_on       date,
    total        numeric(14, 2) NOT NULL DEFAULT 0,
    notes        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT invoice_number_key UNIQUE (number),
    CONSTRAINT invoice_due_after_issue CHECK (due_on IS NULL OR issued_on IS NULL OR due_on >= issued_on)
) PARTITION BY RANGE (created_at);

CREATE TABLE billing.invoice_2024 PARTITION OF billing.invoice
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE billing.invoice_2025 PARTITION OF billing.invoice
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE TABLE billing.invoice_line (
    invoice_id   bigint NOT NULL,
    line_no      integer NOT NULL,
    product_id   bigint NOT NULL REFERENCES billing.product (id),
    quantity     integer NOT NULL CHECK (quantity > 0),
    unit_price   numeric(12, 2) NOT NULL,
    discount     numeric(5, 2) NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND 100),
    PRIMARY KEY (invoice_id, line_no)
);

CREATE INDEX invoice_customer_idx ON billing.invoice (customer_id, created_at DESC);
CREATE INDEX invoice_open_idx ON billing.invoice (due_on) WHERE status = 'open';
CREATE INDEX product_metadata_gin ON billing.product USING gin (metadata jsonb_path_ops);
CREATE UNIQUE INDEX customer_lower_email_key ON billing.customer (lower(email));

CREATE OR REPLACE FUNCTION billing.touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    -- keep updated_at in sync; note the semicolons inside the body;
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER customer_touch_updated_at
    BEFORE UPDATE ON billing.customer
    FOR EACH ROW EXECUTE FUNCTION billing.touch_updated_at();

CREATE OR REPLACE FUNCTION billing.invoice_total(p_invoice bigint) RETURNS numeric
    LANGUAGE sql STABLE
    AS $fn$
    SELECT coalesce(sum(quantity * unit_price * (1 - discount / 100)), 0)
      FROM billing.invoice_line
     WHERE invoice_id = p_invoice;
$fn$;

CREATE FUNCTION billing.line_count(p_invoice bigint) RETURNS bigint
    LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM billing.invoice_line WHERE invoice_id = p_invoice;
END;

CREATE VIEW billing.open_invoice AS
    SELECT i.id, i.number, c.name AS customer, i.due_on, i.total
      FROM billing.invoice i
      JOIN billing.customer c ON c.id = i.customer_id
     WHERE i.status = 'open';

CREATE MATERIALIZED VIEW billing.revenue_by_month AS
    SELECT date_trunc('month', created_at) AS month, sum(total) AS revenue
      FROM billing.invoice
     WHERE status = 'paid'
     GROUP BY 1
    WITH NO DATA;

ALTER TABLE billing.invoice_line
    ADD CONSTRAINT invoice_line_invoice_fk FOREIGN KEY (invoice_id) REFERENCES billing.invoice_2024 (id) NOT VALID;
ALTER TABLE billing.invoice_line VALIDATE CONSTRAINT invoice_line_invoice_fk;

ALTER TABLE billing.customer ADD COLUMN nick_name text NOT NULL DEFAULT '';
ALTER TABLE billing.customer ALTER COLUMN vat_number SET DATA TYPE varchar(32);
ALTER TABLE billing.customer RENAME COLUMN external_ref TO partner_ref;
ALTER TABLE billing.product ALTER COLUMN metadata SET DEFAULT '{"source": "import"}';

INSERT INTO billing.product (sku, label, unit_price, metadata) VALUES
    ('SKU-001', 'Starter plan', 9.90, '{"tier": 1}'),
    ('SKU-002', 'Team plan; monthly', 49.00, '{"tier": 2}'),
    ('SKU-003', 'Entreprise — annuel', 4900.00, '{"tier": 3, "note": "prix négocié"}'),
    ('SKU-004', E'Support \'premium\'', 199.00, '{}');

INSERT INTO billing.customer (partner_ref, name, email, country)
SELECT 'legacy-' || id, name, email, 'FR'
  FROM public.legacy_customer
 WHERE email IS NOT NULL
ON CONFLICT (partner_ref) DO NOTHING;

UPDATE billing.product SET active = false WHERE sku IN ('SKU-004');
DELETE FROM billing.product WHERE label LIKE 'test%';

DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT id FROM billing.invoice WHERE total = 0 LOOP
        UPDATE billing.invoice SET total = billing.invoice_total(r.id) WHERE id = r.id;
    END LOOP;
    RAISE NOTICE 'recomputed totals; done';
END
$$;

GRANT USAGE ON SCHEMA billing TO billing_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA billing TO billing_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA billing GRANT SELECT ON TABLES TO billing_reader;
REVOKE ALL ON billing.customer FROM PUBLIC;

CREATE POLICY customer_isolation ON billing.customer
    USING (country = current_setting('app.country', true));
ALTER TABLE billing.customer ENABLE ROW LEVEL SECURITY;

/* Statistics for the planner: the correlation between country and VAT
   numbers is strong; /* nested comment; */ keep it in mind. */
CREATE STATISTICS billing.customer_country_vat (dependencies) ON country, vat_number FROM billing.customer;

CREATE SEQUENCE billing.invoice_number_seq START 1000;
ALTER SEQUENCE billing.invoice_number_seq OWNED BY billing.invoice.number;
SELECT setval('billing.invoice_number_seq', 2000, false);

CREATE TABLE "billing"."Audit;Log" (
    "id" bigserial PRIMARY KEY,
    "event" text NOT NULL,
    "payload" jsonb,
    "at" timestamptz DEFAULT clock_timestamp()
);

DROP VIEW IF EXISTS billing.old_invoice_view;
DROP TABLE IF EXISTS billing.tmp_import CASCADE;
DROP INDEX IF EXISTS billing.invoice_old_idx;

TRUNCATE billing.invoice_line;
REFRESH MATERIALIZED VIEW billing.revenue_by_month;

CREATE INDEX invoice_line_product_idx ON billing.invoice_line (product_id);
ANALYZE billing.invoice_line;
RESET statement_timeout;
