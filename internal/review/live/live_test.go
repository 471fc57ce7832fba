package live

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dbcd/dbcd/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func open(t *testing.T, db *pgtest.DB) *Facts {
	t.Helper()
	f, err := Open(context.Background(), db.URL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close(context.Background()) })
	return f
}

func TestExplain(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, `CREATE TABLE orders (id int PRIMARY KEY, status text)`)
	db.Exec(t, `INSERT INTO orders SELECT g, 'new' FROM generate_series(1, 5000) g`)
	db.Exec(t, `ANALYZE orders`)
	f := open(t, db)
	ctx := context.Background()

	rows, err := f.Explain(ctx, `UPDATE orders SET status = 'x'`)
	if err != nil {
		t.Fatal(err)
	}
	if rows < 4000 {
		t.Errorf("UPDATE without WHERE: estimate %v, want about 5000", rows)
	}
	rows, err = f.Explain(ctx, `DELETE FROM orders WHERE id = 7`)
	if err != nil {
		t.Fatal(err)
	}
	if rows > 10 {
		t.Errorf("DELETE by id: estimate %v, want 1", rows)
	}
	// Nothing was executed.
	if n := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM orders WHERE status = 'new'`); n != 5000 {
		t.Errorf("rows with status new = %d, want 5000: EXPLAIN executed the statement", n)
	}

	_, err = f.Explain(ctx, `UPDATE orders SET nope = 1`)
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || !strings.Contains(pe.Message, "nope") {
		t.Errorf("EXPLAIN of a missing column: err %v, want the server's error naming the column", err)
	}
	// The connection is usable after a failure.
	if _, err := f.Explain(ctx, `DELETE FROM orders WHERE id = 1`); err != nil {
		t.Errorf("after a failed EXPLAIN: %v", err)
	}
}

func TestOwnerAndIndexed(t *testing.T) {
	db := pgtest.New(t)
	db.Exec(t, `CREATE TABLE mine (id int PRIMARY KEY, email text, n int)`)
	db.Exec(t, `CREATE INDEX mine_email ON mine (email, n)`)
	f := open(t, db)
	ctx := context.Background()

	owner, current, err := f.Owner(ctx, "table", "public", "mine")
	if err != nil {
		t.Fatal(err)
	}
	if owner == "" || owner != current {
		t.Errorf("owner %q, current %q: want the current role", owner, current)
	}
	owner, _, err = f.Owner(ctx, "table", "public", "missing")
	if err != nil || owner != "" {
		t.Errorf("missing table: owner %q, err %v", owner, err)
	}
	owner, _, err = f.Owner(ctx, "schema", "", "public")
	if err != nil || owner == "" {
		t.Errorf("schema public: owner %q, err %v", owner, err)
	}

	for col, want := range map[string]bool{"id": true, "email": true, "n": false, "other": false} {
		got, err := f.Indexed(ctx, "public", "mine", col)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("Indexed(mine.%s) = %v, want %v", col, got, want)
		}
	}
}

func TestOpenRedactsPassword(t *testing.T) {
	db := pgtest.New(t)
	url := strings.Replace(db.URL(), "/"+db.Name(), "/no_such_database_x", 1)
	_, err := Open(context.Background(), url)
	if err == nil {
		t.Fatal("connecting to a missing database succeeded")
	}
	if pw := db.Cluster().Password(); pw != "" && strings.Contains(err.Error(), pw) {
		t.Errorf("error shows the password: %v", err)
	}
}
