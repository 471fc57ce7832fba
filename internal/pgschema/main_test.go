package pgschema_test

import (
	"context"
	"os"
	"testing"

	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/pgtest"
	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// inspect reads the schema of db through conn.
func inspect(t testing.TB, conn *pgx.Conn, opts pgschema.Options) *pgschema.Schema {
	t.Helper()
	s, err := pgschema.Inspect(context.Background(), conn, opts)
	if err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	return s
}

// dumpOf inspects a test database with the default options.
func dumpOf(t testing.TB, db *pgtest.DB) *pgschema.Schema {
	t.Helper()
	return inspect(t, db.Conn(t), pgschema.Options{})
}

// readFile returns a testdata file.
func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
