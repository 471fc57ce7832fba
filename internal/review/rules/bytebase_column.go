package rules

import (
	"regexp"
	"slices"
	"strings"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/model"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// bbColumnMaxCharLengthRule flags CHAR(n) columns with n above number, in
// CREATE TABLE, ADD COLUMN and ALTER COLUMN ... TYPE.
var bbColumnMaxCharLengthRule = &review.Rule{
	ID:       "column.maximum-character-length",
	Aliases:  []string{"COLUMN_MAXIMUM_CHARACTER_LENGTH"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"number": 20},
	Summary:  "a CHAR(n) column with n above number (default 20) (Bytebase COLUMN_MAXIMUM_CHARACTER_LENGTH)",
	Why:      "CHAR pads every value with spaces to its full length: long CHAR columns waste space and compare surprisingly",
	Fix:      "use varchar(n) or text instead of a long char(n)",
	Bad:      "CREATE TABLE customers (id bigint, name char(100));",
	Good:     "CREATE TABLE customers (id bigint, name varchar(100), country char(2));",
	Nodes:    []string{"CreateStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		q, defs := bbColumnDefs(p, s)
		if at := s.Node.GetAlterTableStmt(); at != nil {
			for _, c := range at.GetCmds() {
				if cmd := c.GetAlterTableCmd(); cmd.GetSubtype() == sqlparse.AT_AlterColumnType {
					cd := cmd.GetDef().GetColumnDef()
					if cd.GetColname() == "" {
						cd = &sqlparse.ColumnDef{Colname: cmd.GetName(), TypeName: cd.GetTypeName()}
					}
					defs = append(defs, cd)
				}
			}
		}
		limit := p.OptionInt("number", 20)
		for _, cd := range defs {
			if n := bbCharLength(cd.GetTypeName()); n > limit {
				p.Report(s, "column %s of %s is char(%d), longer than %d", bbQuote(cd.GetColname()), q, n, limit)
			}
		}
	},
}

// bbCharLength returns the declared length of a character(n) (bpchar)
// type, or 0 for other types.
func bbCharLength(tn *sqlparse.TypeName) int {
	names := sqlparse.NameList(tn.GetNames())
	isChar := len(names) == 1 && names[0] == "bpchar" ||
		len(names) == 2 && names[0] == "pg_catalog" && names[1] == "bpchar"
	if !isChar || len(tn.GetTypmods()) == 0 {
		return 0
	}
	return int(tn.GetTypmods()[0].GetAConst().GetIval().GetIval())
}

// bbPrimaryKeyTypeAllowlistRule flags primary key columns whose type is not
// in the list. Type names are compared in PostgreSQL's spelling whatever
// alias is used (int4, int and integer are the same), with or without their
// length or precision; a serial column matches serial or its integer type.
var bbPrimaryKeyTypeAllowlistRule = &review.Rule{
	ID:       "index.primary-key-type-allowlist",
	Aliases:  []string{"INDEX_PRIMARY_KEY_TYPE_ALLOWLIST"},
	Category: review.CategoryBytebase,
	Level:    review.Off,
	Options:  map[string]any{"list": []any{"serial", "bigserial", "integer", "bigint"}},
	Summary:  "a primary key column whose type is not in the list (default serial, bigserial, integer, bigint) (Bytebase INDEX_PRIMARY_KEY_TYPE_ALLOWLIST)",
	Why:      "wide or text primary keys make every index and every referencing foreign key bigger and slower",
	Fix:      "use one of the allowed types for the key and keep natural keys in a UNIQUE column",
	Bad:      "CREATE TABLE customers (email text PRIMARY KEY);",
	Good:     "CREATE TABLE customers (id bigint PRIMARY KEY, email text UNIQUE);",
	Nodes:    []string{"CreateStmt", "AlterTableStmt"},
	Stmt: func(p *review.Pass, s *review.Stmt) {
		for _, tc := range bbConstraints(p, s) {
			if tc.con.GetContype() != sqlparse.CONSTR_PRIMARY {
				continue
			}
			allowed := cached(p, cacheTypeList, func() map[string]bool {
				allowed := map[string]bool{}
				for _, t := range p.OptionList("list") {
					allowed[bbNormType(t)] = true
				}
				return allowed
			})
			_, defs := bbColumnDefs(p, s)
			cols := tc.columns()
			if idx := tc.con.GetIndexname(); idx != "" && len(tc.con.GetKeys()) == 0 { // USING INDEX
				if ix := p.Schema.Index(model.QName{Schema: tc.table.Schema, Name: idx}); ix != nil {
					cols = ix.Columns
				}
			}
			for _, col := range cols {
				types := bbColumnTypes(p, tc.table, col, defs)
				if len(types) == 0 || slices.ContainsFunc(types, func(t string) bool { return allowed[t] || allowed[bbBaseType(t)] }) {
					continue
				}
				p.Report(s, "primary key column %s of %s has type %s, which is not in the allowed list (%s)",
					bbQuote(col), tc.table, types[0], strings.Join(p.OptionList("list"), ", "))
			}
		}
	},
}

// bbColumnTypes returns the normalised type names a column may be matched
// by, from its definition in the statement or from the schema model; a
// serial column gives its serial name and its integer type. It returns nil
// when the column is unknown.
func bbColumnTypes(p *review.Pass, table model.QName, col string, defs []*sqlparse.ColumnDef) []string {
	for _, cd := range defs {
		if cd.GetColname() != col {
			continue
		}
		names := sqlparse.NameList(cd.GetTypeName().GetNames())
		if len(names) == 1 && len(cd.GetTypeName().GetArrayBounds()) == 0 {
			if integer, ok := bbSerialTypes[bbNormType(names[0])]; ok {
				return []string{bbNormType(names[0]), integer}
			}
		}
		return []string{bbNormType(sqlparse.TypeNameString(cd.GetTypeName()))}
	}
	c := bbRelation(p, table).Column(col)
	if c == nil || c.Type == "" {
		return nil
	}
	t := bbNormType(c.Type)
	if c.Serial {
		for serial, integer := range bbSerialTypes {
			if integer == t {
				return []string{serial, t}
			}
		}
	}
	return []string{t}
}

// bbSerialTypes maps the serial pseudo-types to their integer types.
var bbSerialTypes = map[string]string{"serial": "integer", "bigserial": "bigint", "smallserial": "smallint"}

// bbTypeAliases maps type aliases to PostgreSQL's spelling.
var bbTypeAliases = map[string]string{
	"int": "integer", "int4": "integer", "int8": "bigint", "int2": "smallint",
	"serial4": "serial", "serial8": "bigserial", "serial2": "smallserial",
	"varchar": "character varying", "char": "character", "bpchar": "character",
	"bool": "boolean", "float8": "double precision", "float4": "real", "float": "double precision",
	"decimal": "numeric", "timestamptz": "timestamp with time zone", "timestamp": "timestamp without time zone",
	"timetz": "time with time zone", "time": "time without time zone", "varbit": "bit varying",
}

// bbNormType normalises a type name for comparison: lower case, single
// spaces, no pg_catalog prefix, aliases resolved (typmods are kept).
func bbNormType(t string) string {
	t = strings.Join(strings.Fields(strings.ToLower(t)), " ")
	t = strings.TrimPrefix(t, "pg_catalog.")
	base, mods, _ := strings.Cut(t, "(")
	if mods != "" && strings.Index(mods, ")") != len(mods)-1 {
		return t // timestamp(3) with time zone: already PostgreSQL's spelling
	}
	if a, ok := bbTypeAliases[strings.TrimSpace(base)]; ok {
		if mods != "" {
			return a + "(" + mods
		}
		return a
	}
	return t
}

// bbTypmods matches the typmods of a type name.
var bbTypmods = regexp.MustCompile(`\s*\([^)]*\)`)

// bbBaseType drops the typmods of a normalised type name: character
// varying(20) gives character varying.
func bbBaseType(t string) string {
	return bbTypmods.ReplaceAllString(t, "")
}
