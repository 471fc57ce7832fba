-- A new table: constraints and indexes on it are safe in the same file.
CREATE TABLE public.product_reviews ( -- expect-not: index.require-concurrently, transaction.require-lock-timeout
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  product_id bigint NOT NULL,
  customer_id bigint NOT NULL,
  rating smallint NOT NULL,
  body text NOT NULL DEFAULT ''
);
CREATE INDEX product_reviews_product_idx ON public.product_reviews (product_id); -- expect-not: index.require-concurrently, transaction.require-lock-timeout
ALTER TABLE public.product_reviews ADD CONSTRAINT product_reviews_rating_check CHECK (rating BETWEEN 1 AND 5); -- expect-not: constraint.check-require-not-valid, transaction.require-lock-timeout
ALTER TABLE public.product_reviews ADD CONSTRAINT product_reviews_product_fk FOREIGN KEY (product_id) REFERENCES public.products (id); -- expect: transaction.require-lock-timeout; expect-not: constraint.fk-require-not-valid
ALTER TABLE public.product_reviews ADD COLUMN helpful_votes bigint NOT NULL; -- expect-not: column.add-required
ALTER TABLE public.product_reviews ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- expect-not: column.add-volatile-default
ALTER TABLE public.product_reviews ADD CONSTRAINT product_reviews_token_key UNIQUE (token); -- expect-not: constraint.unique-require-index
ALTER TABLE public.product_reviews ALTER COLUMN rating TYPE bigint; -- expect-not: column.change-type
ALTER TABLE public.product_reviews RENAME COLUMN body TO review_text; -- expect-not: column.rename
ALTER TABLE public.product_reviews ALTER COLUMN token SET NOT NULL; -- expect-not: column.set-not-null
