package model

// Tests of the AST helpers of internal/sqlparse/ast.go, which the model is
// the first user of.

import (
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/sqlparse"
	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// parseOne parses one statement.
func parseOne(t *testing.T, sql string) *sqlparse.Node {
	t.Helper()
	f, err := sqlparse.Parse("test.sql", []byte(sql))
	if err != nil || len(f.Statements) != 1 {
		t.Fatalf("parse %q: %v", sql, err)
	}
	return f.Statements[0].Node
}

func TestTypeNameString(t *testing.T) {
	tests := []struct{ typ, want string }{
		{"int", "integer"}, {"integer", "integer"}, {"int4", "integer"}, {"bigint", "bigint"}, {"int8", "bigint"},
		{"smallint", "smallint"}, {"real", "real"}, {"float", "double precision"}, {"float(10)", "real"},
		{"double precision", "double precision"}, {"boolean", "boolean"}, {"bool", "boolean"},
		{"varchar(20)", "character varying(20)"}, {"character varying", "character varying"},
		{"char", "character(1)"}, {"char(4)", "character(4)"}, {`"char"`, `"char"`},
		{"text", "text"}, {"pg_catalog.text", "text"}, {"jsonb", "jsonb"}, {"uuid", "uuid"},
		{"numeric", "numeric"}, {"numeric(10,2)", "numeric(10,2)"}, {"decimal(5)", "numeric(5)"},
		{"timestamp", "timestamp without time zone"}, {"timestamp(3)", "timestamp(3) without time zone"},
		{"timestamptz", "timestamp with time zone"}, {"timestamp with time zone", "timestamp with time zone"},
		{"time", "time without time zone"}, {"time(2) with time zone", "time(2) with time zone"}, {"timetz", "time with time zone"},
		{"interval", "interval"}, {"interval(3)", "interval(3)"}, {"interval year to month", "interval year to month"},
		{"interval minute to second(2)", "interval minute to second(2)"}, {"interval day", "interval day"},
		{"bit", "bit(1)"}, {"bit varying(8)", "bit varying(8)"}, {"varbit", "bit varying"},
		{"int[]", "integer[]"}, {"int[3][4]", "integer[]"}, {"text ARRAY", "text[]"},
		{"serial", "serial"}, {"bigserial", "bigserial"}, {"smallserial", "smallserial"},
		{"public.mood", "public.mood"}, {`"Public"."Mood"[]`, "Public.Mood[]"}, {"geometry(Point, 4326)", "geometry(point,4326)"},
	}
	for _, tt := range tests {
		n := parseOne(t, "CREATE TABLE t (c "+tt.typ+")")
		tn := n.GetCreateStmt().GetTableElts()[0].GetColumnDef().GetTypeName()
		if got := sqlparse.TypeNameString(tn); got != tt.want {
			t.Errorf("TypeNameString(%s) = %q, want %q", tt.typ, got, tt.want)
		}
	}
	fn := parseOne(t, "CREATE FUNCTION f(x t.c%TYPE) RETURNS SETOF int LANGUAGE sql AS 'select 1'").GetCreateFunctionStmt()
	if got := sqlparse.TypeNameString(fn.GetReturnType()); got != "setof integer" {
		t.Errorf("SETOF int = %q", got)
	}
	if got := sqlparse.TypeNameString(fn.GetParameters()[0].GetFunctionParameter().GetArgType()); got != "t.c%TYPE" {
		t.Errorf("t.c%%TYPE = %q", got)
	}
	if got := sqlparse.TypeNameString(nil); got != "" {
		t.Errorf("TypeNameString(nil) = %q", got)
	}
}

func TestExprString(t *testing.T) {
	tests := []struct{ expr, want string }{
		{"1", "1"}, {"-1.5", "-1.5"}, {"'x'", "'x'"}, {"'it''s'", "'it''s'"}, {"NULL", "NULL"}, {"true", "true"},
		{"now()", "now()"}, {"CURRENT_TIMESTAMP", "current_timestamp"}, {"gen_random_uuid()", "gen_random_uuid()"},
		{"nextval('s'::regclass)", "nextval('s'::regclass)"}, {"'{}'::text[]", "'{}'::text[]"},
		{"(a  >  0)  and (b<1)", "a > 0 AND b < 1"}, {"12 * 5", "12 * 5"},
	}
	for _, tt := range tests {
		n := parseOne(t, "SELECT "+tt.expr)
		expr := n.GetSelectStmt().GetTargetList()[0].GetResTarget().GetVal()
		if got := sqlparse.ExprString(expr); got != tt.want {
			t.Errorf("ExprString(%s) = %q, want %q", tt.expr, got, tt.want)
		}
	}
	if got := sqlparse.ExprString(nil); got != "" {
		t.Errorf("ExprString(nil) = %q", got)
	}
	// A statement is not an expression; the deparser refuses it.
	if got := sqlparse.ExprString(parseOne(t, "CREATE TABLE t (a int)")); got != "" {
		t.Errorf("ExprString(CREATE TABLE) = %q", got)
	}
}

func TestNameHelpers(t *testing.T) {
	n := parseOne(t, "DROP TABLE db.s.t")
	if got := sqlparse.NameList(n.GetDropStmt().GetObjects()[0].GetList().GetItems()); !cmp.Equal(got, []string{"db", "s", "t"}) {
		t.Errorf("NameList = %q", got)
	}
	sel := parseOne(t, "SELECT t.* FROM s.t").GetSelectStmt()
	if got := sqlparse.NameList(sel.GetTargetList()[0].GetResTarget().GetVal().GetColumnRef().GetFields()); !cmp.Equal(got, []string{"t", "*"}) {
		t.Errorf("NameList(t.*) = %q", got)
	}
	if schema, name := sqlparse.RangeVarName(sel.GetFromClause()[0].GetRangeVar()); schema != "s" || name != "t" {
		t.Errorf("RangeVarName = %q, %q", schema, name)
	}
	if schema, name := sqlparse.RangeVarName(nil); schema != "" || name != "" {
		t.Errorf("RangeVarName(nil) = %q, %q", schema, name)
	}
	if got := sqlparse.StringValue(nil); got != "" {
		t.Errorf("StringValue(nil) = %q", got)
	}
}

func TestWalk(t *testing.T) {
	n := parseOne(t, "SELECT a + f(b, c.d) FROM t WHERE e IN (SELECT g FROM u)")
	var refs []string
	sqlparse.Walk(n, func(n *sqlparse.Node) bool {
		if n.GetSubLink() != nil {
			return false // not into the subquery
		}
		if cr := n.GetColumnRef(); cr != nil {
			fields := sqlparse.NameList(cr.GetFields())
			refs = append(refs, fields[len(fields)-1])
		}
		return true
	})
	if want := []string{"a", "b", "d"}; !cmp.Equal(refs, want) {
		t.Errorf("column references = %q, want %q", refs, want)
	}
	if got := columnRefs(parseOne(t, "SELECT a + a * b, t.c, t.* FROM t")); !cmp.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("columnRefs = %q", got)
	}
	sqlparse.Walk(nil, func(*sqlparse.Node) bool { t.Error("visited nil"); return true })
}

// exprCorpus are expressions for the check that ExprString writes what the
// deparser writes, in and out of its Go fast path.
var exprCorpus = []string{
	"1", "-1", "1.5", "-2.5", "1e10", "'x'", "''", "'it''s'", `'a\b'`, "E'a\\nb'", "NULL", "true", "false", "B'101'", "X'1F'",
	"a", "t.a", "s.t.a", "value", "name", "\"A\"", "\"select\"", "\"user\"", "user", "t.*", "$1",
	"now()", "pg_catalog.now()", "gen_random_uuid()", "f(a, 1, 'x')", "f(-1)", "f(a + 1)", "count(*)", "count(DISTINCT a)",
	"coalesce(a, 1)", "\"left\"(a, 1)", "left(a, 1)", "f(a => 1)", "lower(name)", "public.f(t.a)", "extract(year FROM a)",
	"'x'::text", "'s'::regclass", "'ok'::public.mood", "a::text", "a::int", "1::bigint", "-1::bigint", "'{}'::jsonb",
	"'{}'::text[]", "'x'::varchar(3)", "a::\"char\"", "'x'::timestamptz", "(a + b)::text", "'1'::interval",
	"CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP(3)", "current_date", "localtimestamp", "current_user", "session_user", "user",
	"current_role", "current_catalog", "current_schema", "current_time", "localtime",
	"a > 0", "a >= -1", "a <> 'x'", "a = b", "a + 1", "1 + 2 * 3", "a ~ 'x'", "a !~~ 'x'", "a @> '{}'", "a || 'x'",
	"a IS NULL", "a IS NOT NULL", "f(a) IS NOT NULL", "(a, b) IS NULL", "NOT a", "- a", "a IS TRUE",
	"a > 0 AND b < 1", "a > 0 OR b IS NULL", "a AND b", "a > 0 AND (b < 1 OR c)", "a AND b AND c", "(a > 0) = true",
	"a LIKE 'x%'", "a IN (1, 2)", "a BETWEEN 1 AND 2", "CASE WHEN a THEN 1 END", "ARRAY[1, 2]", "(SELECT 1)",
	"length(nick) < 20", "salary * 2", "status <> 'sad'", "nextval('public.t_id_seq'::regclass)", "value % 2 = 1",
	"a OPERATOR(pg_catalog.=) b", "a = ANY (b)", "a COLLATE \"C\"", "a[1]", "(a).b", "row(a, b)",
	"t.value", "value.x", "action()", "'x'::name", "data = 1", "f(value)", "a$b", "\"a$b\"()", "'x'::\"Mood\"",
	"1::mood", "NULL::mood", "a::\"text\"", "a = -1", "-a = 1", "a > 0 AND b", "(a > 0) AND (b > 0)",
}

// deparsedExpr returns the deparser's text for the one expression of the
// statement SELECT expr, or false when the statement is anything else.
func deparsedExpr(t *testing.T, expr string) (*sqlparse.Node, string, bool) {
	f, err := parseForFuzz(t, "SELECT "+expr)
	if err != nil || len(f.Statements) != 1 {
		return nil, "", false
	}
	sel := f.Statements[0].Node.GetSelectStmt()
	set := 0
	sel.ProtoReflect().Range(func(protoreflect.FieldDescriptor, protoreflect.Value) bool {
		set++
		return true
	})
	// Only the target list, plus the LIMIT option and set operation that
	// every SELECT has.
	if set != 3 || len(sel.GetTargetList()) != 1 || sel.GetTargetList()[0].GetResTarget().GetName() != "" {
		return nil, "", false
	}
	sql, err := sqlparse.Deparse(f.Statements[0].Node)
	if err != nil {
		return nil, "", false
	}
	want, ok := strings.CutPrefix(sql, "SELECT ")
	return sel.GetTargetList()[0].GetResTarget().GetVal(), want, ok
}

func TestExprStringMatchesDeparser(t *testing.T) {
	for _, e := range exprCorpus {
		n, want, ok := deparsedExpr(t, e)
		if !ok {
			t.Errorf("corpus expression %q is not a lone expression", e)
			continue
		}
		if got := sqlparse.ExprString(n); got != want {
			t.Errorf("ExprString(%s) = %q, deparser writes %q", e, got, want)
		}
	}
}

// FuzzExprString checks that ExprString always writes what the deparser
// writes: its Go fast path must not change the text of any expression.
func FuzzExprString(f *testing.F) {
	for _, e := range exprCorpus {
		f.Add(e)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		n, want, ok := deparsedExpr(t, expr)
		if !ok {
			return
		}
		if got := sqlparse.ExprString(n); got != want {
			t.Errorf("ExprString(%s) = %q, deparser writes %q", expr, got, want)
		}
	})
}
