package pgschema_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/google/go-cmp/cmp"
)

// fixture returns the statements of the rich test schema for the server's
// version, as blocks separated by blank lines. Some need a superuser
// (event triggers, functions in C and internal, FOR ALL TABLES): load them
// with loadFixture.
func fixture(t testing.TB, db *pgtest.DB) []string {
	t.Helper()
	text := readFile(t, "ecommerce.sql") + "\n" + readFile(t, "superuser.sql")
	if db.Cluster().Version() >= 150000 {
		text += "\n" + readFile(t, "modern.sql")
	}
	var blocks []string
	for _, b := range strings.Split(text, "\n\n") {
		if b = strings.TrimSpace(b); b != "" {
			blocks = append(blocks, b)
		}
	}
	return blocks
}

// loadFixture creates the rich test schema in db as the superuser.
func loadFixture(t *testing.T, db *pgtest.DB) {
	t.Helper()
	conn := adminConn(t, db.AdminURL())
	for _, b := range fixture(t, db) {
		mustExec(t, conn, b)
	}
}

// restore loads a dump into a fresh database as the superuser and returns
// that database.
func restore(t *testing.T, dump []byte) *pgtest.DB {
	t.Helper()
	db := pgtest.New(t)
	if _, err := adminConn(t, db.AdminURL()).Exec(context.Background(), string(dump)); err != nil {
		t.Fatalf("restoring the dump: %v\n%s", err, dump)
	}
	return db
}

// diffDumps fails t when two dumps differ.
func diffDumps(t *testing.T, what string, want, got []byte) {
	t.Helper()
	if d := cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")); d != "" {
		t.Errorf("%s differ (-first +second):\n%s", what, d)
	}
}

func TestRoundTripRichSchema(t *testing.T) {
	db := pgtest.New(t)
	loadFixture(t, db)
	first := dumpOf(t, db)
	dump := first.Dump()
	if testing.Verbose() {
		t.Logf("dump:\n%s", dump)
	}
	if len(first.Unsupported) != 0 {
		t.Errorf("Unsupported = %q, want none", first.Unsupported)
	}
	second := dumpOf(t, restore(t, dump))
	diffDumps(t, "dump and dump of the restored dump", dump, second.Dump())
	if first.Hash() != second.Hash() {
		t.Errorf("hashes differ: %s, %s", first.Hash(), second.Hash())
	}
	for _, want := range []string{
		"-- dbcd schema dump format 1\n",
		"CREATE TABLE shop.orders_2024_open PARTITION OF shop.orders_2024\n    FOR VALUES IN ('new', 'paid');",
		"DEFERRABLE INITIALLY DEFERRED",
		"NOT VALID",
		"ENABLE ROW LEVEL SECURITY",
		"CREATE POLICY customer_admin ON shop.customer\n    AS RESTRICTIVE\n    FOR UPDATE",
		"WITH NO DATA",
		"CREATE AGGREGATE shop.sum_price(shop.price)",
		"ALTER TABLE shop.customer DISABLE TRIGGER customer_audit;",
		"COMMENT ON CONSTRAINT price_nonnegative ON DOMAIN shop.price IS 'no refunds here';",
		"CREATE PUBLICATION orders_pub\n    FOR TABLE ONLY shop.orders\n    WITH (publish = 'insert, update, delete, truncate', publish_via_partition_root = true);",
		"ALTER DOMAIN shop.email ADD CONSTRAINT email_short CHECK ((length((VALUE)::text) < 255)) NOT VALID;",
		"WITH (autovacuum_vacuum_scale_factor=0.05, toast.autovacuum_enabled=false);",
		"ALTER TABLE ONLY shop.product ALTER COLUMN title SET STORAGE EXTERNAL;",
		"ALTER TABLE ONLY shop.orders_2023 ALTER COLUMN placed_at SET DEFAULT '2023-06-30 00:00:00+00'::timestamp with time zone;",
		"ALTER TABLE ONLY audit.log_archive ALTER COLUMN row_data SET NOT NULL;",
		"ADD CONSTRAINT warehouse_pkey PRIMARY KEY (id) WITH (fillfactor=80);",
		"ALTER INDEX shop.product_lower_title ALTER COLUMN 1 SET STATISTICS 300;",
		"ALTER VIEW shop.cheap_products ALTER COLUMN price SET DEFAULT 1;",
	} {
		if !strings.Contains(string(dump), want) {
			t.Errorf("dump lacks %q", want)
		}
	}
}

// TestOrderIndependence creates the rich schema twice: once in file order,
// once in reverse with retries (each block runs as soon as what it needs
// exists) after burning OIDs, and expects byte-identical dumps.
func TestOrderIndependence(t *testing.T) {
	forward := pgtest.New(t)
	loadFixture(t, forward)
	blocks := fixture(t, forward)
	backward := pgtest.New(t)
	backward.Exec(t, `CREATE TABLE burn1 (a int); CREATE TYPE burn2 AS ENUM ('x'); DROP TABLE burn1; DROP TYPE burn2`)
	conn := adminConn(t, backward.AdminURL())
	pending := blocks
	for len(pending) > 0 {
		var failed []string
		for i := len(pending) - 1; i >= 0; i-- {
			if _, err := conn.Exec(context.Background(), pending[i]); err != nil {
				failed = append([]string{pending[i]}, failed...)
			}
		}
		if len(failed) == len(pending) {
			t.Fatalf("%d blocks never succeed, first:\n%s", len(failed), failed[0])
		}
		pending = failed
	}
	diffDumps(t, "dumps of the two creation orders", dumpOf(t, forward).Dump(), dumpOf(t, backward).Dump())
}

func TestHistorySchemaIsExcluded(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, `CREATE SCHEMA dbcd;
CREATE TABLE dbcd.migration_history (id bigserial PRIMARY KEY, version text NOT NULL);
CREATE SCHEMA ops;
CREATE TABLE ops.history (id int);
CREATE TABLE public.employee (id int PRIMARY KEY)`)
	dump := string(dumpOf(t, db).Dump())
	if strings.Contains(dump, "dbcd.") || strings.Contains(dump, "SCHEMA IF NOT EXISTS dbcd") {
		t.Errorf("default dump contains the history schema:\n%s", dump)
	}
	if !strings.Contains(dump, "CREATE TABLE public.employee") {
		t.Errorf("dump lacks public.employee:\n%s", dump)
	}
	custom := string(inspect(t, db.Conn(t), pgschema.Options{ExcludeSchemas: []string{"ops"}}).Dump())
	if !strings.Contains(custom, "CREATE TABLE dbcd.migration_history") || strings.Contains(custom, "ops.history") {
		t.Errorf("ExcludeSchemas {ops}: want dbcd kept and ops left out:\n%s", custom)
	}
}

func TestUnsupportedObjectsAreReportedByName(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, `CREATE COLLATION public.german (provider = icu, locale = 'de-DE');
CREATE TEXT SEARCH CONFIGURATION public.english_simple (COPY = pg_catalog.english);
CREATE TABLE public.t (a int, b int);
CREATE STATISTICS public.t_ab ON a, b FROM public.t`)
	// A subscription (pg_dump dumps those too) needs a superuser, and must
	// be gone before the database can be dropped.
	admin := adminConn(t, db.AdminURL())
	mustExec(t, admin, `CREATE SUBSCRIPTION feed CONNECTION 'dbname=nowhere' PUBLICATION pub
WITH (connect = false, enabled = false, create_slot = false, slot_name = NONE)`)
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "DROP SUBSCRIPTION feed") })
	s := dumpOf(t, db)
	want := []string{
		"collation public.german",
		"statistics object public.t_ab",
		"subscription feed",
		"text search configuration public.english_simple",
	}
	if d := cmp.Diff(want, s.Unsupported); d != "" {
		t.Errorf("Unsupported (-want +got):\n%s", d)
	}
	if !strings.Contains(string(s.Dump()), "-- unsupported, not dumped: collation public.german\n") {
		t.Errorf("dump header does not name the unsupported collation:\n%s", s.Dump())
	}
}
