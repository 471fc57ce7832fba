SET lock_timeout = '2s';
ALTER TABLE "billing"."Accounts" ADD COLUMN legacy_code char(4); -- expect: column.ban-char
ALTER TABLE "billing"."Accounts" ALTER COLUMN customer_id TYPE integer; -- expect: column.prefer-bigint
ALTER TABLE public.countries ALTER COLUMN code TYPE text; -- expect-not: column.ban-char
ALTER TABLE billing.customers ALTER COLUMN id TYPE bigint; -- expect-not: column.prefer-bigint
ALTER TABLE billing.events ALTER COLUMN payload TYPE jsonb USING payload::jsonb; -- expect-not: column.prefer-jsonb
ALTER TABLE billing.events ALTER COLUMN payload TYPE json; -- expect: column.prefer-jsonb
ALTER TABLE billing.ledger ADD COLUMN seq bigserial; -- expect: column.prefer-identity; expect-not: column.prefer-bigint
ALTER TABLE billing.ledger -- expect: column.prefer-jsonb, column.prefer-text
    ADD COLUMN raw json,
    ADD COLUMN ref varchar(40);
ALTER TABLE billing.ledger ALTER COLUMN memo SET DATA TYPE varchar(500); -- expect: column.prefer-text
ALTER TABLE billing.ledger ALTER COLUMN memo TYPE varchar; -- expect-not: column.prefer-text
ALTER TABLE billing.ledger ADD COLUMN seen_count bigint NOT NULL DEFAULT 0, ADD COLUMN note text; -- expect-not: column.prefer-bigint, column.prefer-text, column.ban-char
ALTER TABLE billing.payments ADD COLUMN channel character(1); -- expect: column.ban-char
ALTER TABLE billing.counters ALTER COLUMN hits TYPE bigint; -- expect-not: column.prefer-bigint
ALTER TABLE billing.ledger ADD COLUMN country billing.country_code; -- expect: column.ban-char; expect-not: column.prefer-text
ALTER TABLE billing.ledger ADD COLUMN body billing.note_text; -- expect-not: column.prefer-text, column.ban-char
ALTER TABLE billing.notes ALTER COLUMN body TYPE billing.short_code; -- expect: column.prefer-text
