-- dbcd:no-transaction
DROP DATABASE analytics_old; -- expect: database.drop
DROP DATABASE IF EXISTS "Legacy-Reports" WITH (FORCE); -- expect: database.drop
CREATE DATABASE analytics_new; -- expect-not: database.drop
ALTER DATABASE analytics_new RENAME TO analytics_v2; -- expect-not: database.drop
DROP SCHEMA IF EXISTS public_old; -- expect-not: database.drop
BEGIN;
DROP DATABASE scratch_db; -- expect: database.drop, transaction.disallowed-in-transaction
COMMIT;
