package sqlparse

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// The node types, enum types and enum constants of pg_query_go's parse tree
// are re-exported below so that rules can walk the tree without importing
// pg_query_go. Keep each group in alphabetical order; constants are named
// after PostgreSQL's own C names (AT_AddColumn, CONSTR_PRIMARY, OBJECT_TABLE).

// Parse tree node types.
type (
	AConst                 = pg_query.A_Const
	AExpr                  = pg_query.A_Expr
	AlterDatabaseSetStmt   = pg_query.AlterDatabaseSetStmt
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
	if n == nil {
		return
	}
	inspect(n, visit)
}

// RangeVarName returns the schema (empty when unqualified) and the name of a
// relation reference. A catalog (database) qualifier is ignored.
func RangeVarName(rv *RangeVar) (schema, name string) {
	return rv.GetSchemaname(), rv.GetRelname()
}
