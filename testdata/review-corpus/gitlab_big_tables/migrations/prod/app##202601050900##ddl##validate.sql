-- Validation in a later migration: SHARE UPDATE EXCLUSIVE only.
ALTER TABLE public.ci_builds VALIDATE CONSTRAINT fk_ci_builds_project_id_convert_to_bigint; -- expect-not: constraint.validate-same-transaction, transaction.require-lock-timeout
ALTER TABLE public.projects VALIDATE CONSTRAINT check_name_not_null; -- expect-not: transaction.require-lock-timeout
ALTER TABLE public.issues VALIDATE CONSTRAINT check_bc3b2b0c88; -- expect-not: constraint.validate-same-transaction, transaction.require-lock-timeout
