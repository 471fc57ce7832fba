SET lock_timeout = '5s';
ALTER TABLE posts ADD CONSTRAINT posts_user_id_not_null CHECK (user_id IS NOT NULL) NOT VALID; -- expect-not: constraint.check-require-not-valid
ALTER TABLE posts VALIDATE CONSTRAINT posts_user_id_not_null; -- expect-not: constraint.validate-same-transaction
-- PostgreSQL 10 does not use the validated CHECK: SET NOT NULL still scans.
ALTER TABLE posts ALTER COLUMN user_id SET NOT NULL; -- expect: column.set-not-null
-- topics.user_id is proven by a CHECK validated in the first file: still a scan before PostgreSQL 12.
ALTER TABLE topics ALTER COLUMN user_id SET NOT NULL; -- expect: column.set-not-null
-- raw is NOT NULL already: nothing to scan.
ALTER TABLE posts ALTER COLUMN raw SET NOT NULL; -- expect-not: column.set-not-null
