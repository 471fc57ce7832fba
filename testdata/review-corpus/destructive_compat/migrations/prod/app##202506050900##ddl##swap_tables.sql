SET lock_timeout = '2s';
CREATE TABLE public.accounts_new (id bigint PRIMARY KEY, display_name text);
ALTER TABLE public.accounts_new RENAME COLUMN display_name TO name; -- expect-not: column.rename
ALTER TABLE public.accounts RENAME TO accounts_old; -- expect: table.rename
ALTER TABLE public.accounts_new RENAME TO accounts; -- expect-not: table.rename
ALTER TABLE public.accounts_old DROP COLUMN display_name; -- expect: column.drop
