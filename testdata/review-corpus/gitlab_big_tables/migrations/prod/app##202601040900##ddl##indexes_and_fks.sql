-- disable_ddl_transaction!: each statement runs on its own.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS index_ci_builds_on_id_convert_to_bigint ON public.ci_builds USING btree (id_convert_to_bigint); -- expect-not: index.require-concurrently, transaction.disallowed-in-transaction, transaction.require-lock-timeout, statement.prefer-robust
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_ci_builds_on_project_id_convert_to_bigint ON public.ci_builds USING btree (project_id_convert_to_bigint); -- expect-not: index.require-concurrently
CREATE INDEX IF NOT EXISTS index_issues_on_project_id ON public.issues USING btree (project_id); -- expect: index.require-concurrently, transaction.require-lock-timeout
SET lock_timeout = '100ms';
ALTER TABLE ONLY public.ci_builds ADD CONSTRAINT fk_ci_builds_project_id_convert_to_bigint FOREIGN KEY (project_id_convert_to_bigint) REFERENCES public.projects(id) ON DELETE CASCADE NOT VALID; -- expect-not: constraint.fk-require-not-valid, transaction.require-lock-timeout
ALTER TABLE ONLY public.issues ADD CONSTRAINT fk_issues_project_id FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE; -- expect: constraint.fk-require-not-valid
ALTER TABLE ONLY public.issues ADD CONSTRAINT check_bc3b2b0c88 CHECK ((description IS NOT NULL)) NOT VALID; -- expect-not: constraint.check-require-not-valid
ALTER TABLE ONLY public.issues ADD CONSTRAINT check_title_length CHECK ((char_length((title)::text) <= 255)) NOT VALID; -- expect-not: constraint.check-require-not-valid
ALTER TABLE ONLY public.projects ADD CONSTRAINT check_name_not_null CHECK ((NOT (name IS NULL))) NOT VALID; -- expect-not: constraint.check-require-not-valid
ALTER TABLE ONLY public.projects ADD CONSTRAINT check_name_length CHECK ((char_length((name)::text) <= 255)); -- expect: constraint.check-require-not-valid
