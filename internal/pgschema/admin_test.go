package pgschema_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/jackc/pgx/v5"
)

// adminConn connects to url as the superuser and closes the connection when
// t ends.
func adminConn(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatalf("connecting as superuser: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

func mustExec(t *testing.T, conn *pgx.Conn, sql string) {
	t.Helper()
	if _, err := conn.Exec(context.Background(), sql); err != nil {
		t.Fatalf("%v\n%s", err, sql)
	}
}

// TestOwnersGrantsAndEventTriggers covers what only a superuser can create
// and the optional owners and grants, round trip included.
func TestOwnersGrantsAndEventTriggers(t *testing.T) {
	cluster := pgtest.Server(t)
	role := fmt.Sprintf("pgschema_reader_%d", time.Now().UnixNano()%1e9)
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), cluster.AdminURL())
		if err == nil {
			_, _ = conn.Exec(context.Background(), "DROP ROLE IF EXISTS "+role)
			_ = conn.Close(context.Background())
		}
	})
	db := pgtest.New(t)
	admin := adminConn(t, db.AdminURL())
	mustExec(t, admin, "CREATE ROLE "+role)
	setup := strings.ReplaceAll(`CREATE SCHEMA app;
CREATE TABLE app.account (id int PRIMARY KEY, balance numeric, note text);
CREATE FUNCTION app.touch() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl'; END $$;
CREATE FUNCTION app.secret() RETURNS int LANGUAGE sql AS 'SELECT 42';
CREATE EVENT TRIGGER app_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE') EXECUTE FUNCTION app.touch();
CREATE EVENT TRIGGER app_off ON sql_drop EXECUTE FUNCTION app.touch();
ALTER EVENT TRIGGER app_off DISABLE;
COMMENT ON EVENT TRIGGER app_ddl IS 'watch DDL';
GRANT USAGE ON SCHEMA app TO ROLE WITH GRANT OPTION;
GRANT SELECT, INSERT ON app.account TO ROLE;
GRANT UPDATE (note) ON app.account TO ROLE;
REVOKE EXECUTE ON FUNCTION app.secret() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.secret() TO ROLE;
CREATE TABLE app.ledger (id int);
ALTER TABLE app.ledger OWNER TO ROLE;
CREATE PUBLICATION everything FOR ALL TABLES;`, "ROLE", role)
	mustExec(t, admin, setup)
	if cluster.Version() >= 150000 {
		mustExec(t, admin, "CREATE PUBLICATION app_schema FOR TABLES IN SCHEMA app WITH (publish = 'insert')")
	}
	opts := pgschema.Options{IncludeOwners: true, IncludeGrants: true}
	first := inspect(t, admin, opts)
	dump := string(first.Dump())
	for _, want := range []string{
		"CREATE EVENT TRIGGER app_ddl ON ddl_command_end\n    WHEN TAG IN ('ALTER TABLE', 'CREATE TABLE')\n    EXECUTE FUNCTION app.touch();",
		"ALTER EVENT TRIGGER app_off DISABLE;",
		"COMMENT ON EVENT TRIGGER app_ddl IS 'watch DDL';",
		"GRANT USAGE ON SCHEMA app TO " + role + " WITH GRANT OPTION;",
		"GRANT INSERT, SELECT ON TABLE app.account TO " + role + ";",
		"GRANT UPDATE (note) ON TABLE app.account TO " + role + ";",
		"REVOKE EXECUTE ON FUNCTION app.secret() FROM PUBLIC;",
		"GRANT EXECUTE ON FUNCTION app.secret() TO " + role + ";",
		"ALTER TABLE app.ledger OWNER TO " + role + ";",
		"CREATE PUBLICATION everything\n    FOR ALL TABLES\n",
	} {
		if !strings.Contains(dump, want) {
			t.Errorf("dump lacks %q:\n%s", want, dump)
		}
	}
	if plain := string(inspect(t, admin, pgschema.Options{}).Dump()); strings.Contains(plain, "OWNER TO") || strings.Contains(plain, "GRANT ") {
		t.Errorf("dump without IncludeOwners/IncludeGrants has owners or grants:\n%s", plain)
	}
	fresh := pgtest.New(t)
	restored := adminConn(t, fresh.AdminURL())
	mustExec(t, restored, dump)
	diffDumps(t, "dump and dump of the restored dump", first.Dump(), inspect(t, restored, opts).Dump())
}
