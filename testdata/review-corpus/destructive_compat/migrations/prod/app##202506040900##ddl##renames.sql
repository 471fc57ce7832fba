SET lock_timeout = '2s';
ALTER TABLE public.users RENAME COLUMN nickname TO display_name; -- expect: column.rename
ALTER TABLE public.users RENAME email TO email_address; -- expect: column.rename
ALTER TABLE public.users RENAME CONSTRAINT users_pkey TO users_pk; -- expect-not: column.rename, table.rename
ALTER TABLE public.users ALTER COLUMN email_address DROP NOT NULL; -- expect: column.drop-not-null
ALTER INDEX public.user_notes_user_idx RENAME TO user_notes_user_id_idx; -- expect-not: table.rename, column.rename
ALTER TABLE public.users RENAME TO accounts; -- expect: table.rename
