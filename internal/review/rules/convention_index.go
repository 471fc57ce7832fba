package rules

import (
	"slices"
	"strings"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// convForeignKey is a foreign key a statement declares.
type convForeignKey struct {
	table model.QName
	// columns are the referencing columns.
	columns []string
	con     *sqlparse.Constraint
}

// convForeignKeys returns the foreign keys s declares: in CREATE TABLE (table
// constraints and inline REFERENCES), ALTER TABLE ... ADD CONSTRAINT and
// ADD COLUMN ... REFERENCES.
func convForeignKeys(p *review.Pass, s *review.Stmt) []convForeignKey {
	var out []convForeignKey
	add := func(q model.QName, c *sqlparse.Constraint, column string) {
		if c == nil || c.GetContype() != sqlparse.CONSTR_FOREIGN {
			return
		}
		cols := sqlparse.NameList(c.GetFkAttrs())
		if column != "" {
			cols = []string{column}
		}
		out = append(out, convForeignKey{table: q, columns: cols, con: c})
	}
	column := func(q model.QName, cd *sqlparse.ColumnDef) {
		for _, c := range cd.GetConstraints() {
			add(q, c.GetConstraint(), cd.GetColname())
		}
	}
	if cs := s.Node.GetCreateStmt(); cs != nil {
		q := convRelName(p, cs.GetRelation())
		for _, elt := range cs.GetTableElts() {
			if cd := elt.GetColumnDef(); cd != nil {
				column(q, cd)
			}
			add(q, elt.GetConstraint(), "")
		}
		return out
	}
	at := s.Node.GetAlterTableStmt()
	if at == nil || at.GetObjtype() != sqlparse.OBJECT_TABLE {
		return nil
	}
	q := convRelName(p, at.GetRelation())
	for _, c := range at.GetCmds() {
		cmd := c.GetAlterTableCmd()
		switch cmd.GetSubtype() {
		case sqlparse.AT_AddConstraint:
			add(q, cmd.GetDef().GetConstraint(), "")
		case sqlparse.AT_AddColumn:
			if cd := cmd.GetDef().GetColumnDef(); cd != nil {
				column(q, cd)
			}
		}
	}
	return out
}

// convFKLabel names a foreign key for messages: its name, or its columns.
func convFKLabel(fk convForeignKey) string {
	quoted := make([]string, len(fk.columns))
	for i, c := range fk.columns {
		quoted[i] = convQuote(c)
	}
	label := "foreign key (" + strings.Join(quoted, ", ") + ")"
	if name := fk.con.GetConname(); name != "" {
		label = "foreign key " + convQuote(name) + " (" + strings.Join(quoted, ", ") + ")"
	}
	return label
}

// indexMaxColumns is index.max-columns (Bytebase's index.key-number-limit).
var indexMaxColumns = &review.Rule{
	ID:       "index.max-columns",
	Category: review.CategoryConvention,
	Summary:  "a non-unique index with more key columns than the limit (option number, default 3)",
	Why: "wide indexes are large and slow to maintain, and queries rarely filter on more than the " +
		"first few columns; the trailing ones usually belong in INCLUDE or in a separate index",
	Fix:     "keep at most the leading selective columns as keys; move the others to INCLUDE (...)",
	Bad:     "CREATE INDEX CONCURRENTLY orders_search_idx ON public.orders (customer_id, status, created_at, region);",
	Good:    "CREATE INDEX CONCURRENTLY orders_search_idx ON public.orders (customer_id, status, created_at) INCLUDE (region);",
	Aliases: []string{"index.key-number-limit", "INDEX_KEY_NUMBER_LIMIT"},
	Options: map[string]any{"number": 3},
	Nodes:   []string{"IndexStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		is := s.Node.GetIndexStmt()
		if is == nil || is.GetUnique() || is.GetPrimary() {
			return
		}
		limit := p.OptionInt("number", 3)
		if n := len(is.GetIndexParams()); limit > 0 && n > limit {
			name := "index"
			if is.GetIdxname() != "" {
				name = "index " + convQuote(is.GetIdxname())
			}
			p.Report(s, "%s on %s has %d key columns, more than the limit of %d", name, convQuoteQName(convRelName(p, is.GetRelation())), n, limit)
		}
	},
}

type fkCandidate struct {
	at convSite
	fk convForeignKey
}

type fkCandidates struct{ list []fkCandidate }

// indexForeignKeyMissingIndex is index.foreign-key-missing-index.
var indexForeignKeyMissingIndex = &review.Rule{
	ID:       "index.foreign-key-missing-index",
	Category: review.CategoryConvention,
	Summary:  "a foreign key whose referencing columns are not the leading columns of an index (from earlier migrations or this file)",
	Why: "every DELETE or key UPDATE on the referenced table looks up referencing rows: without an " +
		"index that is a sequential scan of the referencing table per row, under locks, and joins " +
		"along the key are slow too",
	Fix: "create an index whose leading columns are the foreign key's columns (CREATE INDEX CONCURRENTLY on an existing table)",
	Bad: "CREATE TABLE public.orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES public.customers (id));",
	Good: "CREATE TABLE public.orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES public.customers (id));\n" +
		"CREATE INDEX orders_customer_id_idx ON public.orders (customer_id);",
	Nodes: []string{"CreateStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		st := convState[fkCandidates](p)
		for _, fk := range convForeignKeys(p, s) {
			if len(fk.columns) > 0 {
				st.list = append(st.list, fkCandidate{at: convSiteOf(s), fk: fk})
			}
		}
	},
	End: func(p *review.Pass) {
		for _, c := range convTakeState[fkCandidates](p).list {
			rel := p.Schema.Relation(c.fk.table)
			if rel == nil || hasLeadingIndex(rel, c.fk.columns) {
				continue
			}
			p.ReportAt(c.at.line, c.at.col, "", "%s on %s has no index with these leading columns: deletes and key updates on the referenced table scan %s",
				convFKLabel(c.fk), convQuoteQName(c.fk.table), convQuoteQName(c.fk.table))
		}
	},
}

// hasLeadingIndex reports whether rel has a usable index (btree, or hash
// on a single column; not partial) whose leading key columns are columns,
// in any order.
func hasLeadingIndex(rel *model.Relation, columns []string) bool {
	for _, idx := range rel.Indexes {
		if idx.Predicate != "" || len(idx.Columns) < len(columns) {
			continue
		}
		switch idx.Method {
		case "", "btree":
		case "hash":
			if len(columns) != 1 || len(idx.Columns) != 1 {
				continue
			}
		default:
			continue
		}
		lead := slices.Clone(idx.Columns[:len(columns)])
		want := slices.Clone(columns)
		slices.Sort(lead)
		slices.Sort(want)
		if slices.Equal(lead, want) {
			return true
		}
	}
	return false
}

// constraintFKOnDeleteCascade is constraint.fk-on-delete-cascade (Bytebase's
// statement.disallow-on-del-cascade).
var constraintFKOnDeleteCascade = &review.Rule{
	ID:       "constraint.fk-on-delete-cascade",
	Category: review.CategoryConvention,
	Summary:  "a foreign key with ON DELETE CASCADE",
	Why: "one DELETE silently removes rows from other tables, possibly many and across several levels, " +
		"holding row locks on all of them; deleting data should be an explicit decision in the application",
	Fix:     "use ON DELETE RESTRICT (or NO ACTION) and delete dependent rows explicitly",
	Bad:     "ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers (id) ON DELETE CASCADE NOT VALID;",
	Good:    "ALTER TABLE public.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers (id) ON DELETE RESTRICT NOT VALID;",
	Aliases: []string{"statement.disallow-on-del-cascade", "STATEMENT_DISALLOW_ON_DEL_CASCADE"},
	Nodes:   []string{"CreateStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		for _, fk := range convForeignKeys(p, s) {
			if fk.con.GetFkDelAction() == sqlparse.FKCONSTR_ACTION_CASCADE {
				p.Report(s, "%s on %s deletes referencing rows with ON DELETE CASCADE", convFKLabel(fk), convQuoteQName(fk.table))
			}
		}
	},
}

// typeEnumValueOrder is type.enum-value-order.
var typeEnumValueOrder = &review.Rule{
	ID:       "type.enum-value-order",
	Category: review.CategoryConvention,
	Summary:  "ALTER TYPE ... ADD VALUE without BEFORE or AFTER",
	Why: "enum values sort in declaration order, not alphabetically: appending a value without saying " +
		"where it belongs changes ORDER BY and comparisons in ways nobody decided",
	Fix:   "say where the value goes: ADD VALUE 'x' BEFORE 'y' (or AFTER 'y')",
	Bad:   "ALTER TYPE public.order_status ADD VALUE 'refunded';",
	Good:  "ALTER TYPE public.order_status ADD VALUE 'refunded' AFTER 'delivered';",
	Nodes: []string{"AlterEnumStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		ae := s.Node.GetAlterEnumStmt()
		if ae == nil || ae.GetOldVal() != "" || ae.GetNewVal() == "" || ae.GetNewValNeighbor() != "" {
			return
		}
		p.Report(s, "enum value '%s' is added to %s without BEFORE or AFTER: it sorts after every existing value",
			strings.ReplaceAll(ae.GetNewVal(), "'", "''"), convQuoteNames(sqlparse.NameList(ae.GetTypeName())))
	},
}

// typeAvoidEnum is type.avoid-enum.
var typeAvoidEnum = &review.Rule{
	ID:       "type.avoid-enum",
	Category: review.CategoryConvention,
	Summary:  "CREATE TYPE ... AS ENUM",
	Why: "enum values can be added but never removed, and adding one cannot be used in the same " +
		"transaction; a lookup table with a foreign key, or a text column with a CHECK, can change freely",
	Fix:   "use a lookup table referenced by a foreign key, or text with a CHECK (col IN (...)) constraint",
	Bad:   "CREATE TYPE public.order_status AS ENUM ('new', 'paid', 'shipped');",
	Good:  "CREATE TABLE public.order_status (name text PRIMARY KEY);",
	Nodes: []string{"CreateEnumStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if ce := s.Node.GetCreateEnumStmt(); ce != nil {
			p.Report(s, "enum type %s is created: its values can never be removed", convQuoteNames(sqlparse.NameList(ce.GetTypeName())))
		}
	},
}
