package rules

import (
	"fmt"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// indexRequireConcurrently flags CREATE INDEX without CONCURRENTLY on an
// existing table. A partitioned parent cannot be indexed concurrently: the
// message gives the ON ONLY + ATTACH PARTITION recipe instead, and CREATE
// INDEX ... ON ONLY the parent (its first step) is not flagged.
var indexRequireConcurrently = &review.Rule{
	ID:       "index.require-concurrently",
	Category: review.CategoryLocking,
	Level:    diag.Error,
	Aliases:  []string{"index.create-concurrently", "INDEX_CREATE_CONCURRENTLY"},
	Summary:  "CREATE INDEX without CONCURRENTLY on an existing table",
	Why: "CREATE INDEX holds a SHARE lock on the table for the whole build: every INSERT, UPDATE and DELETE " +
		"waits until the index is built and the transaction commits. CREATE INDEX CONCURRENTLY builds it while " +
		"writes go on (it cannot run in a transaction block, and a failed build leaves an INVALID index to drop).",
	Fix: "create the index with CREATE INDEX CONCURRENTLY in a file marked -- dbcd:no-transaction",
	Bad: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n-- next file --\n" +
		"CREATE INDEX orders_customer_id_idx ON orders (customer_id);\n",
	Good: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n" +
		"CREATE INDEX orders_customer_id_idx ON orders (customer_id);\n",
	Nodes: []string{"IndexStmt"},
	Stmt:  checkCreateIndex,
}

func checkCreateIndex(p *review.Pass, s *review.Stmt) {
	is := s.Node.GetIndexStmt()
	if is == nil {
		return
	}
	if is.GetConcurrent() {
		checkConcurrentPartitionedIndex(p, s, is)
		return
	}
	q := lkRel(p, is.GetRelation())
	if !p.Existing(q) {
		return
	}
	what := "CREATE INDEX"
	if is.GetUnique() {
		what = "CREATE UNIQUE INDEX"
	}
	if is.GetIdxname() != "" {
		what += " " + lkIdent(is.GetIdxname())
	}
	if rel := p.Schema.Relation(q); rel != nil && rel.Kind == model.KindPartitioned {
		if !is.GetRelation().GetInh() {
			return // ON ONLY the parent: no rows, the first step of the recipe
		}
		idx := is.GetIdxname()
		if idx == "" {
			idx = "parent_idx"
		}
		p.ReportHelp(s, fmt.Sprintf("create the parent index with CREATE INDEX %s ON ONLY %s (...), build each partition's "+
			"index with CREATE INDEX CONCURRENTLY in a file marked -- dbcd:no-transaction, then run ALTER INDEX %s "+
			"ATTACH PARTITION <partition index> for each partition", lkIdent(idx), lkName(q), lkIdent(idx)),
			"%s on partitioned table %s takes a SHARE lock on every partition for the whole build, blocking writes; "+
				"CONCURRENTLY is not supported on a partitioned table", what, lkName(q))
		return
	}
	p.Report(s, "%s on existing table %s without CONCURRENTLY holds a SHARE lock for the whole build: "+
		"every INSERT, UPDATE and DELETE on it waits", what, lkName(q))
}

// checkConcurrentPartitionedIndex flags CREATE INDEX CONCURRENTLY on a
// partitioned table (ON ONLY included): PostgreSQL refuses it ("cannot
// create index on partitioned table concurrently"), new table or not.
func checkConcurrentPartitionedIndex(p *review.Pass, s *review.Stmt, is *sqlparse.IndexStmt) {
	q := lkRel(p, is.GetRelation())
	rel := p.Schema.Relation(q)
	if rel == nil || rel.Kind != model.KindPartitioned {
		return
	}
	help := "drop CONCURRENTLY: the table was created in this file, nobody waits for it"
	if p.Existing(q) {
		idx := is.GetIdxname()
		if idx == "" {
			idx = "parent_idx"
		}
		help = fmt.Sprintf("create the parent index with CREATE INDEX %s ON ONLY %s (...) (no CONCURRENTLY), build each "+
			"partition's index with CREATE INDEX CONCURRENTLY, then run ALTER INDEX %s ATTACH PARTITION <partition index> "+
			"for each partition", lkIdent(idx), lkName(q), lkIdent(idx))
	}
	p.ReportHelp(s, help, "CREATE INDEX CONCURRENTLY on partitioned table %s fails: PostgreSQL cannot build an index "+
		"on a partitioned table concurrently", lkName(q))
}

// indexDropRequireConcurrently flags DROP INDEX without CONCURRENTLY,
// unless every index dropped belongs to a table created in the same file.
var indexDropRequireConcurrently = &review.Rule{
	ID:       "index.drop-require-concurrently",
	Category: review.CategoryLocking,
	Level:    diag.Error,
	Summary:  "DROP INDEX without CONCURRENTLY",
	Why: "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: while it waits for running " +
		"transactions, every new query on the table, reads included, queues behind it. DROP INDEX CONCURRENTLY " +
		"waits without blocking anyone.",
	Fix: "drop the index with DROP INDEX CONCURRENTLY (one index per statement, no CASCADE) in a file marked -- dbcd:no-transaction",
	Bad: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n" +
		"CREATE INDEX orders_customer_id_idx ON orders (customer_id);\n-- next file --\n" +
		"DROP INDEX orders_customer_id_idx;\n",
	Good: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n" +
		"CREATE INDEX orders_customer_id_idx ON orders (customer_id);\n-- next file --\n" +
		"-- dbcd:no-transaction\nDROP INDEX CONCURRENTLY orders_customer_id_idx;\n",
	Nodes: []string{"DropStmt"},
	Stmt:  checkDropIndex,
}

func checkDropIndex(p *review.Pass, s *review.Stmt) {
	d := s.Node.GetDropStmt()
	if d == nil || d.GetRemoveType() != sqlparse.OBJECT_INDEX {
		return
	}
	if d.GetConcurrent() {
		// PostgreSQL refuses DROP INDEX CONCURRENTLY of a partitioned index.
		for _, o := range d.GetObjects() {
			q := lkQualified(p, sqlparse.NameList(o.GetList().GetItems()))
			if idx := p.Schema.Index(q); idx != nil {
				if rel := p.Schema.Relation(idx.Table); rel != nil && rel.Kind == model.KindPartitioned {
					p.ReportHelp(s, "drop it without CONCURRENTLY, in its own short transaction with a low lock_timeout, and retry",
						"DROP INDEX CONCURRENTLY of %s fails: %s is an index of partitioned table %s, which PostgreSQL "+
							"cannot drop concurrently", lkName(q), lkName(q), lkName(idx.Table))
				}
			}
		}
		return
	}
	var names, tables []string
	partitioned := false
	for _, o := range d.GetObjects() {
		q := lkQualified(p, sqlparse.NameList(o.GetList().GetItems()))
		idx := p.Schema.Index(q)
		if idx == nil {
			names = append(names, lkName(q))
			continue
		}
		if !p.Existing(idx.Table) {
			continue
		}
		names = append(names, lkName(q))
		tables = append(tables, lkName(idx.Table))
		if rel := p.Schema.Relation(idx.Table); rel != nil && rel.Kind == model.KindPartitioned {
			partitioned = true
		}
	}
	if len(names) == 0 {
		return
	}
	on := "its table"
	if len(tables) == len(names) {
		on = strings.Join(dedupe(tables), ", ")
	}
	msg := "DROP INDEX %s without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on %s: reads and writes queue behind it"
	if partitioned {
		p.ReportHelp(s, "DROP INDEX CONCURRENTLY does not support partitioned indexes: drop it in its own short "+
			"transaction with a low lock_timeout, and retry", msg, strings.Join(names, ", "), on)
		return
	}
	p.Report(s, msg, strings.Join(names, ", "), on)
}

// lkQualified resolves a possibly qualified relation or index name given as
// name parts.
func lkQualified(p *review.Pass, parts []string) model.QName {
	switch len(parts) {
	case 0:
		return model.QName{}
	case 1:
		return p.Schema.Resolve("", parts[0])
	}
	return p.Schema.Resolve(parts[len(parts)-2], parts[len(parts)-1])
}

// dedupe returns ss without repeated strings, in order.
func dedupe(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// indexReindexRequireConcurrently flags REINDEX INDEX / TABLE / SCHEMA /
// DATABASE without CONCURRENTLY (REINDEX SYSTEM cannot be concurrent).
var indexReindexRequireConcurrently = &review.Rule{
	ID:       "index.reindex-require-concurrently",
	Category: review.CategoryLocking,
	Level:    diag.Warning,
	Summary:  "REINDEX without CONCURRENTLY",
	Why: "REINDEX takes a SHARE lock on the table (writes blocked) and an ACCESS EXCLUSIVE lock on each index " +
		"it rebuilds (queries planned on the table wait). REINDEX CONCURRENTLY (PostgreSQL 12+) rebuilds " +
		"without blocking reads or writes.",
	Fix: "use REINDEX ... CONCURRENTLY in a file marked -- dbcd:no-transaction",
	Bad: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n" +
		"CREATE INDEX orders_customer_id_idx ON orders (customer_id);\n-- next file --\n" +
		"REINDEX INDEX orders_customer_id_idx;\n",
	Good: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n" +
		"CREATE INDEX orders_customer_id_idx ON orders (customer_id);\n-- next file --\n" +
		"-- dbcd:no-transaction\nREINDEX INDEX CONCURRENTLY orders_customer_id_idx;\n",
	Nodes: []string{"ReindexStmt"},
	Stmt:  checkReindex,
}

func checkReindex(p *review.Pass, s *review.Stmt) {
	r := s.Node.GetReindexStmt()
	if r == nil || sqlparse.DefElemBool(r.GetParams(), "concurrently", false) {
		return
	}
	var msg string
	switch r.GetKind() {
	case sqlparse.REINDEX_OBJECT_INDEX:
		q := lkRel(p, r.GetRelation())
		on := "its table"
		if idx := p.Schema.Index(q); idx != nil {
			if !p.Existing(idx.Table) {
				return
			}
			on = lkName(idx.Table)
		}
		msg = fmt.Sprintf("REINDEX INDEX %s without CONCURRENTLY takes a SHARE lock on %s (writes wait) and an "+
			"ACCESS EXCLUSIVE lock on the index (queries on the table wait)", lkName(q), on)
	case sqlparse.REINDEX_OBJECT_TABLE:
		q := lkRel(p, r.GetRelation())
		if !p.Existing(q) {
			return
		}
		msg = fmt.Sprintf("REINDEX TABLE %s without CONCURRENTLY takes a SHARE lock on it (writes wait) and an "+
			"ACCESS EXCLUSIVE lock on each of its indexes (queries wait)", lkName(q))
	case sqlparse.REINDEX_OBJECT_SCHEMA, sqlparse.REINDEX_OBJECT_DATABASE:
		what := "SCHEMA"
		if r.GetKind() == sqlparse.REINDEX_OBJECT_DATABASE {
			what = "DATABASE"
		}
		msg = fmt.Sprintf("REINDEX %s %s without CONCURRENTLY locks every table in it in turn: SHARE on the table "+
			"(writes wait) and ACCESS EXCLUSIVE on each index (queries wait)", what, lkIdent(r.GetName()))
	default:
		return
	}
	if p.PGVersion < 12 {
		p.ReportHelp(s, "REINDEX CONCURRENTLY needs PostgreSQL 12: build a replacement with CREATE INDEX CONCURRENTLY, "+
			"drop the old index with DROP INDEX CONCURRENTLY and rename the new one", "%s", msg)
		return
	}
	p.Report(s, "%s", msg)
}
