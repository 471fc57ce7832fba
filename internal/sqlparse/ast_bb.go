package sqlparse

import (
	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// Re-exports used by the Bytebase-compatible review rules (RULES.md §4.1),
// in the style of ast.go.

// Parse tree node types of the Bytebase rules.
type (
	CollateClause   = pg_query.CollateClause
	CommentStmt     = pg_query.CommentStmt
	CreatedbStmt    = pg_query.CreatedbStmt
	InsertStmt      = pg_query.InsertStmt
	SortBy          = pg_query.SortBy
	TransactionStmt = pg_query.TransactionStmt
)

// AExprKind is the kind of an operator expression (AExpr.Kind).
type AExprKind = pg_query.A_Expr_Kind

// Operator expression kinds (AExpr.Kind).
const (
	// AEXPR_OP is a plain operator such as a + b or a = b.
	AEXPR_OP = pg_query.A_Expr_Kind_AEXPR_OP
	// AEXPR_LIKE is [NOT] LIKE (and the ~~ operator).
	AEXPR_LIKE = pg_query.A_Expr_Kind_AEXPR_LIKE
	// AEXPR_ILIKE is [NOT] ILIKE (and the ~~* operator).
	AEXPR_ILIKE = pg_query.A_Expr_Kind_AEXPR_ILIKE
)

// EXISTS_SUBLINK is the kind of an EXISTS (subquery) expression
// (SubLink.SubLinkType).
const EXISTS_SUBLINK = pg_query.SubLinkType_EXISTS_SUBLINK

// OBJECT_DATABASE is the object kind of a database (RenameStmt.RenameType,
// CommentStmt.Objtype).
const OBJECT_DATABASE = pg_query.ObjectType_OBJECT_DATABASE

// InspectNodes calls fn for n and for every Node nested in it, depth first
// in field order, whatever the message types in between (a ColumnDef's
// TypeName, a SelectStmt's WithClause). When fn returns false the nodes
// below that one are skipped. A nil n is ignored.
func InspectNodes(n *Node, fn func(*Node) bool) {
	if n == nil {
		return
	}
	inspect(n, fn)
}
