SET lock_timeout = '1s';
ALTER TABLE public.profiles -- expect: column.change-type
  ALTER COLUMN notes TYPE text,
  ALTER COLUMN bio TYPE varchar(500);
ALTER TABLE public.profiles -- expect-not: column.change-type
  ALTER COLUMN handle TYPE varchar(64),
  ALTER COLUMN code TYPE text;
ALTER TABLE public.drafts ALTER COLUMN words TYPE integer; -- expect: column.change-type
