CREATE TABLE public.accounts (id bigint PRIMARY KEY, email text NOT NULL, status text NOT NULL DEFAULT 'active', plan text);
CREATE TABLE public.audit (id bigint PRIMARY KEY, account_id bigint NOT NULL, note text);
