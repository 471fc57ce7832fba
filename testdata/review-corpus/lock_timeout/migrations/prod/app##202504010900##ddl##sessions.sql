CREATE TABLE public.sessions (id bigint PRIMARY KEY, user_id bigint, started_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE public.devices (id bigint PRIMARY KEY, name text NOT NULL DEFAULT '');
