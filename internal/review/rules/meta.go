package rules

import (
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// metaRules returns the meta rules of RULES.md §2.6 that are not built into
// the engine (syntax.parse-error and suppression.unused are).
func metaRules() []*review.Rule {
	return []*review.Rule{statementDynamicSQL, indexConcurrentlyPG14Corruption}
}

// statementDynamicSQL reports DO blocks: review cannot see the statements
// they run.
var statementDynamicSQL = &review.Rule{
	ID:       "statement.dynamic-sql",
	Category: review.CategoryMeta,
	Level:    review.Off,
	Summary:  "DO block whose statements review cannot check",
	Why: "The body of a DO block is PL/pgSQL, often with EXECUTE of built strings: the locks, rewrites and data " +
		"changes inside are invisible to every other rule, so a clean review says nothing about them.",
	Fix:   "write the statements as plain SQL in the migration, or review the block by hand and suppress this finding with a reason",
	Bad:   "DO $$\nBEGIN\n  EXECUTE 'ALTER TABLE orders ADD COLUMN note text';\nEND\n$$;\n",
	Good:  "ALTER TABLE orders ADD COLUMN note text;\n",
	Nodes: []string{"DoStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if s.Node.GetDoStmt() == nil {
			return
		}
		lang := "plpgsql"
		for _, a := range s.Node.GetDoStmt().GetArgs() {
			if d := a.GetDefElem(); d != nil && d.GetDefname() == "language" {
				lang = sqlparse.StringValue(d.GetArg())
			}
		}
		p.Report(s, "DO block (language %s) runs statements that review cannot check: their locks and rewrites are not reviewed", lang)
	},
}

// indexConcurrentlyPG14Corruption flags CREATE INDEX CONCURRENTLY and
// REINDEX ... CONCURRENTLY when the target is PostgreSQL 14. Review knows
// only the major version; 14.0 to 14.3 can silently corrupt indexes built
// concurrently, so the rule is off unless the team knows its minor version
// is not fixed.
var indexConcurrentlyPG14Corruption = &review.Rule{
	ID:       "index.concurrently-pg14-corruption",
	Category: review.CategoryMeta,
	Level:    review.Off,
	Summary:  "CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY on PostgreSQL 14 (corrupts indexes before 14.4)",
	Why: "PostgreSQL 14.0 to 14.3 have a bug that can build indexes with CONCURRENTLY that miss rows, silently " +
		"(fixed in 14.4). Review only knows the target's major version, so it cannot tell a fixed server from a " +
		"broken one: the rule is off by default. The example is reviewed for PostgreSQL 14 (--pg-version 14).",
	Fix:   "make sure the server runs PostgreSQL 14.4 or later (then suppress this rule), or upgrade before building indexes concurrently",
	Bad:   "-- dbcd:no-transaction\nCREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);\n",
	Good:  "-- dbcd:no-transaction\nDROP INDEX CONCURRENTLY orders_customer_id_idx;\n",
	Nodes: []string{"IndexStmt", "ReindexStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		if p.PGVersion != 14 {
			return
		}
		n := s.Node
		what := ""
		switch {
		case n.GetIndexStmt().GetConcurrent():
			what = "CREATE INDEX CONCURRENTLY"
		case n.GetReindexStmt() != nil && sqlparse.DefElemBool(n.GetReindexStmt().GetParams(), "concurrently", false):
			what = "REINDEX CONCURRENTLY"
		default:
			return
		}
		p.Report(s, "%s on PostgreSQL 14 can silently build a corrupt index before 14.4: make sure the server runs 14.4 or later", what)
	},
}
