-- The DML file of version 1.9 runs after its DDL file.
INSERT INTO public.nn (id, v, w, x, y) VALUES (1, 'v', 'w', 'x', 'y'); -- expect-not: statement.mix-ddl-dml
