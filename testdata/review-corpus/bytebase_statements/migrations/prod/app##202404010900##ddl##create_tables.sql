SET ROLE app_owner; -- expect-not: statement.check-set-role-variable
CREATE TYPE public.mood AS ENUM ('happy', 'sad');
CREATE TABLE public.customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  name text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true
);
CREATE TABLE public.sample_customers (id bigint PRIMARY KEY, email text);
CREATE TABLE public.countries (code text PRIMARY KEY, name text NOT NULL);
-- A column added right after CREATE TABLE could be part of it.
ALTER TABLE public.countries ADD COLUMN region text; -- expect: statement.merge-alter-table
