UPDATE public.orders SET tracking_code = 'n/a' WHERE tracking_code = '' AND id < 10000; -- expect-not: statement.update-delete-without-where, transaction.require-lock-timeout
UPDATE public.products SET search_rank = 0; -- expect: statement.update-delete-without-where
DELETE FROM public.order_items WHERE quantity = 0; -- expect-not: statement.update-delete-without-where, transaction.require-lock-timeout
