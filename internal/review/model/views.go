package model

import (
	"strconv"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// createSequence replays CREATE SEQUENCE.
func (s *Schema) createSequence(cs *sqlparse.CreateSeqStmt) {
	if cs.GetSequence() == nil {
		return
	}
	q := s.newRelName(cs.GetSequence())
	if s.relations[q] != nil && cs.GetIfNotExists() {
		return
	}
	s.removeRelation(q)
	s.relations[q] = &Relation{Name: q, Kind: KindSequence, Unlogged: cs.GetSequence().GetRelpersistence() == "u"}
}

// createView replays CREATE [OR REPLACE] VIEW.
func (s *Schema) createView(vs *sqlparse.ViewStmt) {
	if vs.GetView() == nil {
		return
	}
	q := s.newRelName(vs.GetView())
	cols := s.queryColumns(vs.GetQuery().GetSelectStmt(), vs.GetAliases())
	s.removeRelation(q)
	s.relations[q] = &Relation{Name: q, Kind: KindView, Columns: cols}
}

// createTableAs replays CREATE TABLE ... AS and CREATE MATERIALIZED VIEW.
func (s *Schema) createTableAs(ct *sqlparse.CreateTableAsStmt) {
	kind := KindTable
	if ct.GetObjtype() == sqlparse.OBJECT_MATVIEW {
		kind = KindMatView
	}
	s.createFromQuery(ct.GetInto(), ct.GetQuery().GetSelectStmt(), kind, ct.GetIfNotExists())
}

// createFromQuery creates the table or materialized view into that the
// query sel fills (sel may be nil: CREATE TABLE ... AS EXECUTE).
func (s *Schema) createFromQuery(into *sqlparse.IntoClause, sel *sqlparse.SelectStmt, kind RelKind, ifNotExists bool) {
	if into.GetRel() == nil {
		return
	}
	q := s.newRelName(into.GetRel())
	if s.relations[q] != nil && ifNotExists {
		return
	}
	cols := s.queryColumns(sel, into.GetColNames())
	s.removeRelation(q)
	s.relations[q] = &Relation{Name: q, Kind: kind, Columns: cols, Unlogged: into.GetRel().GetRelpersistence() == "u"}
}

// queryColumns returns the columns a query produces when they can be told
// from its text: the names PostgreSQL would give them, renamed by aliases,
// with a type for casts and for columns of the one table the query reads.
// A '*' gives that table's columns; over anything else it makes the
// columns unknown (nil), as does a query the model cannot read.
func (s *Schema) queryColumns(sel *sqlparse.SelectStmt, aliases []*sqlparse.Node) []*Column {
	for sel.GetLarg() != nil {
		sel = sel.GetLarg() // UNION and friends take the names of their first branch.
	}
	var from *Relation
	if fc := sel.GetFromClause(); len(fc) == 1 && fc[0].GetRangeVar() != nil {
		from = s.lookupRel(fc[0].GetRangeVar())
	}
	var cols []*Column
	if vl := sel.GetValuesLists(); len(vl) > 0 {
		for i := range vl[0].GetList().GetItems() {
			cols = append(cols, &Column{Name: "column" + strconv.Itoa(i+1)})
		}
	}
	for _, t := range sel.GetTargetList() {
		rt := t.GetResTarget()
		val := rt.GetVal()
		if cr := val.GetColumnRef(); cr != nil && rt.GetName() == "" {
			if fields := sqlparse.NameList(cr.GetFields()); len(fields) > 0 && fields[len(fields)-1] == "*" {
				if from == nil {
					return nil
				}
				for _, c := range from.Columns {
					cols = append(cols, &Column{Name: c.Name, Type: c.Type})
				}
				continue
			}
		}
		c := &Column{Name: rt.GetName()}
		if c.Name == "" {
			if c.Name = figureColname(val); c.Name == "" {
				c.Name = "?column?"
			}
		}
		switch {
		case val.GetTypeCast() != nil:
			c.Type = s.columnType(val.GetTypeCast().GetTypeName())
		case val.GetColumnRef() != nil && from != nil:
			if fc := from.Column(figureColname(val)); fc != nil {
				c.Type = fc.Type
			}
		}
		cols = append(cols, c)
	}
	for i, a := range aliases {
		if i < len(cols) {
			cols[i].Name = sqlparse.StringValue(a)
		} else {
			cols = append(cols, &Column{Name: sqlparse.StringValue(a)})
		}
	}
	return cols
}
