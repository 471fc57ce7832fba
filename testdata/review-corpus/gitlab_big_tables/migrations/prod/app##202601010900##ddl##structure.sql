-- GitLab-style structure.sql excerpt: the schema as it is in production.
SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

CREATE TABLE public.projects (
    id integer NOT NULL,
    name character varying,
    namespace_id integer NOT NULL,
    created_at timestamp without time zone,
    archived boolean DEFAULT false NOT NULL
);

CREATE SEQUENCE public.projects_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.projects_id_seq OWNED BY public.projects.id; -- expect-not: transaction.require-lock-timeout
ALTER TABLE ONLY public.projects ALTER COLUMN id SET DEFAULT nextval('public.projects_id_seq'::regclass); -- expect-not: transaction.require-lock-timeout
ALTER TABLE ONLY public.projects ADD CONSTRAINT projects_pkey PRIMARY KEY (id); -- expect-not: constraint.primary-key-require-index, transaction.require-lock-timeout

CREATE TABLE public.ci_builds (
    id integer NOT NULL,
    project_id integer,
    status character varying,
    name character varying,
    created_at timestamp without time zone,
    description text
);

CREATE SEQUENCE public.ci_builds_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE public.ci_builds_id_seq OWNED BY public.ci_builds.id; -- expect-not: transaction.require-lock-timeout
ALTER TABLE ONLY public.ci_builds ALTER COLUMN id SET DEFAULT nextval('public.ci_builds_id_seq'::regclass);
ALTER TABLE ONLY public.ci_builds ADD CONSTRAINT ci_builds_pkey PRIMARY KEY (id);
CREATE INDEX index_ci_builds_on_project_id ON public.ci_builds USING btree (project_id); -- expect-not: index.require-concurrently, transaction.require-lock-timeout

CREATE TABLE public.issues (
    id integer NOT NULL,
    project_id integer,
    title character varying,
    description text,
    confidential boolean DEFAULT false NOT NULL
);
ALTER TABLE ONLY public.issues ADD CONSTRAINT issues_pkey PRIMARY KEY (id);
