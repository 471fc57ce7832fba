package rules

import (
	"slices"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// columnRename flags RENAME COLUMN on a relation not created in the same
// file, unless the column itself was added earlier in the file.
var columnRename = &review.Rule{
	ID:       "column.rename",
	Category: review.CategoryCompatibility,
	Summary:  "ALTER TABLE ... RENAME COLUMN on an existing table",
	Why:      "deployed code still uses the old name and fails from the moment the migration commits",
	Fix:      "add the new column, write both, backfill, switch reads, then drop the old column in a later release",
	Bad:      "ALTER TABLE orders RENAME COLUMN note TO remark;",
	Good:     "CREATE TABLE order_tags (id bigint, label text);\nALTER TABLE order_tags RENAME COLUMN label TO name;",
	Level:    diag.Error,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		r := s.Node.GetRenameStmt()
		if r == nil || r.GetRenameType() != sqlparse.OBJECT_COLUMN {
			return
		}
		q := txRel(p, r.GetRelation())
		if p.Created(q) || columnAddedInFile(p, s, q, r.GetSubname()) {
			return
		}
		p.Report(s, "renames column %s of %s to %s: deployed code using %s fails", txIdent(r.GetSubname()), txQName(q), txIdent(r.GetNewname()), txIdent(r.GetSubname()))
	},
}

// renamedRelations are the relation kinds table.rename covers: whatever
// deployed code queries by name.
var renamedRelations = []sqlparse.ObjectType{
	sqlparse.OBJECT_TABLE, sqlparse.OBJECT_VIEW, sqlparse.OBJECT_MATVIEW, sqlparse.OBJECT_FOREIGN_TABLE,
}

// tableRename flags ALTER TABLE (or VIEW, MATERIALIZED VIEW, FOREIGN TABLE)
// ... RENAME TO on a relation not created in the same file.
var tableRename = &review.Rule{
	ID:       "table.rename",
	Category: review.CategoryCompatibility,
	Summary:  "ALTER TABLE ... RENAME TO on an existing table (or view)",
	Why:      "deployed code still uses the old name and fails from the moment the migration commits",
	Fix:      "create the new table (or a view with the new name over the old table), move code over, then drop the old name later",
	Bad:      "ALTER TABLE orders RENAME TO purchases;",
	Good:     "CREATE TABLE purchase_draft (id bigint);\nALTER TABLE purchase_draft RENAME TO purchases;",
	Level:    diag.Error,
	Nodes:    []string{"RenameStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		r := s.Node.GetRenameStmt()
		if r == nil || !slices.Contains(renamedRelations, r.GetRenameType()) {
			return
		}
		q := txRel(p, r.GetRelation())
		if p.Created(q) {
			return
		}
		p.Report(s, "renames %s to %s: deployed code using the old name fails", txQName(q), txIdent(r.GetNewname()))
	},
}

// schemaRename flags ALTER SCHEMA ... RENAME TO, except of a schema created
// earlier in the same file.
var schemaRename = &review.Rule{
	ID:       "schema.rename",
	Category: review.CategoryCompatibility,
	Summary:  "ALTER SCHEMA ... RENAME TO",
	Why:      "every qualified name and search_path in deployed code that uses the old schema name breaks",
	Fix:      "create the new schema and move objects over release by release, keeping the old name until no code uses it",
	Bad:      "ALTER SCHEMA billing RENAME TO invoicing;",
	Good:     "CREATE SCHEMA invoicing_new;\nALTER SCHEMA invoicing_new RENAME TO invoicing;",
	Level:    diag.Error,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		r := s.Node.GetRenameStmt()
		if r == nil || r.GetRenameType() != sqlparse.OBJECT_SCHEMA || schemaCreatedInFile(p, s, r.GetSubname()) {
			return
		}
		p.Report(s, "renames schema %s to %s: deployed code using %s fails", txIdent(r.GetSubname()), txIdent(r.GetNewname()), txIdent(r.GetSubname()))
	},
}

// columnDropNotNull flags ALTER COLUMN ... DROP NOT NULL on a table not
// created in the same file.
var columnDropNotNull = &review.Rule{
	ID:       "column.drop-not-null",
	Category: review.CategoryCompatibility,
	Summary:  "ALTER COLUMN ... DROP NOT NULL",
	Why:      "readers that never had to handle NULL in the column start receiving it",
	Fix:      "check every reader of the column handles NULL before dropping the constraint, then suppress this finding",
	Bad:      "ALTER TABLE orders ALTER COLUMN customer_id DROP NOT NULL;",
	Good:     "ALTER TABLE orders ALTER COLUMN note SET DEFAULT '';",
	Level:    diag.Warning,
	Nodes:    []string{"AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		at := s.Node.GetAlterTableStmt()
		if at == nil || at.GetObjtype() != sqlparse.OBJECT_TABLE {
			return
		}
		q := txRel(p, at.GetRelation())
		if p.Created(q) {
			return
		}
		for _, c := range at.GetCmds() {
			if cmd := c.GetAlterTableCmd(); cmd.GetSubtype() == sqlparse.AT_DropNotNull {
				p.Report(s, "drops NOT NULL from %s.%s: readers of the column start seeing NULLs", txQName(q), txIdent(cmd.GetName()))
				return
			}
		}
	},
}

// enumRenameValue flags ALTER TYPE ... RENAME VALUE, except on an enum
// created earlier in the same file.
var enumRenameValue = &review.Rule{
	ID:       "type.enum-rename-value",
	Category: review.CategoryCompatibility,
	Summary:  "ALTER TYPE ... RENAME VALUE",
	Why:      "stored rows change meaning under running code: the old label disappears and code that writes or compares it fails",
	Fix:      "add the new value with ADD VALUE, migrate rows and code to it, and stop using the old one",
	Bad:      "ALTER TYPE order_status RENAME VALUE 'shipped' TO 'sent';",
	Good:     "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'sent';",
	Level:    diag.Warning,
	Stmt: func(p *review.Pass, s *review.Stmt) {
		ae := s.Node.GetAlterEnumStmt()
		if ae == nil || ae.GetOldVal() == "" {
			return
		}
		q, ok := typeQName(p, sqlparse.NameList(ae.GetTypeName()))
		if !ok || enumCreatedInFile(p, s, q) {
			return
		}
		p.Report(s, "renames value '%s' of enum %s to '%s': stored rows change label under running code",
			ae.GetOldVal(), txQName(q), ae.GetNewVal())
	},
}

// enumCreatedInFile reports whether CREATE TYPE ... AS ENUM created q
// earlier in the file.
func enumCreatedInFile(p *review.Pass, s *review.Stmt, q model.QName) bool {
	for _, e := range p.Stmts[:s.Index] {
		if ce := e.Node.GetCreateEnumStmt(); ce != nil {
			if c, ok := typeQName(p, sqlparse.NameList(ce.GetTypeName())); ok && c == q {
				return true
			}
		}
	}
	return false
}
