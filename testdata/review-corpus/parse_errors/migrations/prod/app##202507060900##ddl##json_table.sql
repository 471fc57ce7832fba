-- PostgreSQL 17 JSON_TABLE
CREATE VIEW public.item_tags AS
SELECT i.id, jt.tag FROM public.items i, JSON_TABLE(i.meta, '$.tags[*]' COLUMNS (tag text PATH '$')) AS jt; -- expect: syntax.parse-error
