package review

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// TestExecContext checks the execution context computed for each statement:
// "t" in a transaction block, "l" lock_timeout set, "s" statement_timeout
// set, "-" otherwise, one triple per statement.
func TestExecContext(t *testing.T) {
	dbcd, psql := Options{Runner: RunnerDBCD}, Options{Runner: RunnerPsql}
	tests := []struct {
		name    string
		opts    Options
		sql     string
		want    string
		wrapped bool
	}{
		{"dbcd wraps and sets lock_timeout", dbcd, "ALTER TABLE t ADD c int; SELECT 1", "tl- tl-", true},
		{"psql neither", psql, "ALTER TABLE t ADD c int; SELECT 1", "--- ---", false},
		{"dbcd no-transaction directive", dbcd, "-- dbcd:no-transaction\nALTER TABLE t ADD c int", "-l-", false},
		{"dbcd concurrently is not wrapped", dbcd, "CREATE INDEX CONCURRENTLY i ON t (a); SELECT 1", "-l- -l-", false},
		{"dbcd explicit block is not wrapped", dbcd, "SELECT 1; BEGIN; SELECT 2; COMMIT; SELECT 3", "-l- -l- tl- tl- -l-", false},
		{"dbcd lock-timeout 0 directive", dbcd, "-- dbcd:lock-timeout 0\nSELECT 1; SET lock_timeout = '5s'; SELECT 2", "t-- t-- tl-", true},
		{"dbcd statement-timeout directive", dbcd, "-- dbcd:statement-timeout 10m\nSELECT 1", "tls", true},
		{"psql SET and zero", psql, "SET lock_timeout = '5s'; SELECT 1; SET lock_timeout = 0; SELECT 2", "--- -l- -l- ---", false},
		{"psql SET quoted zero with unit", psql, "SET lock_timeout TO '5s'; SET lock_timeout = '0ms'; SELECT 1", "--- -l- ---", false},
		{"psql RESET", psql, "SET lock_timeout = '5s'; RESET lock_timeout; SELECT 1", "--- -l- ---", false},
		{"psql RESET ALL", psql, "SET lock_timeout = '5s'; SET statement_timeout = '1min'; RESET ALL; SELECT 1", "--- -l- -ls ---", false},
		{"psql DISCARD ALL", psql, "SET lock_timeout = '5s'; SET statement_timeout = '1min'; DISCARD ALL; SELECT 1", "--- -l- -ls ---", false},
		{"psql DISCARD PLANS keeps settings", psql, "SET lock_timeout = '5s'; DISCARD PLANS; SELECT 1", "--- -l- -l-", false},
		{"dbcd DISCARD ALL returns to the runner's value", dbcd, "-- dbcd:no-transaction\nSET lock_timeout = 0; DISCARD ALL; SELECT 1", "-l- --- -l-", false},
		{"psql SET TO DEFAULT", psql, "SET lock_timeout = '5s'; SET lock_timeout TO DEFAULT; SELECT 1", "--- -l- ---", false},
		{"dbcd RESET returns to the runner's value", dbcd, "SET lock_timeout = 0; SELECT 1; RESET lock_timeout; SELECT 2", "tl- t-- t-- tl-", true},
		{"psql SET LOCAL outside a block does nothing", psql, "SET LOCAL lock_timeout = '5s'; SELECT 1", "--- ---", false},
		{"psql SET LOCAL ends at COMMIT", psql, "BEGIN; SET LOCAL lock_timeout = '5s'; SELECT 1; COMMIT; SELECT 2", "--- t-- tl- tl- ---", false},
		{"psql SET inside a block survives COMMIT", psql, "BEGIN; SET lock_timeout = '5s'; COMMIT; SELECT 1", "--- t-- tl- -l-", false},
		{"psql ROLLBACK undoes SET", psql, "BEGIN; SET lock_timeout = '5s'; SELECT 1; ROLLBACK; SELECT 2", "--- t-- tl- tl- ---", false},
		{"psql ROLLBACK keeps SET from before the block", psql, "SET lock_timeout = '5s'; BEGIN; SET lock_timeout = 0; ROLLBACK; SELECT 1", "--- -l- tl- t-- -l-", false},
		{"psql ABORT and END", psql, "START TRANSACTION; SELECT 1; END; BEGIN; ABORT; SELECT 2", "--- t-- t-- --- t-- ---", false},
		{"psql COMMIT AND CHAIN keeps a block open", psql, "BEGIN; SELECT 1; COMMIT AND CHAIN; SELECT 2; COMMIT; SELECT 3", "--- t-- t-- t-- t-- ---", false},
		{"psql stray COMMIT", psql, "SET lock_timeout = '5s'; COMMIT; SELECT 1", "--- -l- -l-", false},
		{"psql set_config session", psql, "SELECT set_config('lock_timeout', '5s', false); SELECT 1", "--- -l-", false},
		{"psql set_config local outside a block", psql, "SELECT set_config('lock_timeout', '5s', true); SELECT 1", "--- ---", false},
		{"psql set_config local in a block", psql, "BEGIN; SELECT set_config('statement_timeout', '5s', true); SELECT 1; COMMIT; SELECT 2", "--- t-- t-s t-s ---", false},
		{"psql set_config in a function body does not run", psql,
			"CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$ SELECT set_config('lock_timeout', '5s', false) $$; SELECT 1", "--- ---", false},
		{"psql set_config in a DO block runs", psql,
			"DO $$ BEGIN PERFORM set_config('lock_timeout', '5s', false); END $$; SELECT 1", "--- -l-", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := sqlparse.Parse("t.sql", []byte(tt.sql))
			if err != nil {
				t.Fatal(err)
			}
			stmts, wrapped := execContext(f, tt.opts)
			var got []string
			for _, s := range stmts {
				b := []byte("---")
				if s.InTransaction {
					b[0] = 't'
				}
				if s.LockTimeout {
					b[1] = 'l'
				}
				if s.StatementTimeout {
					b[2] = 's'
				}
				got = append(got, string(b))
			}
			if g := strings.Join(got, " "); g != tt.want || wrapped != tt.wrapped {
				t.Errorf("got %s wrapped=%v, want %s wrapped=%v\nSQL: %s", g, wrapped, tt.want, tt.wrapped, tt.sql)
			}
		})
	}
}

// TestWalkEndsSession checks that a reviewed file's SET search_path does not
// leak into the next reviewed file: each file runs in its own session.
func TestWalkEndsSession(t *testing.T) {
	rule := &Rule{
		ID: "test.resolve", Category: CategoryMeta, Level: diag.Error,
		Stmt: func(p *Pass, s *Stmt) {
			if rv := s.Node.GetCreateStmt().GetRelation(); rv != nil {
				p.Report(s, "%s", p.Schema.Resolve(rv.GetSchemaname(), rv.GetRelname()))
			}
		},
	}
	c, err := NewCatalog(rule)
	if err != nil {
		t.Fatal(err)
	}
	pol := &Policy{Name: "test", Gate: diag.Error, Rules: map[string]Setting{rule.ID: {Level: diag.Error}}}
	h := History{Files: []File{
		{Path: "1.sql", Content: []byte("CREATE SCHEMA app; SET search_path = app; CREATE TABLE a (id int);"), Review: true, Policies: []*Policy{pol}},
		{Path: "2.sql", Content: []byte("CREATE TABLE b (id int);"), Review: true, Policies: []*Policy{pol}},
	}}
	res, err := c.Review(context.Background(), []History{h}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.File+":"+f.Message)
	}
	if want := "1.sql:app.a 2.sql:public.b"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

func TestMatchSetConfig(t *testing.T) {
	for _, text := range []string{
		"SELECT set_config('lock_timeout', '5s', false)",
		"SELECT SET_CONFIG ( 'statement_timeout' , '0' , TRUE )",
		"SELECT \u017fet_Config('lock_timeout', '1s', true)",
		"SELECT pg_catalog.set_config('lock_timeout', '1s', true)",
		"SELECT a_b, set_config('lock_timeout', '1s', true)",
		"SELECT set_config('work_mem', '1MB', false)",
		"SELECT _",
		"SELECT x_",
		"SELECT 1",
		"UPDATE t SET a_config = 1",
		"",
	} {
		got, want := matchSetConfig(text), setConfig.FindStringSubmatch(text)
		if !slices.Equal(got, want) {
			t.Errorf("matchSetConfig(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestTrackCreated checks which relations count as created in the file:
// sequences too, and relations created here under their new name after
// RENAME TO or SET SCHEMA.
func TestTrackCreated(t *testing.T) {
	rule := &Rule{
		ID: "test.existing", Category: CategoryMeta, Level: diag.Error,
		Stmt: func(p *Pass, s *Stmt) {
			if s.Node.GetSelectStmt() == nil {
				return
			}
			for _, rv := range sqlparse.RelationRefs(s.Node) {
				q := p.Schema.Resolve(rv.GetSchemaname(), rv.GetRelname())
				p.Report(s, "%s created=%v existing=%v", q, p.Created(q), p.Existing(q))
			}
		},
	}
	c, err := NewCatalog(rule)
	if err != nil {
		t.Fatal(err)
	}
	pol := &Policy{Name: "test", Gate: diag.Error, Rules: map[string]Setting{rule.ID: {Level: diag.Error}}}
	sql := "CREATE SCHEMA app; CREATE SEQUENCE s; SELECT * FROM s;\n" +
		"CREATE TABLE t (id int); ALTER TABLE t RENAME TO t2; SELECT * FROM t2;\n" +
		"ALTER TABLE t2 SET SCHEMA app; SELECT * FROM app.t2;\n" +
		"CREATE TABLE old (id int); SELECT * FROM old;\n" +
		"ALTER TABLE old RENAME TO old2; SELECT * FROM old2;\n" +
		"CREATE FOREIGN TABLE remote (id int) SERVER srv; SELECT * FROM remote;\n" +
		"CREATE SCHEMA tenant CREATE TABLE orders (id int) CREATE SEQUENCE seq; SELECT * FROM tenant.orders, tenant.seq;"
	h := History{Files: []File{
		{Path: "1.sql", Content: []byte("CREATE TABLE old (id int);")},
		{Path: "2.sql", Content: []byte(sql), Review: true, Policies: []*Policy{pol}},
	}}
	res, err := c.Review(context.Background(), []History{h}, Options{Runner: RunnerPsql})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, f.Message)
	}
	want := []string{
		"public.s created=true existing=false",
		"public.t2 created=true existing=false",
		"app.t2 created=true existing=false",
		"public.old created=false existing=true",
		"public.old2 created=false existing=true",
		"public.remote created=true existing=false",
		"tenant.orders created=true existing=false",
		"tenant.seq created=true existing=false",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
