package apply

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// A CREATE INDEX CONCURRENTLY or REINDEX CONCURRENTLY that fails after its
// first phase (a duplicate key in a UNIQUE index, a lock_timeout while it
// waits for older transactions, a cancelled or terminated session) leaves
// the index it was building behind, marked INVALID: queries ignore it, but
// every write still maintains it, and CREATE INDEX CONCURRENTLY IF NOT
// EXISTS of the same name would then succeed without building anything.
// The only clean recovery is DROP INDEX CONCURRENTLY before the next
// attempt. apply therefore
//
//   - names every index such a failed statement left INVALID, with the
//     DROP command, in the error and in the history row (and so in the
//     refusal of later applies until dbcd resolve), and
//   - before a no-transaction file runs, refuses, with nothing run, when
//     an INVALID index already has the name one of its CREATE INDEX
//     CONCURRENTLY statements would create (the rerun after `dbcd resolve
//     --as rolled-back` when nobody dropped it).

// indexBuild is a statement that builds an index concurrently.
type indexBuild struct {
	reindex bool
	// name is the index the statement creates (CREATE INDEX CONCURRENTLY
	// name) or rebuilds (REINDEX INDEX CONCURRENTLY name), "" when
	// PostgreSQL chooses it (or REINDEX TABLE, SCHEMA, ...).
	name string
	// schema qualifies name: the schema given for the table (CREATE) or
	// the index (REINDEX), "" when unqualified.
	schema string
	// table is the table of a CREATE INDEX as an SQL name, for
	// to_regclass: the index lives in the table's schema.
	table string
}

// indexBuildOf returns the concurrent index build st is, or nil.
func indexBuildOf(st *sqlparse.Statement) *indexBuild {
	if st.Node == nil {
		return nil
	}
	if is := st.Node.GetIndexStmt(); is != nil && is.GetConcurrent() {
		schema, rel := sqlparse.RangeVarName(is.GetRelation())
		return &indexBuild{name: is.GetIdxname(), schema: schema, table: qualify(schema, rel)}
	}
	if rs := st.Node.GetReindexStmt(); rs != nil && sqlparse.DefElemBool(rs.GetParams(), "concurrently", false) {
		b := &indexBuild{reindex: true}
		if rs.GetKind() == sqlparse.REINDEX_OBJECT_INDEX {
			b.schema, b.name = sqlparse.RangeVarName(rs.GetRelation())
		}
		return b
	}
	return nil
}

// qualify quotes an optionally schema-qualified name.
func qualify(schema, name string) string {
	if schema == "" {
		return pgx.Identifier{name}.Sanitize()
	}
	return pgx.Identifier{schema, name}.Sanitize()
}

// indexBuilds returns the concurrent index build of each statement of u
// (nil for the others), or nil when u has none.
func indexBuilds(u *unit) []*indexBuild {
	var out []*indexBuild
	for i := range u.stmts {
		if b := indexBuildOf(&u.stmts[i]); b != nil {
			if out == nil {
				out = make([]*indexBuild, len(u.stmts))
			}
			out[i] = b
		}
	}
	return out
}

// dropsIndex reports whether st drops an index called name (in any schema).
func dropsIndex(st *sqlparse.Statement, name string) bool {
	ds := st.Node.GetDropStmt()
	if ds == nil || ds.GetRemoveType().String() != "OBJECT_INDEX" {
		return false
	}
	for _, o := range ds.GetObjects() {
		if names := sqlparse.NameList(o.GetList().GetItems()); len(names) > 0 && names[len(names)-1] == name {
			return true
		}
	}
	return false
}

// invalidInTheWaySQL finds, for each (index name, table) pair of $1 and $2,
// an INVALID index of that name in the table's schema; it returns the
// 1-based position of the first pair that has one, and the index.
const invalidInTheWaySQL = `
SELECT k.i, pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)
FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(name, tbl, i)
JOIN pg_catalog.pg_class t ON t.oid = pg_catalog.to_regclass(k.tbl)
JOIN pg_catalog.pg_class c ON c.relname = k.name AND c.relnamespace = t.relnamespace
JOIN pg_catalog.pg_index x ON x.indexrelid = c.oid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT x.indisvalid
ORDER BY k.i
LIMIT 1`

// checkInvalidInTheWay refuses u, before anything of it runs, when an
// INVALID index has the name one of its CREATE INDEX CONCURRENTLY
// statements would create, unless an earlier statement of u drops it. It
// returns nil or a *FileError wrapping ErrInvalidIndex.
func (s *session) checkInvalidInTheWay(ctx context.Context, u *unit, builds []*indexBuild) *FileError {
	var names, tables []string
	var at []int
	for i, b := range builds {
		if b == nil || b.reindex || b.name == "" {
			continue
		}
		dropped := false
		for j := range i {
			dropped = dropped || dropsIndex(&u.stmts[j], b.name)
		}
		if !dropped {
			names, tables, at = append(names, b.name), append(tables, b.table), append(at, i)
		}
	}
	if len(names) == 0 {
		return nil
	}
	var pos int64
	var index string
	err := s.conn.QueryRow(ctx, invalidInTheWaySQL, names, tables).Scan(&pos, &index)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return nil
	case err != nil:
		return s.stmtError(u, -1, fmt.Errorf("checking for INVALID indexes: %w", err))
	}
	i := at[pos-1]
	return s.stmtError(u, i, fmt.Errorf("%w: index %s already exists and is INVALID, left by an earlier failed CREATE INDEX CONCURRENTLY; "+
		"this statement would fail on it, or with IF NOT EXISTS succeed without building the index; nothing of the file was run. "+
		"Drop it, then apply again:\n  %s", ErrInvalidIndex, index, dropIndexCommand(index)))
}

// invalidIndexesSQL lists the INVALID indexes, for the set an index build
// starts with.
const invalidIndexesSQL = `ARRAY(SELECT indexrelid::int8 FROM pg_catalog.pg_index WHERE NOT indisvalid)`

// leftInvalidSQL names the INVALID indexes not in $1, those a failed index
// build left behind.
const leftInvalidSQL = `
SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class c ON c.oid = x.indexrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE NOT x.indisvalid AND x.indexrelid::int8 <> ALL ($1::int8[])
ORDER BY 1`

// noteInvalidIndexes records on fe the indexes the failed build b left
// INVALID: those not among before, the INVALID indexes when it started
// (nil when the statement did not start). When the session is gone it
// cannot look, and says which index may be left.
func (s *session) noteInvalidIndexes(b *indexBuild, before []int64, fe *FileError) {
	if b == nil || before == nil {
		return
	}
	if s.conn.IsClosed() {
		fe.MaybeInvalidIndex = b.guess()
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	rows, err := s.conn.Query(ctx, leftInvalidSQL, before)
	if err == nil {
		fe.InvalidIndexes, err = pgx.CollectRows(rows, pgx.RowTo[string])
	}
	if err != nil {
		fe.MaybeInvalidIndex = b.guess()
	}
}

// guess names the index a failed build may have left INVALID, "" when the
// statement does not name it.
func (b *indexBuild) guess() string {
	switch {
	case b.name == "":
		return ""
	case b.reindex:
		// REINDEX CONCURRENTLY builds the new index as <name>_ccnew.
		return qualify(b.schema, b.name+"_ccnew")
	}
	return qualify(b.schema, b.name)
}

// dropIndexCommand is the statement that removes an INVALID index.
func dropIndexCommand(index string) string {
	return "DROP INDEX CONCURRENTLY IF EXISTS " + index + ";"
}

// invalidIndexLines explains, one line per index, what a failed index
// build left behind and how to remove it.
func invalidIndexLines(invalid []string, maybe string) []string {
	var out []string
	for _, ix := range invalid {
		out = append(out, invalidIndexPrefix+ix+" INVALID (queries ignore it, but every write still updates it); "+
			"drop it before you resolve or rerun: "+dropIndexCommand(ix))
	}
	if maybe != "" {
		out = append(out, "the session ended during a concurrent index build, which may have left index "+maybe+
			" INVALID; check with SELECT indexrelid::regclass FROM pg_index WHERE NOT indisvalid; "+
			"and drop it before you resolve or rerun: "+dropIndexCommand(maybe))
	}
	return out
}

// invalidIndexPrefix starts each line of invalidIndexLines about an index
// found INVALID; invalidIndexNote finds them again in a recorded error.
const invalidIndexPrefix = "the failed statement left index "

// invalidIndexNote returns, from the error text recorded in a history row,
// the lines about INVALID indexes joined for a one-line message ("" when
// there are none), so that the refusal of later applies repeats them.
func invalidIndexNote(errText string) string {
	var notes []string
	for _, line := range strings.Split(errText, "\n") {
		if strings.HasPrefix(line, invalidIndexPrefix) || strings.HasPrefix(line, "the session ended during a concurrent index build") {
			notes = append(notes, line)
		}
	}
	if len(notes) == 0 {
		return ""
	}
	return "; " + strings.Join(notes, "; ")
}
