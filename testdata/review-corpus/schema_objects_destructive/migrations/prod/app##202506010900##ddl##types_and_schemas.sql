CREATE SCHEMA reporting;
CREATE SCHEMA staging;
CREATE SCHEMA "Legacy Stuff";
CREATE TYPE public.order_status AS ENUM ('new', 'paid', 'shipped'); -- expect: type.avoid-enum
CREATE TYPE "Billing Kind" AS ENUM ( -- expect: type.avoid-enum
    'card',
    'invoice'
);
CREATE TYPE public.money_pair AS (amount numeric, currency text); -- expect-not: type.avoid-enum
CREATE TYPE public.float_span AS RANGE (subtype = float8); -- expect-not: type.avoid-enum
CREATE DOMAIN public.email AS text CHECK (VALUE LIKE '%@%'); -- expect: type.domain-constraint
CREATE DOMAIN public.cents AS bigint DEFAULT 0; -- expect-not: type.domain-constraint
CREATE DOMAIN public.pct AS numeric -- expect: type.domain-constraint
    NOT NULL
    CONSTRAINT pct_range CHECK (VALUE BETWEEN 0 AND 100);
CREATE DOMAIN public.label AS text COLLATE "C"; -- expect-not: type.domain-constraint
CREATE TABLE public.orders (id bigint PRIMARY KEY, status public.order_status NOT NULL, total public.cents, contact public.email);
CREATE TABLE public.legacy_orders (id bigint PRIMARY KEY);
CREATE TABLE public.archive_del (id bigint PRIMARY KEY);
CREATE TABLE public.audit_del (id bigint PRIMARY KEY);
CREATE TABLE public.audit_trail (id bigint PRIMARY KEY);
CREATE TABLE "Legacy Stuff"."Old Orders" (id bigint PRIMARY KEY);
