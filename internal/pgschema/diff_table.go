package pgschema

import (
	"slices"
	"strings"
)

// compareTables returns the table-level attributes that changed and one
// change per column added, removed or changed. The columns of a partition
// are its parent's, so they are not compared when either side is one.
func compareTables(f, t *definition) ([]AttrChange, []Change) {
	ft, tt := f.table, t.table
	var attrs []AttrChange
	attrs = appendIf(attrs, "persistence", persistence(ft.Unlogged), persistence(tt.Unlogged))
	attrs = appendIf(attrs, "partitioned by", ft.PartitionKey, tt.PartitionKey)
	attrs = appendIf(attrs, "partition of", ft.PartitionOf, tt.PartitionOf)
	attrs = appendIf(attrs, "partition bound", ft.PartitionBound, tt.PartitionBound)
	attrs = appendIf(attrs, "inherits", strings.Join(ft.Inherits, ", "), strings.Join(tt.Inherits, ", "))
	attrs = appendIf(attrs, "access method", ft.AccessMethod, tt.AccessMethod)
	attrs = appendIf(attrs, "storage parameters", strings.Join(ft.Options, ", "), strings.Join(tt.Options, ", "))
	attrs = appendIf(attrs, "row security", onOff(ft.RowSecurity), onOff(tt.RowSecurity))
	attrs = appendIf(attrs, "forced row security", onOff(ft.ForceRowSecurity), onOff(tt.ForceRowSecurity))
	attrs = appendIf(attrs, "replica identity", replicaIdentity(ft.ReplicaIdentity), replicaIdentity(tt.ReplicaIdentity))
	attrs = appendIf(attrs, "owned sequences", ownedBy(f.ownedSeqs), ownedBy(t.ownedSeqs))
	attrs = appendIf(attrs, "inherited column settings", inheritedText(ft), inheritedText(tt))
	if ft.PartitionOf != "" || tt.PartitionOf != "" {
		return attrs, nil
	}

	fcols, tcols := columnMap(ft), columnMap(tt)
	fcom, tcom := columnComments(f.comments), columnComments(t.comments)
	var changes []Change
	var common []string
	for _, c := range ft.Columns {
		if _, ok := tcols[c.Name]; ok {
			common = append(common, c.Name)
		} else {
			changes = append(changes, columnChange(f.name, c, OpRemoved, nil, columnDef(c.Name, c), ""))
		}
	}
	for _, c := range tt.Columns {
		fc, ok := fcols[c.Name]
		if !ok {
			changes = append(changes, columnChange(f.name, c, OpAdded, nil, "", columnDef(c.Name, c)))
			continue
		}
		if a := columnAttrs(fc, c, fcom[c.Name], tcom[c.Name]); len(a) > 0 {
			changes = append(changes, columnChange(f.name, c, OpChanged, a, columnDef(c.Name, fc), columnDef(c.Name, c)))
		}
	}
	var tcommon []string
	for _, c := range tt.Columns {
		if _, ok := fcols[c.Name]; ok {
			tcommon = append(tcommon, c.Name)
		}
	}
	attrs = appendIf(attrs, "column order", strings.Join(common, ", "), strings.Join(tcommon, ", "))
	return attrs, changes
}

func columnChange(table string, c Column, op string, attrs []AttrChange, from, to string) Change {
	return Change{Kind: "column", Name: table + "." + c.Name, Table: table, Op: op, Attrs: attrs, FromSQL: from, ToSQL: to}
}

// columnDef writes a column's definition as a DBA reads it: name, type,
// collation, NOT NULL, the default, generation or identity, then storage,
// compression, statistics target and options when set.
func columnDef(name string, c Column) string {
	s := name + " " + c.Type
	if c.Collation != "" {
		s += " COLLATE " + c.Collation
	}
	if c.NotNull {
		s += " NOT NULL"
	}
	switch {
	case c.Generated != "":
		s += " GENERATED " + generated(c)
	case c.Identity != "":
		s += " GENERATED " + c.Identity + " AS IDENTITY"
	case c.Default != "":
		s += " DEFAULT " + c.Default
	}
	if c.Storage != "" {
		s += " STORAGE " + c.Storage
	}
	if c.Compression != "" {
		s += " COMPRESSION " + c.Compression
	}
	if c.Statistics != "" {
		s += " STATISTICS " + c.Statistics
	}
	if len(c.Options) > 0 {
		s += " (" + strings.Join(c.Options, ", ") + ")"
	}
	return s
}

// inheritedText lists the inherited columns a table sets differently.
func inheritedText(t *Table) string {
	defs := make([]string, len(t.Inherited))
	for i, c := range t.Inherited {
		defs[i] = columnDef(c.Name, c)
	}
	return strings.Join(defs, "; ")
}

func columnMap(t *Table) map[string]Column {
	m := make(map[string]Column, len(t.Columns))
	for _, c := range t.Columns {
		m[c.Name] = c
	}
	return m
}

// columnAttrs returns what changed in a column; fcom and tcom are its
// COMMENT ON COLUMN statements.
func columnAttrs(f, t Column, fcom, tcom string) []AttrChange {
	var attrs []AttrChange
	attrs = appendIf(attrs, "type", f.Type, t.Type)
	attrs = appendIf(attrs, "collation", f.Collation, t.Collation)
	attrs = appendIf(attrs, "default", plainDefault(f), plainDefault(t))
	attrs = appendIf(attrs, "generated", generated(f), generated(t))
	attrs = appendIf(attrs, "identity", f.Identity, t.Identity)
	if f.Identity != "" && t.Identity != "" {
		attrs = appendIf(attrs, "identity options", f.IdentityOptions, t.IdentityOptions)
	}
	attrs = appendIf(attrs, "nullability", nullability(f.NotNull), nullability(t.NotNull))
	attrs = appendIf(attrs, "storage", f.Storage, t.Storage)
	attrs = appendIf(attrs, "compression", f.Compression, t.Compression)
	attrs = appendIf(attrs, "statistics", f.Statistics, t.Statistics)
	attrs = appendIf(attrs, "options", strings.Join(f.Options, ", "), strings.Join(t.Options, ", "))
	return appendIf(attrs, "comment", fcom, tcom)
}

func plainDefault(c Column) string {
	if c.Generated != "" {
		return ""
	}
	return c.Default
}

func generated(c Column) string {
	if c.Generated == "" {
		return ""
	}
	return "ALWAYS AS (" + c.Default + ") " + c.Generated
}

func nullability(notNull bool) string {
	if notNull {
		return "NOT NULL"
	}
	return "NULL"
}

func onOff(b bool) string {
	if b {
		return "enabled"
	}
	return "disabled"
}

func replicaIdentity(r string) string {
	switch r {
	case "n":
		return "nothing"
	case "f":
		return "full"
	case "i":
		return "index"
	}
	return "default"
}

// ownedBy lists the ALTER SEQUENCE ... OWNED BY statements of a table.
func ownedBy(stmts []string) string {
	out := slices.Clone(stmts)
	slices.Sort(out)
	return strings.Join(out, "\n")
}

const commentOnColumn = "COMMENT ON COLUMN "

// ownComments leaves out the comments on columns.
func ownComments(comments []string) []string {
	var out []string
	for _, c := range comments {
		if !strings.HasPrefix(c, commentOnColumn) {
			out = append(out, c)
		}
	}
	return out
}

// columnComments maps column names to their COMMENT ON COLUMN statements.
func columnComments(comments []string) map[string]string {
	m := map[string]string{}
	for _, c := range comments {
		rest, ok := strings.CutPrefix(c, commentOnColumn)
		if !ok {
			continue
		}
		if name, ok := lastIdent(rest); ok {
			m[name] = c
		}
	}
	return m
}

// lastIdent returns the unquoted last part of a qualified name that s
// starts with, such as col in public.t.col IS '...'.
func lastIdent(s string) (string, bool) {
	// Walk the dotted name from the start: each part is quoted or plain.
	var last string
	for {
		if strings.HasPrefix(s, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(s); i++ {
				if s[i] == '"' {
					if i+1 < len(s) && s[i+1] == '"' {
						b.WriteByte('"')
						i++
						continue
					}
					break
				}
				b.WriteByte(s[i])
			}
			if i >= len(s) {
				return "", false
			}
			last, s = b.String(), s[i+1:]
		} else {
			end := strings.IndexAny(s, ". ")
			if end < 0 {
				return "", false
			}
			last, s = s[:end], s[end:]
		}
		if !strings.HasPrefix(s, ".") {
			return last, strings.HasPrefix(s, " IS ")
		}
		s = s[1:]
	}
}
