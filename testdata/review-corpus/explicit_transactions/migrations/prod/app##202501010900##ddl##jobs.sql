CREATE TABLE public.jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  queue text NOT NULL DEFAULT 'default',
  payload jsonb NOT NULL DEFAULT '{}'
);
CREATE TABLE public.workers (id bigint PRIMARY KEY, name text NOT NULL);
