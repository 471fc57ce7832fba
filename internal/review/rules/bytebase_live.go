package rules

import (
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// Bytebase rules that need a live database (RULES.md §4.1, "DB"): row
// estimates from EXPLAIN, permissions, object owners and the indexes of the
// real catalog. They are in the catalog so that policies naming them are
// valid; review skips them with a note when it has no database
// (review.Options.Facts, which package review/live implements).
//
// The live database is the schema before the file: statements that touch a
// relation created, or changed by DDL, earlier in the same file are not
// sent to it (they would fail or be planned against the old shape).

// bbAffectedRowLimitRule flags UPDATE and DELETE whose EXPLAIN estimate
// exceeds number rows.
var bbAffectedRowLimitRule = &review.Rule{
	ID:       "statement.affected-row-limit",
	Aliases:  []string{"STATEMENT_AFFECTED_ROW_LIMIT"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Live:     true,
	Options:  map[string]any{"number": 1000},
	Summary:  "UPDATE or DELETE whose EXPLAIN estimate exceeds number rows (default 1000; needs a live database) (Bytebase STATEMENT_AFFECTED_ROW_LIMIT)",
	Why:      "a large UPDATE or DELETE locks many rows for the whole transaction and produces a burst of WAL and dead tuples",
	Fix:      "change the rows in batches (WHERE id BETWEEN ...) in a data job, not in one migration statement",
	Bad:      "UPDATE orders SET status = 'archived' WHERE created_at < '2020-01-01';",
	Good:     "UPDATE orders SET status = 'archived' WHERE id BETWEEN 1 AND 1000 AND created_at < '2020-01-01';",
	Stmt:     bbAffectedRowLimit,
}

// bbDmlDryRunRule flags DML whose EXPLAIN fails on the target database.
var bbDmlDryRunRule = &review.Rule{
	ID:       "statement.dml-dry-run",
	Aliases:  []string{"STATEMENT_DML_DRY_RUN"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Live:     true,
	Summary:  "INSERT, UPDATE or DELETE whose EXPLAIN fails: missing table or column, no permission (needs a live database) (Bytebase STATEMENT_DML_DRY_RUN)",
	Why:      "a data change that cannot even be planned fails at apply time, often after earlier statements already ran",
	Fix:      "fix the table and column names or grant the missing privileges before applying",
	Bad:      "DELETE FROM order_lines WHERE order_id = 42; -- order_lines does not exist",
	Good:     "DELETE FROM order_items WHERE order_id = 42;",
	Stmt:     bbDmlDryRun,
}

// bbWhereDisallowFunctionsRule flags a function call or arithmetic applied
// to an indexed column in a WHERE clause.
var bbWhereDisallowFunctionsRule = &review.Rule{
	ID:       "statement.where.disallow-functions-and-calculations",
	Aliases:  []string{"STATEMENT_WHERE_DISALLOW_FUNCTIONS_AND_CALCULATIONS"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Live:     true,
	Summary:  "a function or calculation on an indexed column in WHERE (needs a live database) (Bytebase STATEMENT_WHERE_DISALLOW_FUNCTIONS_AND_CALCULATIONS)",
	Why:      "an index on a column cannot serve a condition on lower(column) or column + 1: the table is scanned",
	Fix:      "compare the bare column (move the calculation to the other side) or index the expression",
	Bad:      "DELETE FROM customers WHERE lower(email) = 'a@example.com';",
	Good:     "DELETE FROM customers WHERE email = 'a@example.com';",
	Stmt:     bbWhereDisallowFunctions,
}

// bbObjectOwnerCheckRule flags DDL on objects owned by another role than
// the one running the migration.
var bbObjectOwnerCheckRule = &review.Rule{
	ID:       "statement.object-owner-check",
	Aliases:  []string{"STATEMENT_OBJECT_OWNER_CHECK"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Live:     true,
	Summary:  "DDL on a database, schema or table owned by another role than the current one (needs a live database) (Bytebase STATEMENT_OBJECT_OWNER_CHECK)",
	Why:      "only the owner may alter an object: the statement fails, or objects end up owned by different roles",
	Fix:      "SET ROLE to the owning role first, or change the object's owner",
	Bad:      "ALTER TABLE orders ADD COLUMN note text; -- orders is owned by another role",
	Good:     "SET ROLE orders_owner;\nALTER TABLE orders ADD COLUMN note text;",
	Stmt:     bbObjectOwnerCheck,
}

// bbLiveRels resolves the relations a statement references.
func bbLiveRels(p *review.Pass, s *review.Stmt) []model.QName {
	var out []model.QName
	for _, rv := range sqlparse.RelationRefs(s.Node) {
		out = append(out, bbRelName(p, rv))
	}
	return out
}

// bbLiveKnown reports whether q is as the live database has it: not created
// in this file, nor named by a DDL statement before s in this file.
func bbLiveKnown(p *review.Pass, s *review.Stmt, q model.QName) bool {
	if p.Created(q) {
		return false
	}
	for _, prev := range p.Stmts[:s.Index] {
		if prev.Class != sqlparse.DDL {
			continue
		}
		for _, rv := range sqlparse.RelationRefs(prev.Node) {
			if bbRelName(p, rv) == q {
				return false
			}
		}
	}
	return true
}

// bbLiveDML reports whether s is a data change that can be planned on the
// live database: INSERT, UPDATE, DELETE or MERGE whose relations all are as
// the live database has them, in a file that has not changed its
// search_path before it.
func bbLiveDML(p *review.Pass, s *review.Stmt) bool {
	if p.Facts == nil || s.Node == nil {
		return false
	}
	switch {
	case s.Node.GetInsertStmt() != nil, s.Node.GetUpdateStmt() != nil,
		s.Node.GetDeleteStmt() != nil, s.Node.GetMergeStmt() != nil:
	default:
		return false
	}
	for _, prev := range p.Stmts[:s.Index] {
		if v := prev.Node.GetVariableSetStmt(); v != nil && (v.GetName() == "search_path" || v.GetKind() == sqlparse.VAR_RESET_ALL) {
			return false
		}
	}
	for _, q := range bbLiveRels(p, s) {
		if !bbLiveKnown(p, s, q) {
			return false
		}
	}
	return true
}

// bbAffectedRowLimit flags UPDATE and DELETE whose planner estimate exceeds
// the number option.
func bbAffectedRowLimit(p *review.Pass, s *review.Stmt) {
	verb := ""
	switch {
	case s.Node.GetUpdateStmt() != nil:
		verb = "UPDATE"
	case s.Node.GetDeleteStmt() != nil:
		verb = "DELETE"
	default:
		return
	}
	if !bbLiveDML(p, s) {
		return
	}
	limit := p.OptionInt("number", 1000)
	rows, err := p.Facts.Explain(p.Context(), s.Text)
	if err != nil {
		return // statement.dml-dry-run reports it
	}
	if rows > float64(limit) {
		p.Report(s, "%s is estimated to affect %.0f rows (EXPLAIN on the live database), more than %d", verb, rows, limit)
	}
}

// bbDmlDryRun flags data changes that the live database cannot plan.
func bbDmlDryRun(p *review.Pass, s *review.Stmt) {
	if !bbLiveDML(p, s) {
		return
	}
	_, err := p.Facts.Explain(p.Context(), s.Text)
	if err == nil {
		return
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		if pe.Code == "57014" { // statement_timeout: planning was slow, not wrong
			return
		}
		p.Report(s, "%s fails on the live database: %s (SQLSTATE %s)", s.Kind, pe.Message, pe.Code)
		return
	}
	p.Report(s, "%s could not be dry-run on the live database: %v", s.Kind, err)
}

// bbArith are the operators of a calculation.
var bbArith = map[string]bool{"+": true, "-": true, "*": true, "/": true, "%": true, "^": true, "||": true}

// bbWhereDisallowFunctions flags a function call or a calculation applied
// to a column of WHERE that leads an index of the live table.
func bbWhereDisallowFunctions(p *review.Pass, s *review.Stmt) {
	if p.Facts == nil || s.Node == nil {
		return
	}
	var where *sqlparse.Node
	switch {
	case s.Node.GetUpdateStmt() != nil:
		where = s.Node.GetUpdateStmt().GetWhereClause()
	case s.Node.GetDeleteStmt() != nil:
		where = s.Node.GetDeleteStmt().GetWhereClause()
	case s.Node.GetSelectStmt() != nil:
		where = s.Node.GetSelectStmt().GetWhereClause()
	}
	if where == nil {
		return
	}
	// The statement's relations, by alias and by name.
	byName := map[string]model.QName{}
	var all []model.QName
	for _, rv := range sqlparse.RelationRefs(s.Node) {
		q := bbRelName(p, rv)
		if !bbLiveKnown(p, s, q) {
			continue
		}
		all = append(all, q)
		byName[rv.GetRelname()] = q
		if a := rv.GetAlias().GetAliasname(); a != "" {
			byName[a] = q
		}
	}
	if len(all) == 0 {
		return
	}
	reported := false
	check := func(what string, args ...*sqlparse.Node) {
		for _, arg := range args {
			sqlparse.Walk(arg, func(n *sqlparse.Node) bool {
				if reported {
					return false
				}
				cr := n.GetColumnRef()
				if cr == nil {
					return true
				}
				parts := sqlparse.NameList(cr.GetFields())
				col := parts[len(parts)-1]
				if col == "*" || col == "" {
					return false
				}
				cands := all
				if len(parts) >= 2 {
					q, ok := byName[parts[len(parts)-2]]
					if !ok {
						return false
					}
					cands = []model.QName{q}
				}
				for _, q := range cands {
					if ok, err := p.Facts.Indexed(p.Context(), q.Schema, q.Name, col); err == nil && ok {
						p.Report(s, "WHERE applies %s to column %s, which leads an index of %s: the index cannot serve the condition",
							what, bbQuote(col), q.String())
						reported = true
						return false
					}
				}
				return false
			})
		}
	}
	sqlparse.Walk(where, func(n *sqlparse.Node) bool {
		if reported {
			return false
		}
		if fc := n.GetFuncCall(); fc != nil {
			name := strings.Join(sqlparse.NameList(fc.GetFuncname()), ".")
			check("function "+name+"()", fc.GetArgs()...)
			return true
		}
		if e := n.GetAExpr(); e != nil && e.GetKind() == sqlparse.AEXPR_OP && len(e.GetName()) == 1 {
			if op := sqlparse.StringValue(e.GetName()[0]); bbArith[op] {
				check("the calculation "+op, e.GetLexpr(), e.GetRexpr())
				return true
			}
		}
		return true
	})
}

// bbOwnerTargets returns the existing objects whose owner a DDL statement
// needs to be: kind "table" (any relation) or "schema".
func bbOwnerTargets(p *review.Pass, s *review.Stmt) (kind string, objs []model.QName) {
	n := s.Node
	rel := func(rv *sqlparse.RangeVar) (string, []model.QName) {
		if rv == nil {
			return "", nil
		}
		return "table", []model.QName{bbRelName(p, rv)}
	}
	switch {
	case n.GetAlterTableStmt() != nil:
		return rel(n.GetAlterTableStmt().GetRelation())
	case n.GetIndexStmt() != nil:
		return rel(n.GetIndexStmt().GetRelation())
	case n.GetRenameStmt() != nil:
		return rel(n.GetRenameStmt().GetRelation())
	case n.GetAlterObjectSchemaStmt() != nil:
		return rel(n.GetAlterObjectSchemaStmt().GetRelation())
	case n.GetDropStmt() != nil:
		d := n.GetDropStmt()
		switch d.GetRemoveType() {
		case sqlparse.OBJECT_TABLE, sqlparse.OBJECT_VIEW, sqlparse.OBJECT_MATVIEW, sqlparse.OBJECT_INDEX, sqlparse.OBJECT_SEQUENCE:
			for _, o := range d.GetObjects() {
				if q, ok := bbObjectName(p, o.GetList().GetItems(), 0); ok {
					objs = append(objs, q)
				}
			}
			return "table", objs
		case sqlparse.OBJECT_SCHEMA:
			for _, o := range d.GetObjects() {
				if name := sqlparse.StringValue(o); name != "" {
					objs = append(objs, model.QName{Name: name})
				}
			}
			return "schema", objs
		}
	}
	return "", nil
}

// bbFileRole returns the role set by SET ROLE or SET SESSION AUTHORIZATION
// before s in the file, "" when the session's role is unchanged. RESET ALL
// keeps the role (role and session_authorization are exempt from it);
// DISCARD ALL resets it (it runs SET SESSION AUTHORIZATION DEFAULT).
func bbFileRole(p *review.Pass, s *review.Stmt) string {
	role := ""
	for _, prev := range p.Stmts[:s.Index] {
		if prev.Kind == "DISCARD" && prev.Node.GetDiscardStmt().GetTarget().String() == "DISCARD_ALL" {
			role = ""
			continue
		}
		v := prev.Node.GetVariableSetStmt()
		if v == nil {
			continue
		}
		if v.GetName() != "role" && v.GetName() != "session_authorization" {
			continue
		}
		role = ""
		if v.GetKind() == sqlparse.VAR_SET_VALUE && len(v.GetArgs()) == 1 {
			if r := sqlparse.ConstString(v.GetArgs()[0]); r != "none" {
				role = r
			}
		}
	}
	return role
}

// bbObjectOwnerCheck flags DDL on a table or schema of the live database
// owned by another role than the one the statement runs as.
func bbObjectOwnerCheck(p *review.Pass, s *review.Stmt) {
	if p.Facts == nil || s.Node == nil || s.Class != sqlparse.DDL {
		return
	}
	kind, objs := bbOwnerTargets(p, s)
	for _, q := range objs {
		if kind == "table" && !bbLiveKnown(p, s, q) {
			continue
		}
		owner, current, err := p.Facts.Owner(p.Context(), kind, q.Schema, q.Name)
		if err != nil || owner == "" || owner == "pg_database_owner" {
			continue
		}
		if r := bbFileRole(p, s); r != "" {
			current = r
		}
		if owner != current {
			name := q.Name
			if kind == "table" {
				name = q.String()
			}
			p.Report(s, "%s %s is owned by role %s, not by %s that runs the migration", kind, name, bbQuote(owner), bbQuote(current))
			return
		}
	}
}
