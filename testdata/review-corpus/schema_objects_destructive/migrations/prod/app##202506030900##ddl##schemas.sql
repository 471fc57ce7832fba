ALTER SCHEMA reporting RENAME TO analytics; -- expect: schema.rename; expect-not: schema.drop
ALTER SCHEMA "Legacy Stuff" -- expect: schema.rename
    RENAME TO legacy;
CREATE SCHEMA scratch;
ALTER SCHEMA scratch RENAME TO scratch_tmp; -- expect-not: schema.rename
DROP SCHEMA scratch_tmp; -- expect-not: schema.drop
ALTER SCHEMA analytics OWNER TO CURRENT_USER; -- expect-not: schema.rename
DROP SCHEMA staging; -- expect: schema.drop
DROP SCHEMA IF EXISTS legacy CASCADE; -- expect: schema.drop, statement.cascade
DROP SCHEMA IF EXISTS never_created; -- expect: schema.drop
