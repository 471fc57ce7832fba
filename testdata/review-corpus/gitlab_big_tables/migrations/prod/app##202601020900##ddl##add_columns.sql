-- Post-PG11: constant defaults are stored in the catalog, no rewrite.
SET lock_timeout TO '100ms';
ALTER TABLE public.ci_builds ADD COLUMN id_convert_to_bigint bigint DEFAULT 0 NOT NULL; -- expect-not: column.add-volatile-default, column.add-required, transaction.require-lock-timeout
ALTER TABLE public.ci_builds ADD COLUMN project_id_convert_to_bigint bigint; -- expect-not: column.add-volatile-default, column.add-required
ALTER TABLE public.issues ADD COLUMN blocking_issues_count integer DEFAULT 0 NOT NULL; -- expect-not: column.add-volatile-default, column.add-required
ALTER TABLE public.issues ADD COLUMN health_status smallint; -- expect-not: column.add-required
ALTER TABLE public.projects ADD COLUMN last_activity_at timestamp with time zone DEFAULT now() NOT NULL; -- expect-not: column.add-volatile-default, column.add-required
ALTER TABLE public.projects ADD COLUMN storage_version smallint NOT NULL; -- expect: column.add-required
CREATE FUNCTION public.trigger_ci_builds_id_convert() RETURNS trigger -- expect-not: transaction.require-lock-timeout
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW."id_convert_to_bigint" := NEW."id";
  NEW."project_id_convert_to_bigint" := NEW."project_id";
  RETURN NEW;
END;
$$;
CREATE TRIGGER trigger_ci_builds_id_convert BEFORE INSERT OR UPDATE ON public.ci_builds FOR EACH ROW EXECUTE FUNCTION public.trigger_ci_builds_id_convert(); -- expect-not: transaction.require-lock-timeout
RESET lock_timeout;
CREATE TRIGGER trigger_issues_noop BEFORE INSERT ON public.issues FOR EACH ROW EXECUTE FUNCTION public.trigger_ci_builds_id_convert(); -- expect: transaction.require-lock-timeout
