package sqlparse

import (
	"testing"
)

// kindTests map single statements to their kind, class and NoTransaction
// flag. They also seed the fuzz tests.
var kindTests = []struct {
	sql   string
	kind  string
	class Class
	notx  bool
}{
	// DDL.
	{"CREATE TABLE t (id bigint PRIMARY KEY)", "CREATE_TABLE", DDL, false},
	{"CREATE TABLE p1 PARTITION OF p FOR VALUES IN (1)", "CREATE_TABLE", DDL, false},
	{"CREATE TABLE t2 AS SELECT * FROM t", "CREATE_TABLE_AS", DDL, false},
	{"SELECT * INTO t2 FROM t", "CREATE_TABLE_AS", DDL, false},
	{"CREATE MATERIALIZED VIEW mv AS SELECT 1", "CREATE_MATERIALIZED_VIEW", DDL, false},
	{"CREATE VIEW v AS SELECT 1", "CREATE_VIEW", DDL, false},
	{"ALTER TABLE t ADD COLUMN c text", "ALTER_TABLE", DDL, false},
	{"ALTER TABLE t RENAME COLUMN a TO b", "ALTER_TABLE", DDL, false},
	{"ALTER TABLE t RENAME TO u", "ALTER_TABLE", DDL, false},
	{"ALTER TABLE t SET SCHEMA s", "ALTER_TABLE", DDL, false},
	{"ALTER TABLE t OWNER TO bob", "ALTER_TABLE", DDL, false},
	{"ALTER TABLE t RENAME CONSTRAINT a TO b", "ALTER_TABLE", DDL, false},
	{"ALTER INDEX i RENAME TO j", "ALTER_INDEX", DDL, false},
	{"ALTER VIEW v RENAME COLUMN a TO b", "ALTER_VIEW", DDL, false},
	{"ALTER MATERIALIZED VIEW mv SET TABLESPACE x", "ALTER_MATERIALIZED_VIEW", DDL, false},
	{"ALTER TABLE p DETACH PARTITION p1", "ALTER_TABLE", DDL, false},
	{"ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY", "ALTER_TABLE", DDL, true},
	{"ALTER TABLE p DETACH PARTITION p1 FINALIZE", "ALTER_TABLE", DDL, false},
	{"CREATE INDEX i ON t (a)", "CREATE_INDEX", DDL, false},
	{"CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)", "CREATE_INDEX", DDL, true},
	{"DROP INDEX i", "DROP_INDEX", DDL, false},
	{"DROP INDEX CONCURRENTLY i", "DROP_INDEX", DDL, true},
	{"DROP TABLE t CASCADE", "DROP_TABLE", DDL, false},
	{"DROP MATERIALIZED VIEW mv", "DROP_MATERIALIZED_VIEW", DDL, false},
	{"DROP SCHEMA s", "DROP_SCHEMA", DDL, false},
	{"DROP TYPE e", "DROP_TYPE", DDL, false},
	{"DROP FUNCTION f()", "DROP_FUNCTION", DDL, false},
	{"DROP TRIGGER tr ON t", "DROP_TRIGGER", DDL, false},
	{"CREATE SCHEMA s", "CREATE_SCHEMA", DDL, false},
	{"CREATE SEQUENCE s", "CREATE_SEQUENCE", DDL, false},
	{"ALTER SEQUENCE s RESTART", "ALTER_SEQUENCE", DDL, false},
	{"CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'", "CREATE_FUNCTION", DDL, false},
	{"CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS 'SELECT 1'", "CREATE_PROCEDURE", DDL, false},
	{"ALTER FUNCTION f() OWNER TO bob", "ALTER_FUNCTION", DDL, false},
	{"CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()", "CREATE_TRIGGER", DDL, false},
	{"CREATE TYPE e AS ENUM ('a')", "CREATE_TYPE", DDL, false},
	{"CREATE TYPE c AS (a int)", "CREATE_TYPE", DDL, false},
	{"ALTER TYPE e ADD VALUE 'b'", "ALTER_TYPE", DDL, false},
	{"ALTER TYPE e RENAME VALUE 'a' TO 'z'", "ALTER_TYPE", DDL, false},
	{"CREATE DOMAIN d AS int CHECK (VALUE > 0)", "CREATE_DOMAIN", DDL, false},
	{"CREATE AGGREGATE a (int) (SFUNC = f, STYPE = int)", "CREATE_AGGREGATE", DDL, false},
	{"CREATE EXTENSION IF NOT EXISTS pgcrypto", "CREATE_EXTENSION", DDL, false},
	{"COMMENT ON TABLE t IS 'x'", "COMMENT", DDL, false},
	{"GRANT SELECT ON t TO bob", "GRANT", DDL, false},
	{"REVOKE SELECT ON t FROM bob", "REVOKE", DDL, false},
	{"GRANT admin TO bob", "GRANT", DDL, false},
	{"CREATE ROLE bob", "CREATE_ROLE", DDL, false},
	{"CREATE POLICY p ON t USING (true)", "CREATE_POLICY", DDL, false},
	{"ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO bob", "ALTER_DEFAULT_PRIVILEGES", DDL, false},
	{"CREATE DATABASE d", "CREATE_DATABASE", DDL, true},
	{"DROP DATABASE d", "DROP_DATABASE", DDL, true},
	{"ALTER DATABASE d SET TABLESPACE x", "ALTER_DATABASE", DDL, true},
	{"ALTER DATABASE d SET work_mem = '1MB'", "ALTER_DATABASE", DDL, false},
	{"CREATE TABLESPACE x LOCATION '/tmp'", "CREATE_TABLESPACE", DDL, true},
	{"DROP TABLESPACE x", "DROP_TABLESPACE", DDL, true},
	{"CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p", "CREATE_SUBSCRIPTION", DDL, true},
	{"CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p WITH (create_slot = false)", "CREATE_SUBSCRIPTION", DDL, false},
	{"CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p WITH (connect = false)", "CREATE_SUBSCRIPTION", DDL, false},
	{"ALTER SUBSCRIPTION s REFRESH PUBLICATION", "ALTER_SUBSCRIPTION", DDL, true},
	{"ALTER SUBSCRIPTION s SET PUBLICATION p", "ALTER_SUBSCRIPTION", DDL, true},
	{"ALTER SUBSCRIPTION s ADD PUBLICATION p WITH (refresh = false)", "ALTER_SUBSCRIPTION", DDL, false},
	{"ALTER SUBSCRIPTION s DISABLE", "ALTER_SUBSCRIPTION", DDL, false},
	{"DROP SUBSCRIPTION s", "DROP_SUBSCRIPTION", DDL, true},

	// DML.
	{"SELECT 1", "SELECT", DML, false},
	{"VALUES (1)", "SELECT", DML, false},
	{"WITH x AS (SELECT 1) SELECT * FROM x", "SELECT", DML, false},
	{"INSERT INTO t VALUES (1)", "INSERT", DML, false},
	{"UPDATE t SET a = 1", "UPDATE", DML, false},
	{"DELETE FROM t", "DELETE", DML, false},
	{"MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", "MERGE", DML, false},
	{"COPY t FROM '/tmp/x'", "COPY", DML, false},
	{"COPY t TO STDOUT", "COPY", DML, false},
	{"TRUNCATE t", "TRUNCATE", DML, false},
	{"REFRESH MATERIALIZED VIEW CONCURRENTLY mv", "REFRESH_MATERIALIZED_VIEW", DML, false},

	// Transaction control.
	{"BEGIN", "BEGIN", TxControl, false},
	{"START TRANSACTION ISOLATION LEVEL SERIALIZABLE", "BEGIN", TxControl, false},
	{"COMMIT", "COMMIT", TxControl, false},
	{"END", "COMMIT", TxControl, false},
	{"ROLLBACK", "ROLLBACK", TxControl, false},
	{"ABORT", "ROLLBACK", TxControl, false},
	{"SAVEPOINT s", "SAVEPOINT", TxControl, false},
	{"ROLLBACK TO SAVEPOINT s", "ROLLBACK_TO_SAVEPOINT", TxControl, false},
	{"RELEASE SAVEPOINT s", "RELEASE_SAVEPOINT", TxControl, false},
	{"PREPARE TRANSACTION 'x'", "PREPARE_TRANSACTION", TxControl, false},
	{"COMMIT PREPARED 'x'", "COMMIT_PREPARED", TxControl, true},
	{"ROLLBACK PREPARED 'x'", "ROLLBACK_PREPARED", TxControl, true},

	// Utility.
	{"SET lock_timeout = '5s'", "SET", Utility, false},
	{"SET LOCAL statement_timeout = 0", "SET", Utility, false},
	{"RESET lock_timeout", "RESET", Utility, false},
	{"SHOW lock_timeout", "SHOW", Utility, false},
	{"VACUUM", "VACUUM", Utility, true},
	{"VACUUM (ANALYZE) t", "VACUUM", Utility, true},
	{"ANALYZE t", "ANALYZE", Utility, false},
	{"CLUSTER", "CLUSTER", Utility, true},
	{"CLUSTER t USING i", "CLUSTER", Utility, false},
	{"REINDEX INDEX i", "REINDEX", Utility, false},
	{"REINDEX INDEX CONCURRENTLY i", "REINDEX", Utility, true},
	{"REINDEX (CONCURRENTLY) TABLE t", "REINDEX", Utility, true},
	{"REINDEX (CONCURRENTLY false) TABLE t", "REINDEX", Utility, false},
	{"REINDEX SCHEMA s", "REINDEX", Utility, true},
	{"ALTER SYSTEM SET work_mem = '1MB'", "ALTER_SYSTEM", Utility, true},
	{"DISCARD ALL", "DISCARD", Utility, true},
	{"DISCARD TEMP", "DISCARD", Utility, false},
	{"LOCK TABLE t IN ACCESS EXCLUSIVE MODE", "LOCK", Utility, false},
	{"DO $$ BEGIN END $$", "DO", Utility, false},
	{"CALL p()", "CALL", Utility, false},
	{"EXPLAIN SELECT 1", "EXPLAIN", Utility, false},
	{"CHECKPOINT", "CHECKPOINT", Utility, false},
	{"NOTIFY c", "NOTIFY", Utility, false},
	{"SET CONSTRAINTS ALL DEFERRED", "SET_CONSTRAINTS", Utility, false},
}

func TestKinds(t *testing.T) {
	for _, tt := range kindTests {
		t.Run(tt.sql, func(t *testing.T) {
			f, err := Parse("k.sql", []byte(tt.sql+";"))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(f.Statements) != 1 {
				t.Fatalf("got %d statements, want 1", len(f.Statements))
			}
			st := f.Statements[0]
			if st.Kind != tt.kind || st.Class != tt.class || st.NoTransaction != tt.notx {
				t.Errorf("got (%s, %s, notx=%v), want (%s, %s, notx=%v)",
					st.Kind, st.Class, st.NoTransaction, tt.kind, tt.class, tt.notx)
			}
		})
	}
}

func TestClassString(t *testing.T) {
	for c, want := range map[Class]string{DDL: "ddl", DML: "dml", TxControl: "transaction", Utility: "utility"} {
		if got := c.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(c), got, want)
		}
	}
}
