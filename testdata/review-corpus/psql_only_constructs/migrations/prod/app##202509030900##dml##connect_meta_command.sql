INSERT INTO public.items (id, price, qty) VALUES (2, 1.50, 10);
\connect app -- expect: syntax.parse-error
INSERT INTO public.items (id, price, qty) VALUES (3, 2.50, 10);
