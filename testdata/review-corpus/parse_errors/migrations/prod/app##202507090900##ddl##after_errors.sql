-- Earlier files that do not parse do not stop the review of later ones.
CREATE INDEX items_qty_idx ON public.items (qty); -- expect: index.require-concurrently
