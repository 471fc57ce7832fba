SET lock_timeout = '100ms';
-- check_bc3b2b0c88 (description IS NOT NULL) was validated by the previous migration.
ALTER TABLE public.issues ALTER COLUMN description SET NOT NULL; -- expect-not: column.set-not-null
-- check_name_not_null, NOT (name IS NULL), is the same proof.
ALTER TABLE public.projects ALTER COLUMN name SET NOT NULL; -- expect-not: column.set-not-null
-- check_title_length does not prove title IS NOT NULL.
ALTER TABLE public.issues ALTER COLUMN title SET NOT NULL; -- expect: column.set-not-null
-- The bigint swap, in one short transaction.
BEGIN;
LOCK TABLE public.ci_builds IN ACCESS EXCLUSIVE MODE; -- expect-not: transaction.statement-after-access-exclusive
ALTER TABLE public.ci_builds RENAME COLUMN id TO id_convert_to_bigint_tmp; -- expect: column.rename, transaction.statement-after-access-exclusive
ALTER TABLE public.ci_builds RENAME COLUMN id_convert_to_bigint TO id; -- expect: column.rename
ALTER TABLE public.ci_builds RENAME COLUMN id_convert_to_bigint_tmp TO id_convert_to_bigint; -- expect: column.rename
ALTER SEQUENCE public.ci_builds_id_seq OWNED BY public.ci_builds.id; -- expect-not: table.drop, column.change-type
ALTER TABLE public.ci_builds ALTER COLUMN id SET DEFAULT nextval('public.ci_builds_id_seq'::regclass); -- expect-not: column.add-volatile-default
ALTER TABLE public.ci_builds ALTER COLUMN id_convert_to_bigint DROP DEFAULT; -- expect-not: column.drop
ALTER TABLE public.ci_builds DROP CONSTRAINT ci_builds_pkey; -- expect-not: column.drop, table.drop
ALTER TABLE public.ci_builds ADD CONSTRAINT ci_builds_pkey PRIMARY KEY USING INDEX index_ci_builds_on_id_convert_to_bigint; -- expect-not: constraint.primary-key-require-index
COMMIT;
