package sqlparse

import (
	"strconv"
	"strings"

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
func ExprString(n *Node) string {
	if n == nil || n.GetNode() == nil {
		return ""
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
