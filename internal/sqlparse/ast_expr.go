package sqlparse

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// The text of types and expressions of the parse tree, for rules and the
// review model (split out of ast.go to keep it short).

// builtinTypes maps the internal names of built-in types, as the grammar
// writes them (pg_catalog.int4) or as users may (int4, timestamptz), to the
// spelling PostgreSQL's format_type uses.
var builtinTypes = map[string]string{
	"bool":        "boolean",
	"bpchar":      "character",
	"float4":      "real",
	"float8":      "double precision",
	"int2":        "smallint",
	"int4":        "integer",
	"int8":        "bigint",
	"time":        "time without time zone",
	"timestamp":   "timestamp without time zone",
	"timestamptz": "timestamp with time zone",
	"timetz":      "time with time zone",
	"varbit":      "bit varying",
	"varchar":     "character varying",
}

// intervalFields maps the range masks of INTERVAL typmods to their keywords.
var intervalFields = map[int32]string{
	4: "year", 2: "month", 8: "day", 1024: "hour", 2048: "minute", 4096: "second",
	6: "year to month", 1032: "day to hour", 3080: "day to minute", 7176: "day to second",
	3072: "hour to minute", 7168: "hour to second", 6144: "minute to second",
}

// TypeNameString returns a normalised spelling of a type name: built-in types
// as PostgreSQL's format_type writes them (integer, bigint, character
// varying(20), timestamp with time zone, numeric(10,2)) without the
// pg_catalog prefix, other types as written with their qualification
// (text, jsonb, serial, public.mood), and arrays with a single "[]" whatever
// their declared dimensions. It returns "" for a nil type name.
func TypeNameString(tn *TypeName) string {
	names := NameList(tn.GetNames())
	if len(names) == 0 {
		return ""
	}
	mods := tn.GetTypmods()
	var s string
	switch {
	case len(names) == 2 && names[0] == "pg_catalog", len(names) == 1 && builtinTypes[names[0]] != "":
		s = builtinTypeString(names[len(names)-1], mods)
	case len(names) == 1 && names[0] == "char":
		s = `"char"` + typmodString(mods)
	default:
		s = strings.Join(names, ".") + typmodString(mods)
	}
	if tn.GetPctType() {
		s += "%TYPE"
	}
	if len(tn.GetArrayBounds()) > 0 {
		s += "[]"
	}
	if tn.GetSetof() {
		s = "setof " + s
	}
	return s
}

// builtinTypeString spells the built-in type name with its typmods.
func builtinTypeString(name string, mods []*Node) string {
	switch name {
	case "interval":
		return intervalString(mods)
	case "time", "timetz", "timestamp", "timestamptz":
		base, zone, _ := strings.Cut(builtinTypes[name], " ")
		return base + typmodString(mods) + " " + zone
	}
	if spelled := builtinTypes[name]; spelled != "" {
		name = spelled
	}
	return name + typmodString(mods)
}

// intervalString spells an interval type: its first typmod is the range
// mask, the optional second one the precision of the seconds.
func intervalString(mods []*Node) string {
	s := "interval"
	if len(mods) == 0 {
		return s
	}
	if f := intervalFields[mods[0].GetAConst().GetIval().GetIval()]; f != "" {
		s += " " + f
	}
	if len(mods) > 1 {
		s += typmodString(mods[1:])
	}
	return s
}

// typmodString spells type modifiers as "(20)" or "(10,2)", or "" when there
// are none.
func typmodString(mods []*Node) string {
	if len(mods) == 0 {
		return ""
	}
	parts := make([]string, len(mods))
	for i, m := range mods {
		switch {
		case m.GetAConst() != nil && m.GetAConst().GetSval() != nil:
			parts[i] = m.GetAConst().GetSval().GetSval()
		case m.GetAConst() != nil:
			parts[i] = strconv.Itoa(int(m.GetAConst().GetIval().GetIval()))
		case m.GetColumnRef() != nil:
			parts[i] = strings.Join(NameList(m.GetColumnRef().GetFields()), ".")
		default:
			parts[i] = ExprString(m)
		}
	}
	return "(" + strings.Join(parts, ",") + ")"
}

// ExprString returns the SQL text of an expression (a column default, a
// CHECK condition, an index expression or predicate) as pg_query's deparser
// writes it: normalised spacing and keyword case, so the same expression
// always gives the same text (now(), 'x'::text, a > 0 AND b < 1). It returns
// "" for a nil node or one the deparser cannot write as an expression.
//
// Common simple expressions (constants, column references, plain function
// calls, casts to plain type names, comparisons of those, AND/OR of
// comparisons, IS [NOT] NULL, CURRENT_TIMESTAMP and friends) are written in
// Go, the way the deparser writes them, to save a call into C; everything
// else goes to the deparser.
func ExprString(n *Node) string {
	if n == nil || n.GetNode() == nil {
		return ""
	}
	var b strings.Builder
	if writeExpr(&b, n, true) {
		return b.String()
	}
	target := &pg_query.Node{Node: &pg_query.Node_ResTarget{ResTarget: &pg_query.ResTarget{Val: n}}}
	sel := &pg_query.Node{Node: &pg_query.Node_SelectStmt{SelectStmt: &pg_query.SelectStmt{
		TargetList: []*Node{target},
	}}}
	sql, err := Deparse(sel)
	if err != nil {
		return ""
	}
	s, ok := strings.CutPrefix(sql, "SELECT ")
	if !ok {
		return ""
	}
	return s
}

// sqlValueFunctions are the spellings of the SQLValueFunction operations
// without a precision.
var sqlValueFunctions = map[pg_query.SQLValueFunctionOp]string{
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_DATE:      "current_date",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIME:      "current_time",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP: "current_timestamp",
	pg_query.SQLValueFunctionOp_SVFOP_LOCALTIME:         "localtime",
	pg_query.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP:    "localtimestamp",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_ROLE:      "current_role",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_USER:      "current_user",
	pg_query.SQLValueFunctionOp_SVFOP_USER:              "user",
	pg_query.SQLValueFunctionOp_SVFOP_SESSION_USER:      "session_user",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:   "current_catalog",
	pg_query.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:    "current_schema",
}

// writeExpr writes the simple expressions ExprString handles in Go and
// reports false, having written garbage, for any other. Negative numbers
// are only written at the top (the deparser may parenthesise them inside
// other expressions).
func writeExpr(b *strings.Builder, n *Node, top bool) bool {
	switch {
	case n.GetAConst() != nil, n.GetColumnRef() != nil, n.GetFuncCall() != nil, n.GetTypeCast() != nil:
		return writeOperand(b, n, top)
	case n.GetSqlvalueFunction() != nil:
		f := n.GetSqlvalueFunction()
		b.WriteString(sqlValueFunctions[f.GetOp()])
		return sqlValueFunctions[f.GetOp()] != ""
	case n.GetNullTest() != nil:
		return writeCondition(b, n)
	case n.GetAExpr() != nil:
		return writeCondition(b, n)
	case n.GetBoolExpr() != nil:
		e := n.GetBoolExpr()
		sep := map[pg_query.BoolExprType]string{pg_query.BoolExprType_AND_EXPR: " AND ", pg_query.BoolExprType_OR_EXPR: " OR "}[e.GetBoolop()]
		for i, a := range e.GetArgs() {
			if i > 0 {
				b.WriteString(sep)
			}
			if !writeCondition(b, a) {
				return false
			}
		}
		return sep != "" && len(e.GetArgs()) > 1
	}
	return false
}

// writeCondition writes a comparison of two operands (a > 0) or an IS [NOT]
// NULL test of one.
func writeCondition(b *strings.Builder, n *Node) bool {
	if t := n.GetNullTest(); t != nil {
		if !writeOperand(b, t.GetArg(), false) || t.GetArgisrow() {
			return false
		}
		switch t.GetNulltesttype() {
		case pg_query.NullTestType_IS_NULL:
			b.WriteString(" IS NULL")
		case pg_query.NullTestType_IS_NOT_NULL:
			b.WriteString(" IS NOT NULL")
		default:
			return false
		}
		return true
	}
	e := n.GetAExpr()
	if e.GetKind() != pg_query.A_Expr_Kind_AEXPR_OP || len(e.GetName()) != 1 || e.GetLexpr() == nil {
		return false
	}
	op := StringValue(e.GetName()[0])
	if op == "" || strings.Trim(op, "+-*/<>=~!@#%^&|`?") != "" {
		return false
	}
	if !writeOperand(b, e.GetLexpr(), false) {
		return false
	}
	b.WriteString(" " + op + " ")
	return writeOperand(b, e.GetRexpr(), false)
}

// writeOperand writes a constant, a column reference, a plain function call
// or a cast of a string constant or column to a plain type name.
func writeOperand(b *strings.Builder, n *Node, top bool) bool {
	switch {
	case n.GetAConst() != nil:
		return writeConst(b, n.GetAConst(), top)
	case n.GetColumnRef() != nil:
		return writeName(b, n.GetColumnRef().GetFields(), true)
	case n.GetFuncCall() != nil:
		f := n.GetFuncCall()
		if f.GetFuncformat() != pg_query.CoercionForm_COERCE_EXPLICIT_CALL || len(f.GetAggOrder()) > 0 || f.GetAggFilter() != nil ||
			f.GetOver() != nil || f.GetAggWithinGroup() || f.GetAggStar() || f.GetAggDistinct() || f.GetFuncVariadic() {
			return false
		}
		if !writeName(b, f.GetFuncname(), false) {
			return false
		}
		b.WriteByte('(')
		for i, a := range f.GetArgs() {
			if i > 0 {
				b.WriteString(", ")
			}
			if !writeOperand(b, a, false) {
				return false
			}
		}
		b.WriteByte(')')
		return true
	case n.GetTypeCast() != nil:
		c := n.GetTypeCast()
		tn := c.GetTypeName()
		arg := c.GetArg()
		if arg.GetAConst().GetSval() == nil && arg.GetColumnRef() == nil || len(tn.GetTypmods()) > 0 || len(tn.GetArrayBounds()) > 0 ||
			tn.GetSetof() || tn.GetPctType() || len(tn.GetNames()) == 0 || StringValue(tn.GetNames()[0]) == "pg_catalog" {
			return false
		}
		if !writeOperand(b, arg, false) {
			return false
		}
		b.WriteString("::")
		return writeName(b, tn.GetNames(), false)
	}
	return false
}

// writeConst writes a constant; strings with a backslash (written E'...')
// are left to the deparser.
func writeConst(b *strings.Builder, c *AConst, top bool) bool {
	switch {
	case c.GetIsnull():
		b.WriteString("NULL")
	case c.GetIval() != nil:
		if c.GetIval().GetIval() < 0 && !top {
			return false
		}
		b.WriteString(strconv.Itoa(int(c.GetIval().GetIval())))
	case c.GetFval() != nil:
		v := c.GetFval().GetFval()
		if strings.HasPrefix(v, "-") && !top {
			return false
		}
		b.WriteString(v)
	case c.GetBoolval() != nil:
		b.WriteString(strconv.FormatBool(c.GetBoolval().GetBoolval()))
	case c.GetSval() != nil:
		v := c.GetSval().GetSval()
		if strings.ContainsRune(v, '\\') {
			return false
		}
		b.WriteString("'" + strings.ReplaceAll(v, "'", "''") + "'")
	default:
		return false
	}
	return true
}

// writeName writes a possibly qualified name whose parts need no quotes.
// Column names may be unreserved keywords (value, name); other names may
// not be keywords at all.
func writeName(b *strings.Builder, parts []*Node, column bool) bool {
	if len(parts) == 0 {
		return false
	}
	for i, p := range parts {
		s := StringValue(p)
		if !plainIdent(s, column) {
			return false
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	return true
}

// identKinds caches the keyword kind of identifiers: the scanner is a call
// into C. Its size is bounded by maxIdentKinds.
var (
	identKinds     sync.Map // string -> pg_query.KeywordKind, or -1 when not a plain word
	identKindCount atomic.Int32
)

const maxIdentKinds = 10000

// plainIdent reports whether the deparser writes s without quotes:
// lower-case letters, digits and '_', not starting with a digit, and no
// keyword (an unreserved one is fine when unreserved is set).
func plainIdent(s string, unreserved bool) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	kind, ok := identKinds.Load(s)
	if !ok {
		kind = pg_query.KeywordKind(-1)
		if res, err := pg_query.Scan(s); err == nil && len(res.GetTokens()) == 1 && int(res.GetTokens()[0].GetEnd()) == len(s) {
			kind = res.GetTokens()[0].GetKeywordKind()
		}
		if identKindCount.Add(1) <= maxIdentKinds {
			identKinds.Store(s, kind)
		}
	}
	switch kind.(pg_query.KeywordKind) {
	case pg_query.KeywordKind_NO_KEYWORD:
		return true
	case pg_query.KeywordKind_UNRESERVED_KEYWORD:
		return unreserved
	}
	return false
}
