package model

import (
	"slices"
	"strings"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// createIndex replays CREATE INDEX. An unnamed index is called
// table_column_idx as PostgreSQL names it. An index on a partitioned table
// is also created on each partition, unless ON ONLY is given: then it is
// invalid while the table has partitions.
func (s *Schema) createIndex(is *sqlparse.IndexStmt) {
	rel := s.lookupRel(is.GetRelation())
	if rel == nil {
		return
	}
	cols, parts := indexElems(is.GetIndexParams())
	include, _ := indexElems(is.GetIndexIncludingParams())
	name := is.GetIdxname()
	if name == "" {
		name = s.chooseRelationName(rel.Name.Schema, rel.Name.Name, nameAddition(parts), "idx")
	} else if is.GetIfNotExists() && s.indexes[QName{rel.Name.Schema, name}] != nil {
		return
	}
	method := is.GetAccessMethod()
	if method == "" {
		method = "btree"
	}
	idx := &Index{
		Name: QName{rel.Name.Schema, name}, Table: rel.Name, Unique: is.GetUnique(), Method: method,
		Columns: cols, Include: include, Predicate: sqlparse.ExprString(is.GetWhereClause()), Valid: true,
	}
	partitioned := rel.Kind == KindPartitioned
	if partitioned && !is.GetRelation().GetInh() && len(s.Partitions(rel.Name)) > 0 {
		idx.Valid = false
	}
	s.addIndex(rel, idx)
	if partitioned && is.GetRelation().GetInh() {
		s.cascadeIndex(rel, idx)
	}
}

// cascadeIndex gives each partition of rel, recursively, a copy of idx
// unless it has an equivalent index already.
func (s *Schema) cascadeIndex(rel *Relation, idx *Index) {
	for _, p := range s.descendants(rel) {
		if !hasEquivalentIndex(p, idx) {
			s.copyIndex(p, rel, idx, true)
		}
	}
}

// indexElems returns the key columns of index elements (column names, or
// the deparsed expression) and the parts PostgreSQL builds a generated name
// from (the column name, the function name of an expression, else "expr").
func indexElems(elems []*sqlparse.Node) (cols, parts []string) {
	for _, n := range elems {
		ie := n.GetIndexElem()
		if ie == nil {
			continue
		}
		col, part := ie.GetName(), ie.GetName()
		if col == "" {
			col = sqlparse.ExprString(ie.GetExpr())
			if part = figureColname(ie.GetExpr()); part == "" {
				part = "expr"
			}
		}
		if ie.GetIndexcolname() != "" {
			part = ie.GetIndexcolname()
		}
		cols, parts = append(cols, col), append(parts, part)
	}
	return cols, parts
}

// figureColname returns the name PostgreSQL gives the column an expression
// computes, as its FigureColname does for the common cases: the column of
// a reference, the function of a call, the type of a cast of a constant.
// It returns "" when PostgreSQL would fall back to "?column?".
func figureColname(n *sqlparse.Node) string {
	switch {
	case n.GetColumnRef() != nil:
		fields := sqlparse.NameList(n.GetColumnRef().GetFields())
		if len(fields) > 0 && fields[len(fields)-1] != "*" {
			return fields[len(fields)-1]
		}
	case n.GetFuncCall() != nil:
		_, name := objName(n.GetFuncCall().GetFuncname())
		return name
	case n.GetTypeCast() != nil:
		if name := figureColname(n.GetTypeCast().GetArg()); name != "" {
			return name
		}
		_, name := objName(n.GetTypeCast().GetTypeName().GetNames())
		return name
	case n.GetCaseExpr() != nil:
		return "case"
	case n.GetCoalesceExpr() != nil:
		return "coalesce"
	case n.GetAArrayExpr() != nil:
		return "array"
	case n.GetRowExpr() != nil:
		return "row"
	}
	return ""
}

// indexNameAddition returns the name parts of an existing index's key
// columns (see indexElems): expressions are only known by their text, so a
// function call gives its function name and anything else "expr".
func indexNameAddition(rel *Relation, cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = c
		if rel.Column(c) != nil {
			continue
		}
		parts[i] = "expr"
		if name, _, ok := strings.Cut(c, "("); ok && name != "" && !strings.ContainsAny(name, " .\"") {
			parts[i] = name
		}
	}
	return nameAddition(parts)
}

// addIndex adds idx to rel, replacing an index of the same name.
func (s *Schema) addIndex(rel *Relation, idx *Index) {
	if old := s.indexes[idx.Name]; old != nil {
		s.removeIndex(old)
	}
	rel.Indexes = append(rel.Indexes, idx)
	s.indexes[idx.Name] = idx
}

// removeIndex removes idx and the constraint it backs.
func (s *Schema) removeIndex(idx *Index) {
	delete(s.indexes, idx.Name)
	rel := s.relations[idx.Table]
	if rel == nil {
		return
	}
	rel.Indexes = slices.DeleteFunc(rel.Indexes, func(i *Index) bool { return i == idx })
	rel.Constraints = slices.DeleteFunc(rel.Constraints, func(c *Constraint) bool {
		return c.Index == idx.Name.Name && c.Type != ConCheck && c.Type != ConForeign
	})
}

// renameIndex renames idx within its schema; the constraint it backs is
// renamed with it, as PostgreSQL does.
func (s *Schema) renameIndex(idx *Index, name string) {
	to := QName{idx.Name.Schema, name}
	if idx.Name == to || s.indexes[to] != nil || s.relations[to] != nil {
		return
	}
	if rel := s.relations[idx.Table]; rel != nil {
		for _, c := range rel.Constraints {
			if c.Index == idx.Name.Name && c.Type != ConCheck && c.Type != ConForeign {
				c.Name, c.Index = name, name
			}
		}
	}
	delete(s.indexes, idx.Name)
	idx.Name = to
	s.indexes[to] = idx
}

// alterIndex replays ALTER INDEX parent ATTACH PARTITION child: the parent
// index becomes valid once every partition of its table has an equivalent
// index. Other ALTER INDEX forms change nothing the model holds.
func (s *Schema) alterIndex(at *sqlparse.AlterTableStmt) {
	idx := s.indexes[s.relName(at.GetRelation())]
	if idx == nil || idx.Valid {
		return
	}
	for _, n := range at.GetCmds() {
		if n.GetAlterTableCmd().GetSubtype() != sqlparse.AT_AttachPartition {
			continue
		}
		valid := true
		for _, p := range s.Partitions(idx.Table) {
			valid = valid && hasEquivalentIndex(p, idx)
		}
		idx.Valid = valid
	}
}
