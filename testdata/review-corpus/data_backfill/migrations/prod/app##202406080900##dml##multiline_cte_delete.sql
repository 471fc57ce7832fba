WITH doomed AS ( -- expect: statement.update-delete-without-where
  SELECT 1
)
DELETE FROM public.import_rows;
