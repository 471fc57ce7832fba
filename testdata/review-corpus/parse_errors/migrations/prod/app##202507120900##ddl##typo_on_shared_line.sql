SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY items_id_qty_idx ON public.items (id, qty); SELEC 1; -- expect: syntax.parse-error
