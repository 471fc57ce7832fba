-- Columns added to and changed on tables of the previous file.
SET lock_timeout = '2s';
ALTER TABLE "public"."accounts" ADD COLUMN "nick_name" text; -- expect: column.require-not-null, column.require-default
ALTER TABLE "public"."accounts" ADD COLUMN "title" text NOT NULL DEFAULT ''; -- expect-not: column.require-not-null, column.require-default, column.required-columns
ALTER TABLE public.accounts -- expect: column.require-default; expect-not: column.require-not-null
  ADD COLUMN referral_code text NOT NULL;
ALTER TABLE public.accounts ALTER COLUMN name DROP NOT NULL; -- expect: column.require-not-null
-- A column left nullable and made NOT NULL later in the same file is fine.
ALTER TABLE public.accounts ADD COLUMN locale text DEFAULT 'en'; -- expect-not: column.require-not-null, column.require-default
ALTER TABLE public.accounts ALTER COLUMN locale SET NOT NULL; -- expect-not: column.require-not-null
ALTER TABLE public.accounts ADD COLUMN balance money NOT NULL DEFAULT 0; -- expect: column.type-disallow-list
ALTER TABLE public.accounts ADD COLUMN credit numeric(12,2) NOT NULL DEFAULT 0; -- expect-not: column.type-disallow-list
ALTER TABLE public.accounts ALTER COLUMN credit TYPE money; -- expect: column.type-disallow-list
ALTER TABLE public.accounts ADD COLUMN vat_code character(25) NOT NULL DEFAULT ''; -- expect: column.maximum-character-length
ALTER TABLE public.accounts ADD COLUMN iban char(20) NOT NULL DEFAULT ''; -- expect-not: column.maximum-character-length
ALTER TABLE public.accounts ADD COLUMN remark varchar(500) NOT NULL DEFAULT ''; -- expect-not: column.maximum-character-length
ALTER TABLE public.accounts DROP COLUMN nick_name; -- expect-not: column.required-columns
ALTER TABLE public.accounts DROP COLUMN updated_at; -- expect: column.required-columns
ALTER TABLE public.notes RENAME COLUMN created_at TO created_on; -- expect: column.required-columns
ALTER TABLE public.notes RENAME COLUMN body TO content; -- expect-not: column.required-columns
