package model

import (
	"cmp"
	"slices"
	"strings"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// The bits of TableLikeClause.Options (PostgreSQL's CREATE_TABLE_LIKE_*).
const (
	likeConstraints = 1 << 2
	likeDefaults    = 1 << 3
	likeGenerated   = 1 << 4
	likeIdentity    = 1 << 5
	likeIndexes     = 1 << 6
)

// serialTypes maps the serial pseudo-types to the integer type of their
// column.
var serialTypes = map[string]string{
	"serial": "integer", "serial4": "integer",
	"bigserial": "bigint", "serial8": "bigint",
	"smallserial": "smallint", "serial2": "smallint",
}

// columnConstraint is a constraint written inside a column definition,
// applied once all columns exist.
type columnConstraint struct {
	column string
	con    *sqlparse.Constraint
}

// createTable replays CREATE TABLE, CREATE FOREIGN TABLE and CREATE TABLE
// ... PARTITION OF.
func (s *Schema) createTable(cs *sqlparse.CreateStmt, kind RelKind) {
	if cs.GetRelation() == nil {
		return
	}
	q := s.newRelName(cs.GetRelation())
	if s.relations[q] != nil {
		if cs.GetIfNotExists() {
			return
		}
		s.removeRelation(q)
	}
	rel := &Relation{Name: q, Kind: kind, Unlogged: cs.GetRelation().GetRelpersistence() == "u"}
	if cs.GetPartspec() != nil {
		rel.Kind = KindPartitioned
	}
	s.relations[q] = rel
	var parent *Relation
	for _, inh := range cs.GetInhRelations() {
		p := s.lookupRel(inh.GetRangeVar())
		if p == nil {
			continue
		}
		if cs.GetPartbound() != nil && p.Kind == KindPartitioned {
			parent = p
			pq := p.Name
			rel.PartitionOf = &pq
			rel.DefaultPartition = cs.GetPartbound().GetIsDefault()
		}
		for _, c := range p.Columns {
			if rel.Column(c.Name) == nil {
				c2 := *c
				c2.Identity, c2.Serial = "", false
				rel.Columns = append(rel.Columns, &c2)
			}
		}
	}
	if of := cs.GetOfTypename(); of != nil {
		if t := s.composites[s.ResolveType(objName(of.GetNames()))]; t != nil {
			rel.Columns = append(rel.Columns, cloneColumns(t.Attributes)...)
		}
	}
	var pending []columnConstraint
	var likes []*sqlparse.TableLikeClause
	for _, elt := range cs.GetTableElts() {
		switch {
		case elt.GetColumnDef() != nil:
			pending = append(pending, s.addColumn(rel, elt.GetColumnDef())...)
		case elt.GetTableLikeClause() != nil:
			likes = append(likes, elt.GetTableLikeClause())
			s.copyLikeColumns(rel, elt.GetTableLikeClause())
		case elt.GetConstraint() != nil:
			pending = append(pending, columnConstraint{con: elt.GetConstraint()})
		}
	}
	// PostgreSQL adds CHECK constraints with the table, then builds the
	// indexes of keys, then adds foreign keys (which may reference them).
	slices.SortStableFunc(pending, func(a, b columnConstraint) int {
		return cmp.Compare(constraintRank(a.con), constraintRank(b.con))
	})
	for _, cc := range pending {
		s.addConstraint(rel, cc.con, conOpts{column: cc.column, creating: true})
	}
	for _, l := range likes {
		s.copyLikeConstraints(rel, l)
	}
	if parent != nil {
		s.inheritPartition(parent, rel)
	}
}

// constraintRank orders the constraints of CREATE TABLE: CHECK, then
// index-backed ones, then FOREIGN KEY.
func constraintRank(con *sqlparse.Constraint) int {
	switch con.GetContype() {
	case sqlparse.CONSTR_CHECK:
		return 0
	case sqlparse.CONSTR_FOREIGN:
		return 2
	}
	return 1
}

// serialType returns the integer type of a serial pseudo-type (written
// unqualified, without array bounds), or "".
func serialType(tn *sqlparse.TypeName) string {
	names := sqlparse.NameList(tn.GetNames())
	if len(names) != 1 || len(tn.GetArrayBounds()) > 0 {
		return ""
	}
	return serialTypes[names[0]]
}

// addColumn adds the column cd defines to rel, or, when rel already has a
// column of that name (inherited from a parent, or an ADD COLUMN of an
// existing column), redefines it. It applies the column's NULL, NOT NULL,
// DEFAULT, IDENTITY, GENERATED and COLLATE clauses and returns its other
// constraints, which need every column to exist.
func (s *Schema) addColumn(rel *Relation, cd *sqlparse.ColumnDef) []columnConstraint {
	if cd.GetColname() == "" {
		return nil
	}
	col := rel.Column(cd.GetColname())
	if col == nil {
		col = &Column{Name: cd.GetColname()}
		rel.Columns = append(rel.Columns, col)
	} else if cd.GetTypeName() != nil {
		*col = Column{Name: cd.GetColname()}
	}
	if tn := cd.GetTypeName(); tn != nil {
		if t := serialType(tn); t != "" {
			s.makeSerial(rel, col, t)
		} else {
			col.Type = s.columnType(tn)
		}
	}
	if cc := cd.GetCollClause(); cc != nil {
		col.Collation = collation(cc.GetCollname())
	}
	if cd.GetIsNotNull() {
		col.NotNull = true
	}
	var rest []columnConstraint
	for _, n := range cd.GetConstraints() {
		switch con := n.GetConstraint(); {
		case con == nil:
		case isTableConstraint(con):
			rest = append(rest, columnConstraint{column: col.Name, con: con})
		default:
			applyColumnClause(col, con)
		}
	}
	return rest
}

// collation spells the name of a COLLATE clause.
func collation(names []*sqlparse.Node) string {
	return strings.Join(sqlparse.NameList(names), ".")
}

// isTableConstraint reports whether a constraint written in a column
// definition is a table constraint (CHECK, keys, FOREIGN KEY) rather than
// a clause of the column itself.
func isTableConstraint(con *sqlparse.Constraint) bool {
	switch con.GetContype() {
	case sqlparse.CONSTR_CHECK, sqlparse.CONSTR_PRIMARY, sqlparse.CONSTR_UNIQUE,
		sqlparse.CONSTR_EXCLUSION, sqlparse.CONSTR_FOREIGN:
		return true
	}
	return false
}

// applyColumnClause applies a column clause: NULL, NOT NULL, DEFAULT,
// IDENTITY or GENERATED.
func applyColumnClause(col *Column, con *sqlparse.Constraint) {
	switch con.GetContype() {
	case sqlparse.CONSTR_NULL:
		col.NotNull = false
	case sqlparse.CONSTR_NOTNULL:
		col.NotNull = true
	case sqlparse.CONSTR_DEFAULT:
		col.HasDefault, col.Default = true, sqlparse.ExprString(con.GetRawExpr())
	case sqlparse.CONSTR_IDENTITY:
		col.Identity, col.NotNull = identityKind(con.GetGeneratedWhen()), true
	case sqlparse.CONSTR_GENERATED:
		col.Generated, col.GeneratedExpr = true, sqlparse.ExprString(con.GetRawExpr())
	}
}

// identityKind spells GENERATED ALWAYS ('a') or BY DEFAULT ('d').
func identityKind(when string) string {
	if when == "d" {
		return "by default"
	}
	return "always"
}

// makeSerial turns col into a serial column of the integer type typ: NOT
// NULL, with a default drawing from a new sequence named as PostgreSQL
// names it (table_column_seq).
func (s *Schema) makeSerial(rel *Relation, col *Column, typ string) {
	seq := QName{rel.Name.Schema, s.chooseRelationName(rel.Name.Schema, rel.Name.Name, col.Name, "seq")}
	s.relations[seq] = &Relation{Name: seq, Kind: KindSequence}
	col.Type, col.Serial, col.NotNull = typ, true, true
	col.HasDefault, col.Default = true, nextvalDefault(seq)
}

// nextvalDefault returns the default of a serial column drawing from seq,
// spelt as pg_dump writes it.
func nextvalDefault(seq QName) string {
	name := QuoteIdent(seq.Schema) + "." + QuoteIdent(seq.Name)
	return "nextval('" + strings.ReplaceAll(name, "'", "''") + "'::regclass)"
}

// serialSequence returns the sequence a serial column draws from.
func serialSequence(col *Column) (QName, bool) {
	if !col.Serial {
		return QName{}, false
	}
	name, ok := strings.CutPrefix(col.Default, "nextval('")
	if !ok {
		return QName{}, false
	}
	name, ok = strings.CutSuffix(name, "'::regclass)")
	if !ok {
		return QName{}, false
	}
	parts, ok := splitIdentifiers(strings.ReplaceAll(name, "''", "'"), '.')
	if !ok || len(parts) != 2 {
		return QName{}, false
	}
	return QName{parts[0], parts[1]}, true
}

// columnType returns the normalised type of a column, with user types the
// model knows qualified by their schema.
func (s *Schema) columnType(tn *sqlparse.TypeName) string {
	spelled := sqlparse.TypeNameString(tn)
	names := sqlparse.NameList(tn.GetNames())
	if len(names) != 1 || names[0] == "char" || !strings.HasPrefix(spelled, names[0]) {
		return spelled
	}
	if q, ok := s.find(lookupType, names[0]); ok {
		return q.String() + spelled[len(names[0]):]
	}
	return spelled
}

// copyLikeColumns copies the columns of the LIKE clause's table: types and
// NOT NULL always, defaults, identity and generation expressions when
// included.
func (s *Schema) copyLikeColumns(rel *Relation, like *sqlparse.TableLikeClause) {
	src := s.lookupRel(like.GetRelation())
	if src == nil {
		return
	}
	opts := like.GetOptions()
	for _, c := range src.Columns {
		if rel.Column(c.Name) != nil {
			continue
		}
		c2 := &Column{Name: c.Name, Type: c.Type, NotNull: c.NotNull, Collation: c.Collation}
		if opts&likeDefaults != 0 && c.HasDefault {
			c2.HasDefault, c2.Default = true, c.Default
		}
		if opts&likeIdentity != 0 {
			c2.Identity = c.Identity
		}
		if opts&likeGenerated != 0 && c.Generated {
			c2.Generated, c2.GeneratedExpr = true, c.GeneratedExpr
		}
		rel.Columns = append(rel.Columns, c2)
	}
}

// copyLikeConstraints copies the CHECK constraints and the indexes of the
// LIKE clause's table when included. Copied indexes get new names, as
// PostgreSQL gives them.
func (s *Schema) copyLikeConstraints(rel *Relation, like *sqlparse.TableLikeClause) {
	src := s.lookupRel(like.GetRelation())
	if src == nil {
		return
	}
	if like.GetOptions()&likeConstraints != 0 {
		for _, con := range src.Constraints {
			if con.Type == ConCheck && rel.Constraint(con.Name) == nil {
				rel.Constraints = append(rel.Constraints, con.clone())
			}
		}
	}
	if like.GetOptions()&likeIndexes != 0 {
		for _, idx := range src.Indexes {
			s.copyIndex(rel, src, idx, false)
		}
	}
}

// inheritPartition gives a new or attached partition what it inherits from
// its partitioned parent: CHECK and FOREIGN KEY constraints under their
// names, and an index (with the constraint it backs) for each of the
// parent's indexes that the partition lacks, named after the partition.
func (s *Schema) inheritPartition(parent, part *Relation) {
	for _, con := range parent.Constraints {
		if (con.Type == ConCheck || con.Type == ConForeign) && part.Constraint(con.Name) == nil {
			c2 := con.clone()
			part.Constraints = append(part.Constraints, c2)
			s.indexForeignKey(part, c2)
		}
	}
	for _, idx := range parent.Indexes {
		if !hasEquivalentIndex(part, idx) {
			s.copyIndex(part, parent, idx, true)
		}
	}
}

// hasEquivalentIndex reports whether rel has an index with the key columns,
// uniqueness and method of idx.
func hasEquivalentIndex(rel *Relation, idx *Index) bool {
	return slices.ContainsFunc(rel.Indexes, func(i *Index) bool {
		return i.Unique == idx.Unique && i.Primary == idx.Primary && i.Method == idx.Method &&
			slices.Equal(i.Columns, idx.Columns) && i.Predicate == idx.Predicate
	})
}

// copyIndex creates on rel a copy of idx, an index of src, with a name
// chosen for rel; an index backing a constraint of src brings a copy of the
// constraint, named after the index. forPartition marks an index that a
// partition inherits: a partition's indexes are always valid.
func (s *Schema) copyIndex(rel, src *Relation, idx *Index, forPartition bool) {
	var con *Constraint
	for _, c := range src.Constraints {
		if c.Index == idx.Name.Name && c.Type != ConForeign && c.Type != ConCheck {
			con = c
		}
	}
	label := "idx"
	switch {
	case idx.Primary:
		label = "pkey"
	case con != nil && con.Type == ConExclusion:
		label = "excl"
	case con != nil:
		label = "key"
	}
	name2 := indexNameAddition(src, idx.Columns)
	if idx.Primary {
		name2 = ""
	}
	i2 := idx.clone()
	i2.Name = QName{rel.Name.Schema, s.chooseRelationName(rel.Name.Schema, rel.Name.Name, name2, label)}
	i2.Table = rel.Name
	if forPartition {
		i2.Valid = true
	}
	s.addIndex(rel, i2)
	if con != nil {
		c2 := con.clone()
		c2.Name, c2.Index = i2.Name.Name, i2.Name.Name
		rel.Constraints = append(rel.Constraints, c2)
	}
}
