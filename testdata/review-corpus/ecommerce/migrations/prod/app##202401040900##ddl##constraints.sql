SET lock_timeout = '2s';
ALTER TABLE public.order_items ADD CONSTRAINT order_items_quantity_positive CHECK (quantity > 0); -- expect: constraint.check-require-not-valid
ALTER TABLE public.order_items ADD CONSTRAINT order_items_price_positive CHECK (unit_price >= 0) NOT VALID; -- expect-not: constraint.check-require-not-valid, transaction.require-lock-timeout
ALTER TABLE public.orders ADD CONSTRAINT orders_public_id_key UNIQUE (public_id); -- expect: constraint.unique-require-index
ALTER TABLE public.products ADD CONSTRAINT products_sku_unique UNIQUE USING INDEX products_sku_key; -- expect-not: constraint.unique-require-index
ALTER TABLE public.orders ADD COLUMN coupon_code text CHECK (coupon_code <> ''); -- expect: constraint.check-require-not-valid
ALTER TABLE public.orders ADD COLUMN referrer_id bigint REFERENCES public.customers (id); -- expect: constraint.fk-require-not-valid, index.foreign-key-missing-index
ALTER TABLE public.orders ADD COLUMN external_ref text UNIQUE; -- expect: constraint.unique-require-index
