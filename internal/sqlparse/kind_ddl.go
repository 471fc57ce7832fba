package sqlparse

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v5"
)

// ddlKind names DDL statements, or returns "" for other statements.
func ddlKind(n *Node) string {
	switch s := n.GetNode().(type) {
	case *pg_query.Node_CreateStmt:
		return "CREATE_TABLE"
	case *pg_query.Node_CreateForeignTableStmt:
		return "CREATE_FOREIGN_TABLE"
	case *pg_query.Node_CreateTableAsStmt:
		if s.CreateTableAsStmt.GetObjtype() == pg_query.ObjectType_OBJECT_MATVIEW {
			return "CREATE_MATERIALIZED_VIEW"
		}
		return "CREATE_TABLE_AS"
	case *pg_query.Node_IndexStmt:
		return "CREATE_INDEX"
	case *pg_query.Node_ViewStmt:
		return "CREATE_VIEW"
	case *pg_query.Node_CreateSeqStmt:
		return "CREATE_SEQUENCE"
	case *pg_query.Node_CreateSchemaStmt:
		return "CREATE_SCHEMA"
	case *pg_query.Node_CreateFunctionStmt:
		if s.CreateFunctionStmt.GetIsProcedure() {
			return "CREATE_PROCEDURE"
		}
		return "CREATE_FUNCTION"
	case *pg_query.Node_CreateTrigStmt:
		return "CREATE_TRIGGER"
	case *pg_query.Node_CreateEventTrigStmt:
		return "CREATE_EVENT_TRIGGER"
	case *pg_query.Node_DefineStmt:
		return "CREATE_" + objectName(s.DefineStmt.GetKind())
	case *pg_query.Node_CompositeTypeStmt, *pg_query.Node_CreateEnumStmt, *pg_query.Node_CreateRangeStmt:
		return "CREATE_TYPE"
	case *pg_query.Node_CreateDomainStmt:
		return "CREATE_DOMAIN"
	case *pg_query.Node_CreateExtensionStmt:
		return "CREATE_EXTENSION"
	case *pg_query.Node_RuleStmt:
		return "CREATE_RULE"
	case *pg_query.Node_CreatePolicyStmt:
		return "CREATE_POLICY"
	case *pg_query.Node_CreateStatsStmt:
		return "CREATE_STATISTICS"
	case *pg_query.Node_CreatedbStmt:
		return "CREATE_DATABASE"
	case *pg_query.Node_CreateTableSpaceStmt:
		return "CREATE_TABLESPACE"
	case *pg_query.Node_CreateRoleStmt:
		return "CREATE_ROLE"
	case *pg_query.Node_CreateAmStmt:
		return "CREATE_ACCESS_METHOD"
	case *pg_query.Node_CreatePlangStmt:
		return "CREATE_LANGUAGE"
	case *pg_query.Node_CreateOpClassStmt:
		return "CREATE_OPERATOR_CLASS"
	case *pg_query.Node_CreateOpFamilyStmt:
		return "CREATE_OPERATOR_FAMILY"
	case *pg_query.Node_CreateConversionStmt:
		return "CREATE_CONVERSION"
	case *pg_query.Node_CreateCastStmt:
		return "CREATE_CAST"
	case *pg_query.Node_CreateTransformStmt:
		return "CREATE_TRANSFORM"
	case *pg_query.Node_CreateFdwStmt:
		return "CREATE_FOREIGN_DATA_WRAPPER"
	case *pg_query.Node_CreateForeignServerStmt:
		return "CREATE_SERVER"
	case *pg_query.Node_CreateUserMappingStmt:
		return "CREATE_USER_MAPPING"
	case *pg_query.Node_CreatePublicationStmt:
		return "CREATE_PUBLICATION"
	case *pg_query.Node_CreateSubscriptionStmt:
		return "CREATE_SUBSCRIPTION"
	case *pg_query.Node_DropStmt:
		return "DROP_" + objectName(s.DropStmt.GetRemoveType())
	}
	return alterKind(n)
}

// alterKind names ALTER, DROP and other DDL statements, or returns "".
func alterKind(n *Node) string {
	switch s := n.GetNode().(type) {
	case *pg_query.Node_AlterTableStmt:
		return "ALTER_" + objectName(s.AlterTableStmt.GetObjtype())
	case *pg_query.Node_AlterTableMoveAllStmt:
		return "ALTER_" + objectName(s.AlterTableMoveAllStmt.GetObjtype())
	case *pg_query.Node_RenameStmt:
		r := s.RenameStmt
		switch r.GetRenameType() {
		case pg_query.ObjectType_OBJECT_COLUMN:
			if r.GetRelationType() == pg_query.ObjectType_OBJECT_TYPE_UNDEFINED {
				return "ALTER_TABLE"
			}
			return "ALTER_" + objectName(r.GetRelationType())
		case pg_query.ObjectType_OBJECT_ATTRIBUTE:
			return "ALTER_TYPE"
		}
		return "ALTER_" + objectName(r.GetRenameType())
	case *pg_query.Node_AlterObjectSchemaStmt:
		return "ALTER_" + objectName(s.AlterObjectSchemaStmt.GetObjectType())
	case *pg_query.Node_AlterOwnerStmt:
		return "ALTER_" + objectName(s.AlterOwnerStmt.GetObjectType())
	case *pg_query.Node_AlterObjectDependsStmt:
		return "ALTER_" + objectName(s.AlterObjectDependsStmt.GetObjectType())
	case *pg_query.Node_AlterFunctionStmt:
		return "ALTER_" + objectName(s.AlterFunctionStmt.GetObjtype())
	case *pg_query.Node_AlterSeqStmt:
		return "ALTER_SEQUENCE"
	case *pg_query.Node_AlterTypeStmt, *pg_query.Node_AlterEnumStmt:
		return "ALTER_TYPE"
	case *pg_query.Node_AlterDomainStmt:
		return "ALTER_DOMAIN"
	case *pg_query.Node_AlterExtensionStmt, *pg_query.Node_AlterExtensionContentsStmt:
		return "ALTER_EXTENSION"
	case *pg_query.Node_AlterEventTrigStmt:
		return "ALTER_EVENT_TRIGGER"
	case *pg_query.Node_AlterPolicyStmt:
		return "ALTER_POLICY"
	case *pg_query.Node_AlterStatsStmt:
		return "ALTER_STATISTICS"
	case *pg_query.Node_AlterCollationStmt:
		return "ALTER_COLLATION"
	case *pg_query.Node_AlterOperatorStmt:
		return "ALTER_OPERATOR"
	case *pg_query.Node_AlterOpFamilyStmt:
		return "ALTER_OPERATOR_FAMILY"
	case *pg_query.Node_AlterDatabaseStmt, *pg_query.Node_AlterDatabaseSetStmt, *pg_query.Node_AlterDatabaseRefreshCollStmt:
		return "ALTER_DATABASE"
	case *pg_query.Node_AlterRoleStmt, *pg_query.Node_AlterRoleSetStmt:
		return "ALTER_ROLE"
	case *pg_query.Node_AlterTableSpaceOptionsStmt:
		return "ALTER_TABLESPACE"
	case *pg_query.Node_AlterFdwStmt:
		return "ALTER_FOREIGN_DATA_WRAPPER"
	case *pg_query.Node_AlterForeignServerStmt:
		return "ALTER_SERVER"
	case *pg_query.Node_AlterUserMappingStmt:
		return "ALTER_USER_MAPPING"
	case *pg_query.Node_AlterTsdictionaryStmt:
		return "ALTER_TEXT_SEARCH_DICTIONARY"
	case *pg_query.Node_AlterTsconfigurationStmt:
		return "ALTER_TEXT_SEARCH_CONFIGURATION"
	case *pg_query.Node_AlterPublicationStmt:
		return "ALTER_PUBLICATION"
	case *pg_query.Node_AlterSubscriptionStmt:
		return "ALTER_SUBSCRIPTION"
	case *pg_query.Node_AlterDefaultPrivilegesStmt:
		return "ALTER_DEFAULT_PRIVILEGES"
	}
	return otherDDLKind(n)
}

// otherDDLKind names the DDL statements that neither create nor alter an
// object, or returns "".
func otherDDLKind(n *Node) string {
	switch s := n.GetNode().(type) {
	case *pg_query.Node_DropdbStmt:
		return "DROP_DATABASE"
	case *pg_query.Node_DropTableSpaceStmt:
		return "DROP_TABLESPACE"
	case *pg_query.Node_DropRoleStmt:
		return "DROP_ROLE"
	case *pg_query.Node_DropUserMappingStmt:
		return "DROP_USER_MAPPING"
	case *pg_query.Node_DropSubscriptionStmt:
		return "DROP_SUBSCRIPTION"
	case *pg_query.Node_DropOwnedStmt:
		return "DROP_OWNED"
	case *pg_query.Node_ReassignOwnedStmt:
		return "REASSIGN_OWNED"
	case *pg_query.Node_CommentStmt:
		return "COMMENT"
	case *pg_query.Node_SecLabelStmt:
		return "SECURITY_LABEL"
	case *pg_query.Node_GrantStmt:
		return grantKind(s.GrantStmt.GetIsGrant())
	case *pg_query.Node_GrantRoleStmt:
		return grantKind(s.GrantRoleStmt.GetIsGrant())
	case *pg_query.Node_ImportForeignSchemaStmt:
		return "IMPORT_FOREIGN_SCHEMA"
	}
	return ""
}

// grantKind returns GRANT or REVOKE.
func grantKind(isGrant bool) string {
	if isGrant {
		return "GRANT"
	}
	return "REVOKE"
}

// objectNames spells the object types whose SQL name differs from the
// ObjectType constant's suffix.
var objectNames = map[pg_query.ObjectType]string{
	pg_query.ObjectType_OBJECT_MATVIEW:               "MATERIALIZED_VIEW",
	pg_query.ObjectType_OBJECT_FDW:                   "FOREIGN_DATA_WRAPPER",
	pg_query.ObjectType_OBJECT_FOREIGN_SERVER:        "SERVER",
	pg_query.ObjectType_OBJECT_OPCLASS:               "OPERATOR_CLASS",
	pg_query.ObjectType_OBJECT_OPFAMILY:              "OPERATOR_FAMILY",
	pg_query.ObjectType_OBJECT_STATISTIC_EXT:         "STATISTICS",
	pg_query.ObjectType_OBJECT_TABCONSTRAINT:         "TABLE",
	pg_query.ObjectType_OBJECT_DOMCONSTRAINT:         "DOMAIN",
	pg_query.ObjectType_OBJECT_LARGEOBJECT:           "LARGE_OBJECT",
	pg_query.ObjectType_OBJECT_TSCONFIGURATION:       "TEXT_SEARCH_CONFIGURATION",
	pg_query.ObjectType_OBJECT_TSDICTIONARY:          "TEXT_SEARCH_DICTIONARY",
	pg_query.ObjectType_OBJECT_TSPARSER:              "TEXT_SEARCH_PARSER",
	pg_query.ObjectType_OBJECT_TSTEMPLATE:            "TEXT_SEARCH_TEMPLATE",
	pg_query.ObjectType_OBJECT_PUBLICATION_REL:       "PUBLICATION",
	pg_query.ObjectType_OBJECT_PUBLICATION_NAMESPACE: "PUBLICATION",
	pg_query.ObjectType_OBJECT_TYPE_UNDEFINED:        "UNKNOWN",
}

// objectName returns the SQL name of an object type in upper snake case, as
// used after CREATE/ALTER/DROP.
func objectName(t pg_query.ObjectType) string {
	if s, ok := objectNames[t]; ok {
		return s
	}
	return strings.TrimPrefix(t.String(), "OBJECT_")
}
