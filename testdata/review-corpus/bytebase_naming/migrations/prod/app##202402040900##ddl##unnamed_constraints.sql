-- The default formats ask for explicit names: an unnamed primary key, unique
-- key, foreign key or index is checked with the empty name (Bytebase's
-- templates prefix "^$|" to accept unnamed ones).
SET lock_timeout = '2s';
CREATE TABLE public.tags ( -- expect: naming.index.pk, naming.index.uk; expect-not: naming.index.fk, naming.table, naming.column
  id bigint PRIMARY KEY,
  label text NOT NULL UNIQUE
);
CREATE TABLE public.order_tags ( -- expect: naming.index.fk; expect-not: naming.index.pk, naming.index.uk
  order_id bigint NOT NULL REFERENCES public.orders (id),
  tag_id bigint NOT NULL,
  CONSTRAINT pk_order_tags_order_id_tag_id PRIMARY KEY (order_id, tag_id)
);
CREATE INDEX ON public.order_tags (tag_id); -- expect: naming.index.idx
CREATE INDEX idx_order_tags_tag_id ON public.order_tags (tag_id); -- expect-not: naming.index.idx
CREATE TABLE public."order notes" ( -- expect: naming.table, naming.convention
  id bigint NOT NULL,
  CONSTRAINT "pk_order notes_id" PRIMARY KEY (id)
);
