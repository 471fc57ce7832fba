MERGE INTO public.settings AS s -- expect-not: statement.mix-ddl-dml
USING (VALUES ('a', 'z')) AS v (key, value) ON s.key = v.key
WHEN MATCHED THEN UPDATE SET value = v.value
WHEN NOT MATCHED THEN INSERT (key, value) VALUES (v.key, v.value);
INSERT INTO public.settings VALUES ('b', 'y'); -- expect: statement.insert.must-specify-column; expect-not: statement.mix-ddl-dml
