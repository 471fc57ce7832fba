CREATE TABLE public.measurements (
  city_id bigint NOT NULL,
  logdate date NOT NULL,
  peaktemp numeric(5,2),
  unitsales bigint
) PARTITION BY RANGE (logdate);
CREATE TABLE public.measurements_2025_01 PARTITION OF public.measurements FOR VALUES FROM ('2025-01-01') TO ('2025-02-01'); -- expect-not: transaction.require-lock-timeout
CREATE TABLE public.measurements_2025_02 PARTITION OF public.measurements FOR VALUES FROM ('2025-02-01') TO ('2025-03-01');
CREATE TABLE public.measurements_default PARTITION OF public.measurements DEFAULT; -- expect-not: transaction.require-lock-timeout
CREATE INDEX measurements_logdate_idx ON public.measurements (logdate); -- expect-not: index.require-concurrently
CREATE TABLE public.logs (id bigint NOT NULL, at timestamptz NOT NULL, msg text) PARTITION BY LIST (id);
CREATE TABLE public.logs_0 PARTITION OF public.logs FOR VALUES IN (0);
