DROP DATABASE IF EXISTS analytics_scratch; -- expect: database.drop
ALTER SCHEMA reporting RENAME TO reports; -- expect: schema.rename
DROP SCHEMA IF EXISTS reports; -- expect: schema.drop; expect-not: statement.cascade
