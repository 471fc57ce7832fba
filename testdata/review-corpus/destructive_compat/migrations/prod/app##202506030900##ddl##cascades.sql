SET lock_timeout = '2s';
DROP SCHEMA legacy CASCADE; -- expect: schema.drop, statement.cascade
DROP VIEW public.user_emails CASCADE; -- expect: statement.cascade; expect-not: table.drop
DROP TYPE public.mood CASCADE; -- expect: statement.cascade
CREATE TABLE public.scratch (id bigint PRIMARY KEY);
TRUNCATE public.scratch; -- expect-not: table.truncate
TRUNCATE public.users CASCADE; -- expect: table.truncate, statement.cascade
DROP TABLE public.scratch; -- expect-not: table.drop, statement.cascade
