package pgtest_test

import (
	"context"
	"os"
	"testing"

	"github.com/dbcd/dbcd/internal/pgtest"
)

func TestPrivateClusterRestarts(t *testing.T) {
	shared := pgtest.New(t)
	p := pgtest.NewPrivate(t)
	if p.HostPort() == shared.Cluster().HostPort() {
		t.Fatal("the private cluster is the shared one")
	}
	db := p.NewDB(t)
	db.Exec(t, `CREATE TABLE kept (id int); INSERT INTO kept VALUES (1)`)
	before := pgtest.QueryValue[string](t, db, `SELECT pg_postmaster_start_time()::text`)
	url := db.URL()
	p.Restart(t)
	if db.URL() != url {
		t.Errorf("URL changed over the restart: %s -> %s", url, db.URL())
	}
	conn := db.Conn(t)
	var after string
	var n int
	if err := conn.QueryRow(context.Background(), `SELECT pg_postmaster_start_time()::text, (SELECT count(*) FROM kept)`).Scan(&after, &n); err != nil {
		t.Fatal(err)
	}
	if after == before || n != 1 {
		t.Errorf("after restart: start time %s (was %s), %d rows", after, before, n)
	}
	if got := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM kept`); got != 1 {
		t.Errorf("QueryValue after restart = %d", got)
	}
	// The shared cluster was not touched, and new databases still work.
	shared.Exec(t, `SELECT 1`)
	p.NewDB(t).Exec(t, `SELECT 1`)
}

func TestGenerateTables(t *testing.T) {
	db := pgtest.New(t)
	db.GenerateTables(t, 25)
	got := pgtest.QueryValue[string](t, db, `SELECT format('%s tables, %s views, %s triggers, %s fkeys',
  (SELECT count(*) FROM pg_tables WHERE schemaname = 'public'),
  (SELECT count(*) FROM pg_views WHERE schemaname = 'public'),
  (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal),
  (SELECT count(*) FROM pg_constraint WHERE contype = 'f'))`)
	if got != "25 tables, 2 views, 2 triggers, 24 fkeys" {
		t.Errorf("generated %s", got)
	}
}

// TestDurablePrivateCluster: a durable private cluster keeps PostgreSQL's
// durability settings, which the shared cluster gives up.
func TestDurablePrivateCluster(t *testing.T) {
	settings := func(db *pgtest.DB) string {
		return pgtest.QueryValue[string](t, db, `SELECT current_setting('fsync') || ' ' ||
  current_setting('synchronous_commit') || ' ' || current_setting('full_page_writes') || ' ' || current_setting('wal_level')`)
	}
	if got, want := settings(pgtest.NewPrivate(t, pgtest.Durable()).NewDB(t)), "on on on replica"; got != want {
		t.Errorf("durable cluster: fsync, synchronous_commit, full_page_writes, wal_level = %s, want %s", got, want)
	}
	if os.Getenv("DBCD_TEST_DATABASE_URL") != "" {
		return
	}
	if got, want := settings(pgtest.New(t)), "off off off minimal"; got != want {
		t.Errorf("shared cluster: fsync, synchronous_commit, full_page_writes, wal_level = %s, want %s", got, want)
	}
}
