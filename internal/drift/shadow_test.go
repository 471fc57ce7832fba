package drift

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/pgtest"
)

// roleURL creates a login role without CREATEDB that owns a fresh
// database, and returns that database and the role's URL of it.
func roleURL(t *testing.T, admin *pgtest.DB) (*pgtest.DB, string) {
	t.Helper()
	var buf [4]byte
	_, _ = rand.Read(buf[:])
	role := "dbcd_shadow_" + hex.EncodeToString(buf[:])
	admin.Exec(t, `CREATE ROLE `+role+` LOGIN NOCREATEDB PASSWORD 'shadow-pw'; GRANT `+role+` TO CURRENT_USER`)
	t.Cleanup(func() { admin.Exec(t, `DROP ROLE `+role) })
	db := pgtest.New(t)
	admin.Exec(t, `ALTER DATABASE `+db.Name()+` OWNER TO `+role)
	u, err := url.Parse(db.URL())
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(role, "shadow-pw")
	return db, u.String()
}

// objects lists what a database holds besides the public schema.
func objects(t *testing.T, db *pgtest.DB) []string {
	t.Helper()
	s, err := pgschema.Inspect(context.Background(), db.Conn(t), pgschema.Options{ExcludeSchemas: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range s.Objects() {
		if o.Kind() != "schema" || o.Name() != "public" {
			out = append(out, o.Kind()+" "+o.Name())
		}
	}
	return out
}

// TestShadowDatabaseWithoutCreateDB: with --shadow naming an empty database
// whose role may not create databases, the LATEST file is loaded into that
// database itself, compared, and removed again; a database that is not
// empty is refused.
func TestShadowDatabaseWithoutCreateDB(t *testing.T) {
	target := pgtest.New(t)
	migrate(t, target, file("1", richSchema))
	latest := []byte(richSchemaReordered)
	target.Exec(t, `ALTER TABLE employee ADD COLUMN city text`)
	shadow, shadowURL := roleURL(t, target)

	for range 2 { // the second run finds the database empty again
		res, err := Check(context.Background(), Options{Name: "t1", URL: target.URL(), Against: AgainstRepo, Latest: latest, Shadow: shadowURL})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Diff.Changes) != 1 || res.Diff.Changes[0].Name != "public.employee.city" {
			t.Errorf("diff = %+v", res.Diff)
		}
		if left := objects(t, shadow); len(left) > 0 {
			t.Fatalf("the shadow database was not emptied: %v", left)
		}
	}

	shadow.Exec(t, `CREATE TABLE junk (a int)`)
	_, err := Check(context.Background(), Options{Name: "t1", URL: target.URL(), Against: AgainstRepo, Latest: latest, Shadow: shadowURL})
	if err == nil || !strings.Contains(err.Error(), "the shadow database is not empty (table public.junk)") {
		t.Errorf("non-empty shadow: %v", err)
	}
	if strings.Contains(err.Error(), "shadow-pw") {
		t.Error("the error shows the password")
	}
}

// TestShadowServerGetsAScratchDatabase: when the shadow's role may create
// databases, a scratch database is created there and dropped; the shadow
// database itself is left alone.
func TestShadowServerGetsAScratchDatabase(t *testing.T) {
	target, shadow := pgtest.New(t), pgtest.New(t)
	shadow.Exec(t, `CREATE TABLE mine (a int)`) // not empty: not touched either
	migrate(t, target, file("1", "CREATE TABLE employee (id int PRIMARY KEY);\n"))
	// Without the stored model (an older dbcd's snapshot) the snapshot is
	// loaded.
	target.Exec(t, `ALTER TABLE employee ADD COLUMN city text; UPDATE dbcd.migration_history_snapshot SET model = NULL`)
	before := pgtest.QueryValue[int64](t, shadow, scratches)
	res, err := Check(context.Background(), Options{Name: "t1", URL: target.URL(), Shadow: shadow.URL()})
	if err != nil || len(res.Diff.Changes) != 1 || res.Diff.Changes[0].Name != "public.employee.city" {
		t.Fatalf("res = %+v, err = %v", res, err)
	}
	if got := objects(t, shadow); len(got) != 1 || got[0] != "table public.mine" {
		t.Errorf("shadow database holds %v", got)
	}
	if after := pgtest.QueryValue[int64](t, shadow, scratches); after != before {
		t.Errorf("scratch databases: %d before, %d after", before, after)
	}
}

// TestNoDriftNeedsNoScratchDatabase: when the live schema dumps to the
// recorded bytes, nothing is loaded: an unreachable shadow is never
// contacted. Nor is it when the schema drifted and the snapshot has its
// model stored; only a snapshot without one needs loading.
func TestNoDriftNeedsNoScratchDatabase(t *testing.T) {
	db := pgtest.New(t)
	migrate(t, db, file("1", richSchema))
	unreachable := "postgres://nobody:secret@127.0.0.1:1/none?connect_timeout=1"
	res, err := Check(context.Background(), Options{Name: "t1", URL: db.URL(), Shadow: unreachable})
	if err != nil || res.Drifted() || res.Baseline != AgainstHistory {
		t.Fatalf("no drift: %+v, %v", res, err)
	}
	db.Exec(t, `COMMENT ON TABLE dept IS 'departments'`)
	res, err = Check(context.Background(), Options{Name: "t1", URL: db.URL(), Shadow: unreachable})
	if err != nil || len(res.Diff.Changes) != 1 || res.Diff.Changes[0].Name != "public.dept" {
		t.Fatalf("drifted, stored model: %+v, %v", res, err)
	}
	db.Exec(t, `UPDATE dbcd.migration_history_snapshot SET model = NULL`)
	if _, err := Check(context.Background(), Options{Name: "t1", URL: db.URL(), Shadow: unreachable}); err == nil {
		t.Error("drift was compared without loading the expected schema")
	}
}
