SELECT 1;
/* the comment below is never closed -- expect: syntax.parse-error
   /* nested */
CREATE INDEX items_meta_idx ON public.items USING gin (meta);
