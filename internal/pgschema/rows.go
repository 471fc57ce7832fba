package pgschema

// Row types, one per query file, decoded by column name.

type schemaRow struct {
	OID   uint32 `db:"oid"`
	Name  string `db:"name"`
	Ident string `db:"ident"`
	Owner string `db:"owner"`
}

type extensionRow struct {
	OID         uint32 `db:"oid"`
	Name        string `db:"name"`
	Ident       string `db:"ident"`
	SchemaIdent string `db:"schema_ident"`
	Version     string `db:"version"`
}

type typeRow struct {
	OID            uint32   `db:"oid"`
	Schema         string   `db:"schema"`
	Name           string   `db:"name"`
	Ident          string   `db:"ident"`
	Type           string   `db:"type"`
	Owner          string   `db:"owner"`
	Labels         []string `db:"labels"`
	BaseType       string   `db:"base_type"`
	Collation      string   `db:"collation"`
	Default        string   `db:"default_expr"`
	NotNull        bool     `db:"not_null"`
	Checks         []string `db:"checks"`
	NotValidChecks []string `db:"unvalidated_checks"`
	Attributes     []string `db:"attributes"`
	Subtype        string   `db:"subtype"`
	SubtypeOpclass string   `db:"subtype_opclass"`
	RangeCollation string   `db:"range_collation"`
	Canonical      string   `db:"canonical"`
	SubtypeDiff    string   `db:"subtype_diff"`
	// MultirangeSameSchema, MultirangeName and MultirangeIdent describe
	// a range's multirange type (PostgreSQL 14 on).
	MultirangeSameSchema bool   `db:"multirange_same_schema"`
	MultirangeName       string `db:"multirange_name"`
	MultirangeIdent      string `db:"multirange_ident"`
}

type sequenceRow struct {
	OID             uint32 `db:"oid"`
	Schema          string `db:"schema"`
	Name            string `db:"name"`
	Ident           string `db:"ident"`
	Owner           string `db:"owner"`
	DataType        string `db:"data_type"`
	Start           int64  `db:"start_value"`
	Increment       int64  `db:"increment"`
	Min             int64  `db:"min_value"`
	Max             int64  `db:"max_value"`
	Cache           int64  `db:"cache"`
	Cycle           bool   `db:"cycle"`
	Unlogged        bool   `db:"unlogged"`
	OwnedKind       string `db:"owned_kind"`
	OwnedTable      uint32 `db:"owned_table"`
	OwnedColumn     string `db:"owned_column"`
	OwnedColumnName string `db:"owned_column_name"`
}

type tableRow struct {
	OID              uint32   `db:"oid"`
	Schema           string   `db:"schema"`
	Name             string   `db:"name"`
	Ident            string   `db:"ident"`
	Kind             string   `db:"kind"`
	Owner            string   `db:"owner"`
	Unlogged         bool     `db:"unlogged"`
	Options          []string `db:"options"`
	PartitionKey     string   `db:"partition_key"`
	PartitionBound   string   `db:"partition_bound"`
	Parents          []string `db:"parents"`
	ParentOIDs       []uint32 `db:"parent_oids"`
	RowSecurity      bool     `db:"row_security"`
	ForceRowSecurity bool     `db:"force_row_security"`
	ReplicaIdentity  string   `db:"replica_identity"`
	AccessMethod     string   `db:"access_method"`
}

type columnRow struct {
	TableOID  uint32 `db:"table_oid"`
	Num       int16  `db:"num"`
	Name      string `db:"name"`
	Ident     string `db:"ident"`
	DataType  string `db:"data_type"`
	Collation string `db:"collation"`
	NotNull   bool   `db:"not_null"`
	Default   string `db:"default_expr"`
	Identity  string `db:"identity"`
	Generated string `db:"generated"`
	IsLocal   bool   `db:"is_local"`
	// Storage is attstorage and TypeStorage the type's default.
	Storage     string   `db:"storage"`
	TypeStorage string   `db:"type_storage"`
	Compression string   `db:"compression"`
	Statistics  int32    `db:"statistics"`
	Options     []string `db:"options"`
}

type constraintRow struct {
	OID             uint32 `db:"oid"`
	TableOID        uint32 `db:"table_oid"`
	TableName       string `db:"table_name"`
	TableIdent      string `db:"table_ident"`
	Name            string `db:"name"`
	Ident           string `db:"ident"`
	Type            string `db:"type"`
	Definition      string `db:"definition"`
	IndexOptions    string `db:"index_options"`
	IndexOID        uint32 `db:"index_oid"`
	ReplicaIdentity bool   `db:"replica_identity"`
	Clustered       bool   `db:"clustered"`
}

type indexRow struct {
	OID             uint32 `db:"oid"`
	TableOID        uint32 `db:"table_oid"`
	TableName       string `db:"table_name"`
	TableIdent      string `db:"table_ident"`
	Name            string `db:"name"`
	Ident           string `db:"ident"`
	NameIdent       string `db:"name_ident"`
	Definition      string `db:"definition"`
	Partitioned     bool   `db:"partitioned"`
	ReplicaIdentity bool   `db:"replica_identity"`
	Clustered       bool   `db:"clustered"`
	// Statistics are the ALTER INDEX ... SET STATISTICS statements.
	Statistics []string `db:"statistics"`
}

type viewRow struct {
	OID          uint32   `db:"oid"`
	Schema       string   `db:"schema"`
	Name         string   `db:"name"`
	Ident        string   `db:"ident"`
	Kind         string   `db:"kind"`
	Owner        string   `db:"owner"`
	Options      []string `db:"options"`
	Definition   string   `db:"definition"`
	AccessMethod string   `db:"access_method"`
}

type functionRow struct {
	OID          uint32 `db:"oid"`
	Schema       string `db:"schema"`
	Name         string `db:"name"`
	IdentityArgs string `db:"identity_args"`
	Ident        string `db:"ident"`
	Kind         string `db:"kind"`
	Owner        string `db:"owner"`
	Definition   string `db:"definition"`
}

type aggregateRow struct {
	OID            uint32 `db:"oid"`
	Schema         string `db:"schema"`
	Name           string `db:"name"`
	IdentityArgs   string `db:"identity_args"`
	Ident          string `db:"ident"`
	NameIdent      string `db:"name_ident"`
	Arguments      string `db:"arguments"`
	Owner          string `db:"owner"`
	Unsupported    bool   `db:"unsupported"`
	SFunc          string `db:"sfunc"`
	SType          string `db:"stype"`
	SSpace         int32  `db:"sspace"`
	FinalFunc      string `db:"finalfunc"`
	FinalFuncExtra bool   `db:"finalfunc_extra"`
	CombineFunc    string `db:"combinefunc"`
	SerialFunc     string `db:"serialfunc"`
	DeserialFunc   string `db:"deserialfunc"`
	InitCond       string `db:"initcond"`
	HasInitCond    bool   `db:"has_initcond"`
	SortOp         string `db:"sortop"`
	Parallel       string `db:"parallel"`
}

type triggerRow struct {
	OID        uint32 `db:"oid"`
	TableName  string `db:"table_name"`
	TableIdent string `db:"table_ident"`
	Name       string `db:"name"`
	Ident      string `db:"ident"`
	Definition string `db:"definition"`
	Enabled    string `db:"enabled"`
}

type policyRow struct {
	OID        uint32   `db:"oid"`
	TableName  string   `db:"table_name"`
	TableIdent string   `db:"table_ident"`
	Name       string   `db:"name"`
	Ident      string   `db:"ident"`
	Command    string   `db:"command"`
	Permissive bool     `db:"permissive"`
	Roles      []string `db:"roles"`
	Using      string   `db:"using_expr"`
	Check      string   `db:"check_expr"`
}

type eventTriggerRow struct {
	OID           uint32   `db:"oid"`
	Name          string   `db:"name"`
	Ident         string   `db:"ident"`
	Event         string   `db:"event"`
	Owner         string   `db:"owner"`
	FunctionIdent string   `db:"function_ident"`
	Tags          []string `db:"tags"`
	Enabled       string   `db:"enabled"`
}

type publicationRow struct {
	OID       uint32   `db:"oid"`
	Name      string   `db:"name"`
	Ident     string   `db:"ident"`
	Owner     string   `db:"owner"`
	AllTables bool     `db:"all_tables"`
	Insert    bool     `db:"ins"`
	Update    bool     `db:"upd"`
	Delete    bool     `db:"del"`
	Truncate  bool     `db:"trunc"`
	ViaRoot   bool     `db:"via_root"`
	Tables    []string `db:"tables"`
	Schemas   []string `db:"schemas"`
}

type commentRow struct {
	ClassOID    uint32 `db:"class_oid"`
	ObjOID      uint32 `db:"obj_oid"`
	SubID       int32  `db:"sub_id"`
	Type        string `db:"type"`
	Identity    string `db:"identity"`
	Description string `db:"description"`
}

type grantRow struct {
	ClassOID    uint32 `db:"class_oid"`
	ObjOID      uint32 `db:"obj_oid"`
	Type        string `db:"type"`
	Identity    string `db:"identity"`
	ColumnIdent string `db:"column_ident"`
	Revoke      bool   `db:"revoke"`
	Grantee     string `db:"grantee"`
	Privilege   string `db:"privilege"`
	Grantable   bool   `db:"grantable"`
}

type aliasRow struct {
	ClassOID   uint32 `db:"class_oid"`
	ObjOID     uint32 `db:"obj_oid"`
	OwnerClass uint32 `db:"owner_class"`
	OwnerOID   uint32 `db:"owner_oid"`
}

type dependRow struct {
	ClassOID uint32 `db:"class_oid"`
	ObjOID   uint32 `db:"obj_oid"`
	RefClass uint32 `db:"ref_class"`
	RefOID   uint32 `db:"ref_oid"`
	RefSubID int32  `db:"ref_sub_id"`
}

type unsupportedRow struct {
	Description string `db:"description"`
}
