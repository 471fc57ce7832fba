package rules

import (
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// The four index naming rules of Bytebase take a format template: a regular
// expression in which {{table}} and {{column_list}} (the key columns joined
// by "_"), or for foreign keys {{referencing_table}},
// {{referencing_column}}, {{referenced_table}} and {{referenced_column}},
// stand for the names of the object being checked. Like Bytebase, an
// unnamed constraint or index is checked with the empty name, so that the
// default templates ask for explicit names and a template starting "^$|"
// accepts unnamed ones.

// bbIndexKind says which naming rule checks an index or constraint name.
type bbIndexKind int

const (
	bbPK bbIndexKind = iota
	bbUK
	bbIdx
	bbFK
)

// bbIndexKindNames are the kinds as messages name them.
var bbIndexKindNames = [...]string{bbPK: "primary key", bbUK: "unique key", bbIdx: "index", bbFK: "foreign key"}

// bbNamedIndex is an index or constraint name to check, with what the
// template may mention.
type bbNamedIndex struct {
	kind    bbIndexKind
	name    string
	table   model.QName
	columns []string
	// refTable and refColumns are what a foreign key references.
	refTable   model.QName
	refColumns []string
}

// bbIndexNames returns the index and constraint names that a statement
// gives: constraints of CREATE TABLE and ALTER TABLE, CREATE INDEX, and
// renamed indexes and constraints (their kind and columns come from the
// schema model).
func bbIndexNames(p *review.Pass, s *review.Stmt) []bbNamedIndex {
	var out []bbNamedIndex
	for _, tc := range bbConstraints(p, s) {
		con := tc.con
		ni := bbNamedIndex{name: con.GetConname(), table: tc.table, columns: tc.columns()}
		switch con.GetContype() {
		case sqlparse.CONSTR_PRIMARY:
			ni.kind = bbPK
		case sqlparse.CONSTR_UNIQUE:
			ni.kind = bbUK
		case sqlparse.CONSTR_FOREIGN:
			ni.kind = bbFK
			schema, name := sqlparse.RangeVarName(con.GetPktable())
			ni.refTable = p.Schema.Resolve(schema, name)
			ni.refColumns = sqlparse.NameList(con.GetPkAttrs())
			if len(ni.refColumns) == 0 {
				if pk := bbRelation(p, ni.refTable).PrimaryKey(); pk != nil {
					ni.refColumns = pk.Columns
				}
			}
		default:
			continue
		}
		if idx := con.GetIndexname(); idx != "" && len(con.GetKeys()) == 0 { // ADD ... USING INDEX
			if ix := p.Schema.Index(model.QName{Schema: tc.table.Schema, Name: idx}); ix != nil {
				ni.columns = ix.Columns
			}
		}
		out = append(out, ni)
	}
	n := s.Node
	if is := n.GetIndexStmt(); is != nil {
		ni := bbNamedIndex{kind: bbIdx, name: is.GetIdxname(), table: bbRelName(p, is.GetRelation())}
		if is.GetUnique() {
			ni.kind = bbUK
		}
		for _, e := range is.GetIndexParams() {
			el := e.GetIndexElem()
			if el.GetName() != "" {
				ni.columns = append(ni.columns, el.GetName())
			} else {
				ni.columns = append(ni.columns, sqlparse.ExprString(el.GetExpr()))
			}
		}
		out = append(out, ni)
	}
	rs := n.GetRenameStmt()
	switch {
	case rs == nil:
	case rs.GetRenameType() == sqlparse.OBJECT_INDEX:
		ix := p.Schema.Index(bbRelName(p, rs.GetRelation()))
		if ix == nil {
			break
		}
		ni := bbNamedIndex{kind: bbIdx, name: rs.GetNewname(), table: ix.Table, columns: ix.Columns}
		switch {
		case ix.Primary:
			ni.kind = bbPK
		case ix.Unique:
			ni.kind = bbUK
		}
		out = append(out, ni)
	case rs.GetRenameType() == sqlparse.OBJECT_TABCONSTRAINT:
		q := bbRelName(p, rs.GetRelation())
		con := bbRelation(p, q).Constraint(rs.GetSubname())
		if con == nil {
			break
		}
		ni := bbNamedIndex{name: rs.GetNewname(), table: q, columns: con.Columns, refColumns: con.RefColumns}
		switch con.Type {
		case model.ConPrimary:
			ni.kind = bbPK
		case model.ConUnique:
			ni.kind = bbUK
		case model.ConForeign:
			ni.kind = bbFK
			if con.RefTable != nil {
				ni.refTable = *con.RefTable
			}
		default:
			return out
		}
		out = append(out, ni)
	}
	return out
}

// bbRelation returns the relation q of the schema before the statement, or
// an empty relation when it is unknown.
func bbRelation(p *review.Pass, q model.QName) *model.Relation {
	if r := p.Schema.Relation(q); r != nil {
		return r
	}
	return &model.Relation{Name: q}
}

// bbIndexNamingStmt returns the Stmt function of the naming rule for kind.
func bbIndexNamingStmt(kind bbIndexKind) func(p *review.Pass, s *review.Stmt) {
	return func(p *review.Pass, s *review.Stmt) {
		names := memo(s, memoIndexNames, func() []bbNamedIndex { return bbIndexNames(p, s) })
		for _, ni := range names {
			if ni.kind != kind {
				continue
			}
			tpl := cached(p, cacheTemplate, func() *bbTemplate { return bbParseTemplate(p.OptionString("format")) })
			what := bbIndexKindNames[kind]
			on := func() string { return " on " + ni.table.String() + " (" + bbJoin(ni.columns) + ")" }
			ok, err := tpl.match(ni, ni.name)
			switch {
			case err != nil:
				p.ReportHelp(s, "fix the rule's format option in the policy",
					"option format expands to %q, which is not a valid regular expression: %v", tpl.pattern(ni), err)
				continue
			case ok:
			case ni.name == "":
				p.Report(s, "%s%s has no name; name it to match %q", what, on(), tpl.pattern(ni))
			default:
				p.Report(s, "%s name %s%s does not match %q", what, bbQuote(ni.name), on(), tpl.pattern(ni))
			}
			if limit := p.OptionInt("maxLength", 64); limit > 0 && len(ni.name) > limit {
				p.ReportHelp(s, "shorten the name to at most the configured maxLength",
					"%s name %s%s is %d bytes long, more than %d", what, bbQuote(ni.name), on(), len(ni.name), limit)
			}
		}
	}
}

// bbNamingIndexPKRule checks primary key constraint names.
var bbNamingIndexPKRule = &review.Rule{
	ID:       "naming.index.pk",
	Aliases:  []string{"NAMING_INDEX_PK"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"format": "^pk_{{table}}_{{column_list}}$", "maxLength": 63},
	Summary:  "a primary key name that does not match the template (default pk_{{table}}_{{column_list}}) (Bytebase NAMING_INDEX_PK)",
	Why:      "predictable constraint names make error messages and later migrations (DROP CONSTRAINT ...) obvious",
	Fix:      "name the primary key after the template: CONSTRAINT pk_<table>_<columns> PRIMARY KEY (...)",
	Bad:      "CREATE TABLE orders (id bigint, CONSTRAINT orders_primary PRIMARY KEY (id));",
	Good:     "CREATE TABLE orders (id bigint, CONSTRAINT pk_orders_id PRIMARY KEY (id));",
	Nodes:    []string{"CreateStmt", "AlterTableStmt", "IndexStmt", "RenameStmt"},
	Stmt:     bbIndexNamingStmt(bbPK),
}

// bbNamingIndexUKRule checks unique constraint and unique index names.
var bbNamingIndexUKRule = &review.Rule{
	ID:       "naming.index.uk",
	Aliases:  []string{"NAMING_INDEX_UK"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"format": "^uk_{{table}}_{{column_list}}$", "maxLength": 64},
	Summary:  "a unique key or unique index name that does not match the template (default uk_{{table}}_{{column_list}}) (Bytebase NAMING_INDEX_UK)",
	Why:      "predictable names make unique-violation errors and later migrations obvious",
	Fix:      "name the unique key after the template: uk_<table>_<columns>",
	Bad:      "CREATE UNIQUE INDEX orders_number ON orders (number);",
	Good:     "CREATE UNIQUE INDEX uk_orders_number ON orders (number);",
	Nodes:    []string{"CreateStmt", "AlterTableStmt", "IndexStmt", "RenameStmt"},
	Stmt:     bbIndexNamingStmt(bbUK),
}

// bbNamingIndexIdxRule checks the names of plain (non-unique) indexes.
var bbNamingIndexIdxRule = &review.Rule{
	ID:       "naming.index.idx",
	Aliases:  []string{"NAMING_INDEX_IDX"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"format": "^idx_{{table}}_{{column_list}}$", "maxLength": 64},
	Summary:  "an index name that does not match the template (default idx_{{table}}_{{column_list}}) (Bytebase NAMING_INDEX_IDX)",
	Why:      "predictable index names tell from EXPLAIN output and monitoring which table and columns an index covers",
	Fix:      "name the index after the template: idx_<table>_<columns>",
	Bad:      "CREATE INDEX orders_by_customer ON orders (customer_id);",
	Good:     "CREATE INDEX idx_orders_customer_id ON orders (customer_id);",
	Nodes:    []string{"CreateStmt", "AlterTableStmt", "IndexStmt", "RenameStmt"},
	Stmt:     bbIndexNamingStmt(bbIdx),
}

// bbNamingIndexFKRule checks foreign key constraint names.
var bbNamingIndexFKRule = &review.Rule{
	ID:       "naming.index.fk",
	Aliases:  []string{"NAMING_INDEX_FK"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options: map[string]any{
		"format":    "^fk_{{referencing_table}}_{{referencing_column}}_{{referenced_table}}_{{referenced_column}}$",
		"maxLength": 64,
	},
	Summary: "a foreign key name that does not match the template (default fk_{{referencing_table}}_{{referencing_column}}_{{referenced_table}}_{{referenced_column}}) (Bytebase NAMING_INDEX_FK)",
	Why:     "predictable constraint names make foreign-key violation errors and later migrations obvious",
	Fix:     "name the foreign key after the template: fk_<table>_<columns>_<referenced table>_<referenced columns>",
	Bad: "CREATE TABLE customers (id bigint PRIMARY KEY);\n" +
		"CREATE TABLE orders (id bigint, customer_id bigint, CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id));",
	Good: "CREATE TABLE customers (id bigint PRIMARY KEY);\n" +
		"CREATE TABLE orders (id bigint, customer_id bigint, CONSTRAINT fk_orders_customer_id_customers_id FOREIGN KEY (customer_id) REFERENCES customers (id));",
	Nodes: []string{"CreateStmt", "AlterTableStmt", "IndexStmt", "RenameStmt"},
	Stmt:  bbIndexNamingStmt(bbFK),
}
