package pgschema

import (
	"strconv"
	"strings"
)

// storageNames and compressionNames map pg_attribute's letters to SQL.
var (
	storageNames     = map[string]string{"p": "PLAIN", "e": "EXTERNAL", "m": "MAIN", "x": "EXTENDED"}
	compressionNames = map[string]string{"p": "pglz", "l": "lz4"}
)

// tableColumn makes the model's column from its catalog row; identity is
// the options of its identity sequence.
func tableColumn(c *columnRow, identity string) Column {
	col := Column{Name: c.Name, Type: c.DataType, Collation: c.Collation, NotNull: c.NotNull, Default: c.Default,
		IdentityOptions: identity, Compression: compressionNames[c.Compression], Options: sorted(c.Options)}
	switch c.Identity {
	case "a":
		col.Identity = "ALWAYS"
	case "d":
		col.Identity = "BY DEFAULT"
	}
	if c.Generated == "s" {
		col.Generated = "STORED"
	}
	if c.Storage != c.TypeStorage {
		col.Storage = storageNames[c.Storage]
	}
	if c.Statistics >= 0 {
		col.Statistics = strconv.Itoa(int(c.Statistics))
	}
	return col
}

// parentColumn returns the column of that name of the first parent that
// has one, or nil.
func (b *builder) parentColumn(parents []uint32, name string) *columnRow {
	for _, p := range parents {
		for _, c := range b.columns[p] {
			if c.Name == name {
				return c
			}
		}
	}
	return nil
}

// alterColumn starts an ALTER TABLE ONLY ... ALTER COLUMN statement.
func alterColumn(table, column string) string {
	return "ALTER TABLE ONLY " + table + " ALTER COLUMN " + column + " "
}

// columnSettings writes what CREATE TABLE cannot say about a column: its
// statistics target, storage, compression and options. A column inherits
// storage and compression from its parent, else has its type's defaults.
func columnSettings(table string, c *columnRow, parent *columnRow) []string {
	alter := alterColumn(table, c.Ident)
	var out []string
	if c.Statistics >= 0 {
		out = append(out, alter+"SET STATISTICS "+strconv.Itoa(int(c.Statistics))+";")
	}
	storage, compression := c.TypeStorage, ""
	if parent != nil {
		storage, compression = parent.Storage, parent.Compression
	}
	if c.Storage != storage {
		out = append(out, alter+"SET STORAGE "+storageNames[c.Storage]+";")
	}
	if c.Compression != compression {
		method := compressionNames[c.Compression]
		if method == "" {
			method = "DEFAULT"
		}
		out = append(out, alter+"SET COMPRESSION "+method+";")
	}
	if len(c.Options) > 0 {
		out = append(out, alter+"SET ("+strings.Join(sorted(c.Options), ", ")+");")
	}
	return out
}

// inheritedSettings writes the default and NOT NULL of an inherited column
// where they differ from its parent's, which it takes when created.
func inheritedSettings(table string, col Column, ident string, parent *columnRow) []string {
	var p Column
	if parent != nil {
		p = tableColumn(parent, "")
	}
	alter := alterColumn(table, ident)
	var out []string
	if col.Generated == "" && p.Generated == "" && col.Default != p.Default {
		if col.Default == "" {
			out = append(out, alter+"DROP DEFAULT;")
		} else {
			out = append(out, alter+"SET DEFAULT "+col.Default+";")
		}
	}
	if col.NotNull && !p.NotNull {
		out = append(out, alter+"SET NOT NULL;")
	}
	return out
}
