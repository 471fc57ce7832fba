COPY public.items (id, price, qty) FROM stdin;
4	9.99	3 -- expect: syntax.parse-error
5	5.00	1
\.
