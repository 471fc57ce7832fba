--
-- PostgreSQL database dump
--

-- Dumped from database version 15.6
-- Dumped by pg_dump version 15.6

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: pgcrypto; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

--
-- Name: order_status; Type: TYPE; Schema: public; Owner: shop
--

CREATE TYPE public.order_status AS ENUM (
    'pending',
    'paid',
    'shipped'
);


ALTER TYPE public.order_status OWNER TO shop;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: customers; Type: TABLE; Schema: public; Owner: shop
--

CREATE TABLE public.customers (
    id integer NOT NULL,
    email text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);


ALTER TABLE public.customers OWNER TO shop; -- expect-not: transaction.require-lock-timeout

--
-- Name: customers_id_seq; Type: SEQUENCE; Schema: public; Owner: shop
--

CREATE SEQUENCE public.customers_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE public.customers_id_seq OWNER TO shop;

ALTER SEQUENCE public.customers_id_seq OWNED BY public.customers.id;

--
-- Name: orders; Type: TABLE; Schema: public; Owner: shop
--

CREATE TABLE public.orders (
    id bigint NOT NULL,
    customer_id integer NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    placed_at timestamp with time zone NOT NULL
)
PARTITION BY RANGE (placed_at);

CREATE TABLE public.orders_2024 (
    id bigint NOT NULL,
    customer_id integer NOT NULL,
    status text DEFAULT 'pending'::text NOT NULL,
    placed_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY public.orders ATTACH PARTITION public.orders_2024 FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00'); -- expect-not: transaction.require-lock-timeout

ALTER TABLE ONLY public.customers ALTER COLUMN id SET DEFAULT nextval('public.customers_id_seq'::regclass); -- expect-not: column.add-volatile-default, transaction.require-lock-timeout

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id); -- expect-not: constraint.primary-key-require-index

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id, placed_at);

ALTER TABLE ONLY public.orders_2024
    ADD CONSTRAINT orders_2024_pkey PRIMARY KEY (id, placed_at);

CREATE UNIQUE INDEX customers_email_key ON public.customers USING btree (lower(email)); -- expect-not: index.require-concurrently, transaction.require-lock-timeout

CREATE INDEX orders_customer_id_idx ON ONLY public.orders USING btree (customer_id); -- expect-not: index.require-concurrently

CREATE INDEX orders_2024_customer_id_idx ON public.orders_2024 USING btree (customer_id); -- expect-not: index.require-concurrently

ALTER INDEX public.orders_pkey ATTACH PARTITION public.orders_2024_pkey;

ALTER INDEX public.orders_customer_id_idx ATTACH PARTITION public.orders_2024_customer_id_idx;

ALTER TABLE ONLY public.orders -- expect-not: constraint.fk-require-not-valid, transaction.require-lock-timeout
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);

GRANT SELECT ON TABLE public.orders TO reporting; -- expect-not: transaction.require-lock-timeout

--
-- PostgreSQL database dump complete
--

