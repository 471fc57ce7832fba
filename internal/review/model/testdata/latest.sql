--
-- PostgreSQL database dump (abridged), as pg_dump writes it.
--

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

CREATE SCHEMA app;

ALTER SCHEMA app OWNER TO postgres;

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';

CREATE TYPE public.mood AS ENUM (
    'sad',
    'ok',
    'happy'
);

ALTER TYPE public.mood OWNER TO postgres;

CREATE FUNCTION public.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_at = now();
    RETURN NEW;
END
$$;

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE public.employee (
    id integer NOT NULL,
    name public.citext NOT NULL,
    mood public.mood DEFAULT 'ok'::public.mood,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    manager_id integer
);

ALTER TABLE public.employee OWNER TO postgres;

COMMENT ON COLUMN public.employee.name IS 'display name';

CREATE SEQUENCE public.employee_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.employee_id_seq OWNED BY public.employee.id;

CREATE TABLE app.events (
    id bigint NOT NULL,
    at timestamp with time zone NOT NULL
)
PARTITION BY RANGE (at);

CREATE TABLE app.events_2024 (
    id bigint NOT NULL,
    at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY app.events ATTACH PARTITION app.events_2024 FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');

ALTER TABLE ONLY public.employee ALTER COLUMN id SET DEFAULT nextval('public.employee_id_seq'::regclass);

ALTER TABLE ONLY public.employee
    ADD CONSTRAINT employee_pkey PRIMARY KEY (id);

ALTER TABLE ONLY app.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id, at);

ALTER TABLE ONLY app.events_2024
    ADD CONSTRAINT events_2024_pkey PRIMARY KEY (id, at);

CREATE INDEX employee_lower_idx ON public.employee USING btree (lower((name)::text));

CREATE INDEX events_at_idx ON ONLY app.events USING btree (at);

CREATE INDEX events_2024_at_idx ON app.events_2024 USING btree (at);

ALTER INDEX app.events_pkey ATTACH PARTITION app.events_2024_pkey;

ALTER INDEX app.events_at_idx ATTACH PARTITION app.events_2024_at_idx;

CREATE TRIGGER employee_touch BEFORE UPDATE ON public.employee FOR EACH ROW EXECUTE FUNCTION public.touch();

ALTER TABLE ONLY public.employee
    ADD CONSTRAINT employee_manager_id_fkey FOREIGN KEY (manager_id) REFERENCES public.employee(id) NOT VALID;

GRANT ALL ON SCHEMA public TO PUBLIC;

--
-- PostgreSQL database dump complete
--
