CREATE INDEX items_price_qty_idx ON public.items (price, qty); -- expect: index.require-concurrently
