package model

import (
	"slices"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// session follows the transaction state of the replaying session, for the
// one session setting the model keeps: search_path. A plain SET inside a
// transaction block survives COMMIT and is undone by ROLLBACK; SET LOCAL
// lasts until the block ends and does nothing outside one (PostgreSQL only
// warns).
type session struct {
	inTx bool
	// atBegin is the path when the block began (ROLLBACK restores it);
	// committed is the path COMMIT keeps (plain SETs made in the block).
	atBegin, committed []string
}

// BeginImplicit starts a transaction block that no statement opened: the
// whole-file transaction a runner wraps a file in.
func (s *Schema) BeginImplicit() { s.begin(); s.changed() }

// EndImplicit ends the block BeginImplicit started, committing it.
func (s *Schema) EndImplicit() { s.commit(); s.changed() }

func (s *Schema) begin() {
	if s.sess.inTx {
		return // nested BEGIN: PostgreSQL warns and keeps the block
	}
	s.sess = session{inTx: true, atBegin: slices.Clone(s.path), committed: slices.Clone(s.path)}
}

func (s *Schema) commit() {
	if s.sess.inTx {
		s.path = s.sess.committed
	}
	s.sess = session{}
}

func (s *Schema) rollback() {
	if s.sess.inTx {
		s.path = s.sess.atBegin
	}
	s.sess = session{}
}

// setPath applies a new search_path from SET (local false) or SET LOCAL
// (local true).
func (s *Schema) setPath(path []string, local bool) {
	switch {
	case local && !s.sess.inTx:
		return
	case local:
		s.path = path
	case s.sess.inTx:
		s.path = path
		s.sess.committed = slices.Clone(path)
	default:
		s.path = path
	}
}

// transaction replays BEGIN, COMMIT and ROLLBACK for the session state.
func (s *Schema) transaction(t *sqlparse.TransactionStmt) {
	switch t.GetKind() {
	case sqlparse.TRANS_STMT_BEGIN, sqlparse.TRANS_STMT_START:
		s.begin()
	case sqlparse.TRANS_STMT_COMMIT:
		if !t.GetChain() {
			s.commit()
		}
	case sqlparse.TRANS_STMT_ROLLBACK:
		if !t.GetChain() {
			s.rollback()
		}
	case sqlparse.TRANS_STMT_PREPARE:
		s.commit()
	}
}

// discard replays DISCARD (n is the statement): ALL resets the session (RESET ALL, so
// search_path returns to the database default) and drops its temporary
// tables, as TEMP does. DISCARD ALL cannot run inside a transaction block,
// so the reset is not undone by a ROLLBACK.
func (s *Schema) discard(n *sqlparse.Node) {
	switch n.GetDiscardStmt().GetTarget().String() {
	case "DISCARD_ALL":
		s.dropSchema(tempSchema)
		s.path = slices.Clone(s.defaultPath)
	case "DISCARD_TEMP":
		s.dropSchema(tempSchema)
	}
}
