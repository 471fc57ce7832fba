-- A batched background migration, one bounded batch per statement.
UPDATE public.ci_builds SET id_convert_to_bigint = id, project_id_convert_to_bigint = project_id WHERE id BETWEEN 1 AND 10000; -- expect-not: statement.update-delete-without-where, transaction.require-lock-timeout, statement.mix-ddl-dml
UPDATE public.ci_builds SET id_convert_to_bigint = id, project_id_convert_to_bigint = project_id WHERE id >= 10001 AND id < 20001; -- expect-not: statement.update-delete-without-where
DELETE FROM public.issues WHERE id IN (SELECT id FROM public.issues WHERE project_id IS NULL LIMIT 1000); -- expect-not: statement.update-delete-without-where, transaction.require-lock-timeout
UPDATE public.projects SET archived = false; -- expect: statement.update-delete-without-where
