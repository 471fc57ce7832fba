SET lock_timeout = '2s';
CREATE FUNCTION public.item_total(i public.items) RETURNS numeric LANGUAGE sql AS $body$ -- expect: syntax.parse-error
  SELECT i.price * i.qty;
$$;
