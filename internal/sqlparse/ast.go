package sqlparse

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// The node types, enum types and enum constants of pg_query_go's parse tree
// are re-exported below so that rules can walk the tree without importing
// pg_query_go. Keep each group in alphabetical order; constants are named
// after PostgreSQL's own C names (AT_AddColumn, CONSTR_PRIMARY, OBJECT_TABLE).

// Parse tree node types.
type (
	AConst                 = pg_query.A_Const
	AExpr                  = pg_query.A_Expr
	AlterDomainStmt        = pg_query.AlterDomainStmt
	AlterEnumStmt          = pg_query.AlterEnumStmt
	AlterFunctionStmt      = pg_query.AlterFunctionStmt
	AlterObjectSchemaStmt  = pg_query.AlterObjectSchemaStmt
	AlterTableCmd          = pg_query.AlterTableCmd
	AlterTableStmt         = pg_query.AlterTableStmt
	ColumnDef              = pg_query.ColumnDef
	ColumnRef              = pg_query.ColumnRef
	CompositeTypeStmt      = pg_query.CompositeTypeStmt
	Constraint             = pg_query.Constraint
	CreateDomainStmt       = pg_query.CreateDomainStmt
	CreateEnumStmt         = pg_query.CreateEnumStmt
	CreateForeignTableStmt = pg_query.CreateForeignTableStmt
	CreateFunctionStmt     = pg_query.CreateFunctionStmt
	CreateSchemaStmt       = pg_query.CreateSchemaStmt
	CreateSeqStmt          = pg_query.CreateSeqStmt
	CreateStmt             = pg_query.CreateStmt
	CreateTableAsStmt      = pg_query.CreateTableAsStmt
	DefElem                = pg_query.DefElem
	DefineStmt             = pg_query.DefineStmt
	DropStmt               = pg_query.DropStmt
	FuncCall               = pg_query.FuncCall
	FunctionParameter      = pg_query.FunctionParameter
	IndexElem              = pg_query.IndexElem
	IndexStmt              = pg_query.IndexStmt
	IntoClause             = pg_query.IntoClause
	ObjectWithArgs         = pg_query.ObjectWithArgs
	PartitionCmd           = pg_query.PartitionCmd
	RangeVar               = pg_query.RangeVar
	RenameStmt             = pg_query.RenameStmt
	ResTarget              = pg_query.ResTarget
	SelectStmt             = pg_query.SelectStmt
	TableLikeClause        = pg_query.TableLikeClause
	TypeCast               = pg_query.TypeCast
	TypeName               = pg_query.TypeName
	VariableSetStmt        = pg_query.VariableSetStmt
	ViewStmt               = pg_query.ViewStmt
)

// Enum types of the parse tree.
type (
	AlterTableType        = pg_query.AlterTableType
	ConstrType            = pg_query.ConstrType
	DropBehavior          = pg_query.DropBehavior
	FunctionParameterMode = pg_query.FunctionParameterMode
	ObjectType            = pg_query.ObjectType
	VariableSetKind       = pg_query.VariableSetKind
)

// ALTER TABLE subcommands (AlterTableCmd.Subtype).
const (
	AT_AddColumn               = pg_query.AlterTableType_AT_AddColumn
	AT_AddConstraint           = pg_query.AlterTableType_AT_AddConstraint
	AT_AddIdentity             = pg_query.AlterTableType_AT_AddIdentity
	AT_AddInherit              = pg_query.AlterTableType_AT_AddInherit
	AT_AlterColumnType         = pg_query.AlterTableType_AT_AlterColumnType
	AT_AlterConstraint         = pg_query.AlterTableType_AT_AlterConstraint
	AT_AttachPartition         = pg_query.AlterTableType_AT_AttachPartition
	AT_ChangeOwner             = pg_query.AlterTableType_AT_ChangeOwner
	AT_ClusterOn               = pg_query.AlterTableType_AT_ClusterOn
	AT_ColumnDefault           = pg_query.AlterTableType_AT_ColumnDefault
	AT_DetachPartition         = pg_query.AlterTableType_AT_DetachPartition
	AT_DetachPartitionFinalize = pg_query.AlterTableType_AT_DetachPartitionFinalize
	AT_DropColumn              = pg_query.AlterTableType_AT_DropColumn
	AT_DropConstraint          = pg_query.AlterTableType_AT_DropConstraint
	AT_DropExpression          = pg_query.AlterTableType_AT_DropExpression
	AT_DropIdentity            = pg_query.AlterTableType_AT_DropIdentity
	AT_DropInherit             = pg_query.AlterTableType_AT_DropInherit
	AT_DropNotNull             = pg_query.AlterTableType_AT_DropNotNull
	AT_ReplicaIdentity         = pg_query.AlterTableType_AT_ReplicaIdentity
	AT_SetAccessMethod         = pg_query.AlterTableType_AT_SetAccessMethod
	AT_SetIdentity             = pg_query.AlterTableType_AT_SetIdentity
	AT_SetLogged               = pg_query.AlterTableType_AT_SetLogged
	AT_SetNotNull              = pg_query.AlterTableType_AT_SetNotNull
	AT_SetStatistics           = pg_query.AlterTableType_AT_SetStatistics
	AT_SetTableSpace           = pg_query.AlterTableType_AT_SetTableSpace
	AT_SetUnLogged             = pg_query.AlterTableType_AT_SetUnLogged
	AT_ValidateConstraint      = pg_query.AlterTableType_AT_ValidateConstraint
)

// Constraint kinds (Constraint.Contype).
const (
	CONSTR_CHECK     = pg_query.ConstrType_CONSTR_CHECK
	CONSTR_DEFAULT   = pg_query.ConstrType_CONSTR_DEFAULT
	CONSTR_EXCLUSION = pg_query.ConstrType_CONSTR_EXCLUSION
	CONSTR_FOREIGN   = pg_query.ConstrType_CONSTR_FOREIGN
	CONSTR_GENERATED = pg_query.ConstrType_CONSTR_GENERATED
	CONSTR_IDENTITY  = pg_query.ConstrType_CONSTR_IDENTITY
	CONSTR_NOTNULL   = pg_query.ConstrType_CONSTR_NOTNULL
	CONSTR_NULL      = pg_query.ConstrType_CONSTR_NULL
	CONSTR_PRIMARY   = pg_query.ConstrType_CONSTR_PRIMARY
	CONSTR_UNIQUE    = pg_query.ConstrType_CONSTR_UNIQUE
)

// DROP behaviours (DropStmt.Behavior, AlterTableCmd.Behavior).
const (
	DROP_CASCADE  = pg_query.DropBehavior_DROP_CASCADE
	DROP_RESTRICT = pg_query.DropBehavior_DROP_RESTRICT
)

// Function parameter modes (FunctionParameter.Mode).
const (
	FUNC_PARAM_DEFAULT  = pg_query.FunctionParameterMode_FUNC_PARAM_DEFAULT
	FUNC_PARAM_IN       = pg_query.FunctionParameterMode_FUNC_PARAM_IN
	FUNC_PARAM_INOUT    = pg_query.FunctionParameterMode_FUNC_PARAM_INOUT
	FUNC_PARAM_OUT      = pg_query.FunctionParameterMode_FUNC_PARAM_OUT
	FUNC_PARAM_TABLE    = pg_query.FunctionParameterMode_FUNC_PARAM_TABLE
	FUNC_PARAM_VARIADIC = pg_query.FunctionParameterMode_FUNC_PARAM_VARIADIC
)

// Object kinds (DropStmt.RemoveType, RenameStmt.RenameType, ...).
const (
	OBJECT_AGGREGATE     = pg_query.ObjectType_OBJECT_AGGREGATE
	OBJECT_ATTRIBUTE     = pg_query.ObjectType_OBJECT_ATTRIBUTE
	OBJECT_COLUMN        = pg_query.ObjectType_OBJECT_COLUMN
	OBJECT_DOMAIN        = pg_query.ObjectType_OBJECT_DOMAIN
	OBJECT_DOMCONSTRAINT = pg_query.ObjectType_OBJECT_DOMCONSTRAINT
	OBJECT_FOREIGN_TABLE = pg_query.ObjectType_OBJECT_FOREIGN_TABLE
	OBJECT_FUNCTION      = pg_query.ObjectType_OBJECT_FUNCTION
	OBJECT_INDEX         = pg_query.ObjectType_OBJECT_INDEX
	OBJECT_MATVIEW       = pg_query.ObjectType_OBJECT_MATVIEW
	OBJECT_PROCEDURE     = pg_query.ObjectType_OBJECT_PROCEDURE
	OBJECT_ROUTINE       = pg_query.ObjectType_OBJECT_ROUTINE
	OBJECT_SCHEMA        = pg_query.ObjectType_OBJECT_SCHEMA
	OBJECT_SEQUENCE      = pg_query.ObjectType_OBJECT_SEQUENCE
	OBJECT_TABCONSTRAINT = pg_query.ObjectType_OBJECT_TABCONSTRAINT
	OBJECT_TABLE         = pg_query.ObjectType_OBJECT_TABLE
	OBJECT_TYPE          = pg_query.ObjectType_OBJECT_TYPE
	OBJECT_VIEW          = pg_query.ObjectType_OBJECT_VIEW
)

// SET statement kinds (VariableSetStmt.Kind).
const (
	VAR_RESET       = pg_query.VariableSetKind_VAR_RESET
	VAR_RESET_ALL   = pg_query.VariableSetKind_VAR_RESET_ALL
	VAR_SET_CURRENT = pg_query.VariableSetKind_VAR_SET_CURRENT
	VAR_SET_DEFAULT = pg_query.VariableSetKind_VAR_SET_DEFAULT
	VAR_SET_MULTI   = pg_query.VariableSetKind_VAR_SET_MULTI
	VAR_SET_VALUE   = pg_query.VariableSetKind_VAR_SET_VALUE
)

// StringValue returns the value of a String node (an identifier or a name
// part), or "" when n is not a String node.
func StringValue(n *Node) string {
	return n.GetString_().GetSval()
}

// NameList returns the String values of nodes, such as the parts of a
// qualified name. A '*' (A_Star) becomes "*"; other nodes become "".
func NameList(nodes []*Node) []string {
	names := make([]string, len(nodes))
	for i, n := range nodes {
		if n.GetAStar() != nil {
			names[i] = "*"
			continue
		}
		names[i] = StringValue(n)
	}
	return names
}

// Walk calls visit for n and, depth first, for every Node below it, in the
// order of the fields of the parse tree. When visit returns false, the nodes
// below the one it was given are skipped. Nodes reached through fields that
// are not Nodes themselves (a RangeVar's alias, a TypeName's typmods) are
// visited too.
func Walk(n *Node, visit func(*Node) bool) {
	if n == nil || !visit(n) {
		return
	}
	walkMessage(n.ProtoReflect(), visit)
}

// walkMessage walks the message fields of m.
func walkMessage(m protoreflect.Message, visit func(*Node) bool) {
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.Message() == nil || fd.IsMap():
		case fd.IsList():
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				walkValue(l.Get(i).Message(), visit)
			}
		default:
			walkValue(v.Message(), visit)
		}
		return true
	})
}

// walkValue walks a message found in a field: a Node is visited, any other
// message is searched for Nodes.
func walkValue(m protoreflect.Message, visit func(*Node) bool) {
	if n, ok := m.Interface().(*pg_query.Node); ok {
		Walk(n, visit)
		return
	}
	walkMessage(m, visit)
}

// RangeVarName returns the schema (empty when unqualified) and the name of a
// relation reference. A catalog (database) qualifier is ignored.
func RangeVarName(rv *RangeVar) (schema, name string) {
	return rv.GetSchemaname(), rv.GetRelname()
}

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
// or a cast of a constant or column to a plain type name.
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
		if arg.GetAConst() == nil && arg.GetColumnRef() == nil || len(tn.GetTypmods()) > 0 || len(tn.GetArrayBounds()) > 0 ||
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
