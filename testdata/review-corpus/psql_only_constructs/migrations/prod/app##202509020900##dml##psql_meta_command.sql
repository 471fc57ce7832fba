-- reference data, written for psql
\echo loading reference data -- expect: syntax.parse-error
INSERT INTO public.items (id, price, qty) VALUES (1, 9.99, 3);
