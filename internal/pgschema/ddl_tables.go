package pgschema

import (
	"slices"
	"strings"
)

func (b *builder) addTables() {
	identity := b.identityOptions()
	for i := range b.cat.tables {
		r := &b.cat.tables[i]
		t := &Table{
			Schema: r.Schema, Name: r.Name, Partitioned: r.Kind == "p", Unlogged: r.Unlogged,
			Options: sorted(r.Options), PartitionKey: r.PartitionKey, PartitionBound: r.PartitionBound,
			AccessMethod: r.AccessMethod, RowSecurity: r.RowSecurity, ForceRowSecurity: r.ForceRowSecurity,
			ReplicaIdentity: r.ReplicaIdentity,
		}
		if r.PartitionBound != "" && len(r.Parents) > 0 {
			t.PartitionOf = r.Parents[0]
		} else {
			t.Inherits = r.Parents
		}
		var idents, settings []string
		for _, c := range b.columns[r.OID] {
			col := tableColumn(c, identity[columnRef{r.OID, c.Name}])
			parent := b.parentColumn(r.ParentOIDs, c.Name)
			stmts := columnSettings(r.Ident, c, parent)
			if t.PartitionOf != "" || !c.IsLocal {
				// Inherited: it comes with the parent, and only what this
				// table sets differently needs saying.
				stmts = append(inheritedSettings(r.Ident, col, c.Ident, parent), stmts...)
				if len(stmts) > 0 {
					t.Inherited = append(t.Inherited, col)
				}
			} else {
				t.Columns = append(t.Columns, col)
				idents = append(idents, c.Ident)
			}
			settings = append(settings, stmts...)
		}
		d := b.add(&definition{kind: "table", name: r.Schema + "." + r.Name, rank: rankTable,
			key: oidKey{classClass, r.OID}, table: t, create: []string{tableSQL(t, r.Ident, idents)}})
		d.create = append(d.create, settings...)
		d.create = append(d.create, tableTrailer(t, r.Ident)...)
		b.tables[r.OID] = d
		b.setOwner(d, "TABLE "+r.Ident, r.Owner)
	}
}

// columnRef names a column by table OID and column name.
type columnRef struct {
	table uint32
	name  string
}

// identityOptions returns the sequence options of every identity column
// and makes the identity sequences part of their table.
func (b *builder) identityOptions() map[columnRef]string {
	out := map[columnRef]string{}
	for i := range b.cat.sequences {
		r := &b.cat.sequences[i]
		if r.OwnedKind != "i" {
			continue
		}
		b.alias[oidKey{classClass, r.OID}] = oidKey{classClass, r.OwnedTable}
		opts := append([]string{"SEQUENCE NAME " + r.Ident}, sequenceOptions(r, false)...)
		out[columnRef{r.OwnedTable, r.OwnedColumnName}] = strings.Join(opts, " ")
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// tableSQL writes the CREATE TABLE statement; idents are the quoted column names.
func tableSQL(t *Table, ident string, idents []string) string {
	var s strings.Builder
	s.WriteString("CREATE ")
	if t.Unlogged {
		s.WriteString("UNLOGGED ")
	}
	s.WriteString("TABLE " + ident)
	if t.PartitionOf != "" {
		s.WriteString(" PARTITION OF " + t.PartitionOf + "\n    " + t.PartitionBound)
	} else {
		cols := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			cols[i] = columnSQL(idents[i], c)
		}
		s.WriteString(" (" + list(cols) + ")")
	}
	if len(t.Inherits) > 0 {
		s.WriteString("\nINHERITS (" + strings.Join(t.Inherits, ", ") + ")")
	}
	if t.PartitionKey != "" {
		s.WriteString("\nPARTITION BY " + t.PartitionKey)
	}
	if t.AccessMethod != "" {
		s.WriteString("\nUSING " + t.AccessMethod)
	}
	if len(t.Options) > 0 {
		s.WriteString("\nWITH (" + strings.Join(t.Options, ", ") + ")")
	}
	s.WriteString(";")
	return s.String()
}

func columnSQL(ident string, c Column) string {
	s := ident + " " + c.Type
	if c.Collation != "" {
		s += " COLLATE " + c.Collation
	}
	switch {
	case c.Generated != "":
		s += " GENERATED ALWAYS AS (" + c.Default + ") " + c.Generated
	case c.Identity != "":
		s += " GENERATED " + c.Identity + " AS IDENTITY"
		if c.IdentityOptions != "" {
			s += " (" + c.IdentityOptions + ")"
		}
	case c.Default != "":
		s += " DEFAULT " + c.Default
	}
	if c.NotNull {
		s += " NOT NULL"
	}
	return s
}

// tableTrailer writes the table-level settings that CREATE TABLE cannot carry.
func tableTrailer(t *Table, ident string) []string {
	var out []string
	if t.RowSecurity {
		out = append(out, "ALTER TABLE "+ident+" ENABLE ROW LEVEL SECURITY;")
	}
	if t.ForceRowSecurity {
		out = append(out, "ALTER TABLE "+ident+" FORCE ROW LEVEL SECURITY;")
	}
	switch t.ReplicaIdentity {
	case "f":
		out = append(out, "ALTER TABLE "+ident+" REPLICA IDENTITY FULL;")
	case "n":
		out = append(out, "ALTER TABLE "+ident+" REPLICA IDENTITY NOTHING;")
	}
	return out
}

func (b *builder) addViews() {
	for _, r := range b.cat.views {
		def := strings.TrimRight(strings.TrimSpace(r.Definition), ";")
		var s strings.Builder
		kind, rank, keyword := "view", rankView, "VIEW"
		if r.Kind == "m" {
			kind, rank, keyword = "materialized view", rankMatView, "MATERIALIZED VIEW"
		}
		s.WriteString("CREATE " + keyword + " " + r.Ident)
		if r.AccessMethod != "" {
			s.WriteString(" USING " + r.AccessMethod)
		}
		if len(r.Options) > 0 {
			s.WriteString(" WITH (" + strings.Join(sorted(r.Options), ", ") + ")")
		}
		s.WriteString(" AS\n " + def)
		if r.Kind == "m" {
			s.WriteString("\n  WITH NO DATA")
		}
		s.WriteString(";")
		stmts := []string{s.String()}
		for _, c := range b.columns[r.OID] {
			if c.Default != "" {
				// Defaults for INSERT through the view.
				stmts = append(stmts, "ALTER VIEW "+r.Ident+" ALTER COLUMN "+c.Ident+" SET DEFAULT "+c.Default+";")
			}
		}
		d := b.add(&definition{kind: kind, name: r.Schema + "." + r.Name, rank: rank,
			key: oidKey{classClass, r.OID}, create: stmts})
		b.setOwner(d, keyword+" "+r.Ident, r.Owner)
	}
}

func (b *builder) addConstraints() {
	for _, r := range b.cat.constraints {
		rank := rankConstraint
		if r.Type == "f" {
			rank = rankForeignKey
		}
		def := withIndexOptions(r.Definition, r.IndexOptions)
		stmts := []string{"ALTER TABLE " + r.TableIdent + "\n    ADD CONSTRAINT " + r.Ident + " " + def + ";"}
		stmts = append(stmts, indexTrailer(r.TableIdent, r.Ident, r.Clustered, r.ReplicaIdentity)...)
		b.add(&definition{kind: "constraint", name: r.TableName + "." + r.Name, rank: rank,
			key: oidKey{classConstraint, r.OID}, create: stmts})
	}
}

// withIndexOptions puts the storage parameters of a primary key's or
// unique constraint's index into its definition, before the deferrability
// clauses, where the grammar wants them.
func withIndexOptions(def, options string) string {
	if options == "" {
		return def
	}
	head, tail := def, ""
	for _, suffix := range []string{" DEFERRABLE INITIALLY DEFERRED", " DEFERRABLE"} {
		if h, ok := strings.CutSuffix(def, suffix); ok {
			head, tail = h, suffix
			break
		}
	}
	return head + " WITH (" + options + ")" + tail
}

func (b *builder) addIndexes() {
	for _, r := range b.cat.indexes {
		def := r.Definition
		if r.Partitioned {
			// pg_get_indexdef writes ON ONLY for a partitioned index; without
			// ONLY the index is created on every partition too, as the
			// partitions' own indexes are not dumped.
			def = strings.Replace(def, " ON ONLY ", " ON ", 1)
		}
		stmts := append([]string{def + ";"}, r.Statistics...)
		stmts = append(stmts, indexTrailer(r.TableIdent, r.NameIdent, r.Clustered, r.ReplicaIdentity)...)
		b.add(&definition{kind: "index", name: r.TableName + "." + r.Name, rank: rankIndex,
			key: oidKey{classClass, r.OID}, create: stmts})
	}
}

// indexTrailer writes CLUSTER ON and REPLICA IDENTITY USING INDEX.
func indexTrailer(table, index string, clustered, replident bool) []string {
	var out []string
	if clustered {
		out = append(out, "ALTER TABLE "+table+" CLUSTER ON "+index+";")
	}
	if replident {
		out = append(out, "ALTER TABLE "+table+" REPLICA IDENTITY USING INDEX "+index+";")
	}
	return out
}
