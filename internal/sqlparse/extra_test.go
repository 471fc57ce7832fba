package sqlparse

import (
	"os"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	if got, want := Version(), "PostgreSQL 16 (pg_query_go v5.1.0, libpg_query 16-5.1.0)"; got != want {
		t.Errorf("Version() = %q, want %q", got, want)
	}
	if got := GrammarMajor(); got != 16 {
		t.Errorf("GrammarMajor() = %d, want 16", got)
	}
	// The version constants are written by hand: check them against go.mod.
	mod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Skipf("cannot read go.mod: %v", err)
	}
	want := "github.com/pganalyze/pg_query_go/v5 " + pgQueryGoVersion
	if !strings.Contains(string(mod), want) {
		t.Errorf("go.mod does not require %q: update pgQueryGoVersion and libPgQueryVersion in extra.go", want)
	}
}

func TestDeparse(t *testing.T) {
	f, err := Parse("m.sql", []byte("-- c\ncreate index concurrently idx on t (a) where b > 1;"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Deparse(f.Statements[0].Node)
	if err != nil {
		t.Fatal(err)
	}
	if want := "CREATE INDEX CONCURRENTLY idx ON t USING btree (a) WHERE b > 1"; got != want {
		t.Errorf("Deparse = %q, want %q", got, want)
	}
	if _, err := Deparse(nil); err == nil {
		t.Error("Deparse(nil): no error")
	}
}

func TestFingerprint(t *testing.T) {
	a, err := Fingerprint("SELECT * FROM t WHERE id = 1")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Fingerprint("select *\n  from t -- comment\n where id = 42")
	if err != nil {
		t.Fatal(err)
	}
	if a != b || a == "" {
		t.Errorf("fingerprints %q and %q, want equal and non-empty", a, b)
	}
	c, err := Fingerprint("SELECT * FROM u WHERE id = 1")
	if err != nil || c == a {
		t.Errorf("fingerprint of another table = %q, %v; want a different one", c, err)
	}
	deep := "SELECT 1" + strings.Repeat(" UNION SELECT 1", 2*maxNesting+2)
	for _, bad := range []string{"SELEC 1", "SELECT 1\x00", "SELECT '\xff'", deep} {
		if _, err := Fingerprint(bad); err == nil || !strings.HasPrefix(err.Error(), "fingerprint: ") {
			t.Errorf("Fingerprint(%.40q) error = %v, want a fingerprint error", bad, err)
		}
	}
}
