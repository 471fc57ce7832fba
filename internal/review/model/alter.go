package model

import (
	"slices"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// alterTable replays ALTER TABLE, and ALTER VIEW, MATERIALIZED VIEW,
// SEQUENCE, FOREIGN TABLE and INDEX in their ALTER TABLE forms, on any
// relation of that name. Subcommands that PostgreSQL applies to the
// partitions of a partitioned table too (columns, defaults, NOT NULL,
// constraints) reach every partition unless ONLY is given.
func (s *Schema) alterTable(at *sqlparse.AlterTableStmt) {
	if at.GetObjtype() == sqlparse.OBJECT_INDEX {
		s.alterIndex(at)
		return
	}
	rel := s.lookupRel(at.GetRelation())
	if rel == nil {
		return
	}
	recurse := at.GetRelation().GetInh() && rel.Kind == KindPartitioned
	for _, n := range at.GetCmds() {
		if cmd := n.GetAlterTableCmd(); cmd != nil {
			s.alterCmd(rel, cmd, recurse)
		}
	}
}

// alterCmd applies one subcommand to rel, and to its partitions when
// recurse is set and PostgreSQL recurses.
func (s *Schema) alterCmd(rel *Relation, cmd *sqlparse.AlterTableCmd, recurse bool) {
	switch cmd.GetSubtype() {
	case sqlparse.AT_AddColumn, sqlparse.AT_AddConstraint:
		added := s.addColumnOrConstraint(rel, nil, cmd, nil)
		if recurse {
			for _, p := range s.descendants(rel) {
				s.addColumnOrConstraint(p, rel, cmd, added)
			}
		}
	case sqlparse.AT_DropConstraint, sqlparse.AT_ValidateConstraint:
		con := rel.Constraint(cmd.GetName())
		if con == nil {
			return
		}
		targets := []*Relation{rel}
		if recurse {
			targets = append(targets, s.descendants(rel)...)
		}
		for _, r := range targets {
			c := inheritedConstraint(r, con)
			switch {
			case c == nil:
			case cmd.GetSubtype() == sqlparse.AT_ValidateConstraint:
				c.NotValid = false
			default:
				s.dropConstraint(r, c)
			}
		}
	default:
		s.alterColumn(rel, cmd)
		if recurse && recursesToPartitions(cmd.GetSubtype()) {
			for _, p := range s.descendants(rel) {
				s.alterColumn(p, cmd)
			}
		}
	}
}

// recursesToPartitions reports whether PostgreSQL applies a column
// subcommand to the partitions of a partitioned table too.
func recursesToPartitions(t sqlparse.AlterTableType) bool {
	switch t {
	case sqlparse.AT_DropColumn, sqlparse.AT_AlterColumnType, sqlparse.AT_ColumnDefault,
		sqlparse.AT_SetNotNull, sqlparse.AT_DropNotNull, sqlparse.AT_DropExpression:
		return true
	}
	return false
}

// descendants returns the partitions of rel, and theirs, recursively,
// parents before their partitions.
func (s *Schema) descendants(rel *Relation) []*Relation {
	var out []*Relation
	for i, parent := -1, rel; i < len(out); i++ {
		if i >= 0 {
			parent = out[i]
		}
		if parent.Kind == KindPartitioned {
			out = append(out, s.Partitions(parent.Name)...)
		}
	}
	return out
}

// isAncestor reports whether a is rel or one of the partitioned tables rel
// is a partition of, directly or not.
func (s *Schema) isAncestor(a, rel *Relation) bool {
	for r := rel; r != nil; {
		if r == a {
			return true
		}
		if r.PartitionOf == nil {
			return false
		}
		r = s.relations[*r.PartitionOf]
	}
	return false
}

// inheritedConstraint returns the constraint of r that corresponds to con,
// a constraint of r or of its partitioned ancestor: the same one for r
// itself, and for a partition the CHECK or FOREIGN KEY of the same name, or
// the index-backed constraint of the same type and columns.
func inheritedConstraint(r *Relation, con *Constraint) *Constraint {
	for _, c := range r.Constraints {
		if c == con {
			return c
		}
	}
	for _, c := range r.Constraints {
		switch {
		case c.Type != con.Type:
		case c.Type == ConCheck || c.Type == ConForeign:
			if c.Name == con.Name {
				return c
			}
		case slices.Equal(c.Columns, con.Columns):
			return c
		}
	}
	return nil
}

// addColumnOrConstraint replays ADD COLUMN or ADD CONSTRAINT on rel and
// returns the table constraints it added. For a partition, parent is the
// partitioned table the command was given for, whose new column is copied,
// and parentAdded the constraints it added there, whose CHECK and FOREIGN
// KEY names the partition reuses.
func (s *Schema) addColumnOrConstraint(rel, parent *Relation, cmd *sqlparse.AlterTableCmd, parentAdded []*Constraint) []*Constraint {
	var pending []columnConstraint
	if cmd.GetSubtype() == sqlparse.AT_AddColumn {
		cd := cmd.GetDef().GetColumnDef()
		if cd == nil || cmd.GetMissingOk() && rel.Column(cd.GetColname()) != nil {
			return nil
		}
		if parent == nil {
			pending = s.addColumn(rel, cd)
		} else {
			pending = inheritColumn(rel, parent, cd)
		}
	} else if con := cmd.GetDef().GetConstraint(); con != nil {
		pending = []columnConstraint{{con: con}}
	}
	added := make([]*Constraint, len(pending))
	for i, cc := range pending {
		o := conOpts{column: cc.column, inherited: parent != nil}
		if i < len(parentAdded) && parentAdded[i] != nil {
			o.name = parentAdded[i].Name
		}
		added[i] = s.addConstraint(rel, cc.con, o)
	}
	return added
}

// inheritColumn gives a partition a copy of the column that ADD COLUMN cd
// added to its parent, and returns the column's table constraints.
func inheritColumn(rel, parent *Relation, cd *sqlparse.ColumnDef) []columnConstraint {
	pc := parent.Column(cd.GetColname())
	if pc == nil {
		return nil
	}
	c2 := *pc
	c2.Identity, c2.Serial = "", false
	if col := rel.Column(pc.Name); col != nil {
		*col = c2
	} else {
		rel.Columns = append(rel.Columns, &c2)
	}
	var rest []columnConstraint
	for _, n := range cd.GetConstraints() {
		if con := n.GetConstraint(); con != nil && isTableConstraint(con) {
			rest = append(rest, columnConstraint{column: pc.Name, con: con})
		}
	}
	return rest
}

// alterColumn applies the subcommands that change one column or the
// relation itself.
func (s *Schema) alterColumn(rel *Relation, cmd *sqlparse.AlterTableCmd) {
	col := rel.Column(cmd.GetName())
	switch t := cmd.GetSubtype(); {
	case t == sqlparse.AT_SetLogged, t == sqlparse.AT_SetUnLogged:
		rel.Unlogged = t == sqlparse.AT_SetUnLogged
	case t == sqlparse.AT_AttachPartition:
		s.attachPartition(rel, cmd.GetDef().GetPartitionCmd())
	case t == sqlparse.AT_DetachPartition, t == sqlparse.AT_DetachPartitionFinalize:
		if child := s.lookupRel(cmd.GetDef().GetPartitionCmd().GetName()); child != nil &&
			child.PartitionOf != nil && *child.PartitionOf == rel.Name {
			child.PartitionOf, child.DefaultPartition = nil, false
		}
	case col == nil:
	case t == sqlparse.AT_DropColumn:
		s.dropColumn(rel, col)
	case t == sqlparse.AT_AlterColumnType:
		cd := cmd.GetDef().GetColumnDef()
		if cd.GetTypeName() != nil {
			col.Type = s.columnType(cd.GetTypeName())
		}
		if cc := cd.GetCollClause(); cc != nil {
			col.Collation = collation(cc.GetCollname())
		}
	case t == sqlparse.AT_ColumnDefault:
		col.HasDefault, col.Default = cmd.GetDef() != nil, sqlparse.ExprString(cmd.GetDef())
	case t == sqlparse.AT_SetNotNull, t == sqlparse.AT_DropNotNull:
		col.NotNull = t == sqlparse.AT_SetNotNull
	case t == sqlparse.AT_AddIdentity:
		col.Identity, col.NotNull = identityKind(cmd.GetDef().GetConstraint().GetGeneratedWhen()), true
	case t == sqlparse.AT_SetIdentity:
		for _, n := range cmd.GetDef().GetList().GetItems() {
			if de := n.GetDefElem(); de.GetDefname() == "generated" && col.Identity != "" {
				col.Identity = identityKind(string(rune(de.GetArg().GetInteger().GetIval())))
			}
		}
	case t == sqlparse.AT_DropIdentity:
		col.Identity = ""
	case t == sqlparse.AT_DropExpression:
		col.Generated, col.GeneratedExpr = false, ""
	}
}

// attachPartition replays ATTACH PARTITION: the table becomes a partition of
// rel and gets what partitions inherit.
func (s *Schema) attachPartition(rel *Relation, pc *sqlparse.PartitionCmd) {
	child := s.lookupRel(pc.GetName())
	if child == nil || rel.Kind != KindPartitioned || s.isAncestor(child, rel) {
		return
	}
	q := rel.Name
	child.PartitionOf = &q
	child.DefaultPartition = pc.GetBound().GetIsDefault()
	s.inheritPartition(rel, child)
}

// dropColumn removes col from rel with what depends on it: its serial
// sequence, the indexes and constraints that use it, and the foreign keys of
// other tables that reference it.
func (s *Schema) dropColumn(rel *Relation, col *Column) {
	rel.Columns = slices.DeleteFunc(rel.Columns, func(c *Column) bool { return c == col })
	if seq, ok := serialSequence(col); ok && s.relations[seq] != nil && s.relations[seq].Kind == KindSequence {
		s.dropRelations(map[QName]bool{seq: true})
	}
	for _, idx := range slices.Clone(rel.Indexes) {
		if indexUses(rel, idx, col.Name) {
			s.removeIndex(idx)
		}
	}
	for _, con := range slices.Clone(rel.Constraints) {
		if slices.Contains(con.Columns, col.Name) {
			s.dropConstraint(rel, con)
		}
	}
	for _, fk := range s.referencing(rel.Name) {
		if slices.Contains(fk.con.RefColumns, col.Name) {
			s.dropConstraint(fk.rel, fk.con)
		}
	}
}

// indexUses reports whether idx uses the column name: as a key or INCLUDE
// column, or in an expression or predicate.
func indexUses(rel *Relation, idx *Index, name string) bool {
	if slices.Contains(idx.Columns, name) || slices.Contains(idx.Include, name) {
		return true
	}
	for _, c := range idx.Columns {
		if rel.Column(c) == nil && exprMentions(c, name) {
			return true
		}
	}
	return idx.Predicate != "" && exprMentions(idx.Predicate, name)
}

// exprMentions reports whether the expression text mentions the column
// name. The text is parsed again: the model keeps expressions as text.
func exprMentions(expr, name string) bool {
	f, err := sqlparse.Parse("expression", []byte("SELECT "+expr))
	if err != nil || len(f.Statements) != 1 {
		return false
	}
	return slices.Contains(columnRefs(f.Statements[0].Node), name)
}

// renameColumn renames a column of rel, and of its partitions when recurse
// is set, in its indexes, constraints and the foreign keys referencing it.
// Expression texts (CHECK, index expressions) keep the old name.
func (s *Schema) renameColumn(rel *Relation, from, to string, recurse bool) {
	col := rel.Column(from)
	if col == nil || rel.Column(to) != nil {
		return
	}
	col.Name = to
	rename := func(names []string) {
		for i, n := range names {
			if n == from {
				names[i] = to
			}
		}
	}
	for _, idx := range rel.Indexes {
		rename(idx.Columns)
		rename(idx.Include)
	}
	for _, con := range rel.Constraints {
		rename(con.Columns)
	}
	for _, fk := range s.referencing(rel.Name) {
		rename(fk.con.RefColumns)
	}
	if recurse && rel.Kind == KindPartitioned {
		for _, p := range s.descendants(rel) {
			s.renameColumn(p, from, to, false)
		}
	}
}
