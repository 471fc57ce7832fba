package pgschema

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

func (b *builder) addSchemas() {
	for _, r := range b.cat.schemas {
		d := b.add(&definition{kind: "schema", name: r.Name, rank: rankSchema, key: oidKey{classNamespace, r.OID},
			create: []string{"CREATE SCHEMA IF NOT EXISTS " + r.Ident + ";"}})
		b.setOwner(d, "SCHEMA "+r.Ident, r.Owner)
	}
}

func (b *builder) addExtensions() {
	for _, r := range b.cat.extensions {
		b.add(&definition{kind: "extension", name: r.Name, rank: rankExtension, key: oidKey{classExtension, r.OID},
			create: []string{"CREATE EXTENSION IF NOT EXISTS " + r.Ident + " WITH SCHEMA " + r.SchemaIdent + ";"}})
	}
}

func (b *builder) addTypes() {
	for i := range b.cat.types {
		r := &b.cat.types[i]
		d := &definition{kind: "type", name: r.Schema + "." + r.Name, rank: rankType, key: oidKey{classType, r.OID}}
		keyword := "TYPE"
		switch r.Type {
		case "e":
			d.create = []string{"CREATE TYPE " + r.Ident + " AS ENUM (" + list(r.Labels) + ");"}
		case "c":
			d.create = []string{"CREATE TYPE " + r.Ident + " AS (" + list(r.Attributes) + ");"}
		case "r":
			d.create = []string{"CREATE TYPE " + r.Ident + " AS RANGE (" + list(rangeOptions(r)) + ");"}
		case "d":
			d.kind, d.rank, keyword = "domain", rankDomain, "DOMAIN"
			d.create = []string{domainSQL(r)}
			for _, c := range r.NotValidChecks {
				d.create = append(d.create, "ALTER DOMAIN "+r.Ident+" ADD "+c+";")
			}
		}
		b.add(d)
		b.setOwner(d, keyword+" "+r.Ident, r.Owner)
	}
}

// list writes items one per line, indented, as the body of a parenthesised list.
func list(items []string) string {
	if len(items) == 0 {
		return ""
	}
	return "\n    " + strings.Join(items, ",\n    ") + "\n"
}

func rangeOptions(r *typeRow) []string {
	opts := []string{"SUBTYPE = " + r.Subtype}
	add := func(key, value string) {
		if value != "" {
			opts = append(opts, key+" = "+value)
		}
	}
	add("SUBTYPE_OPCLASS", r.SubtypeOpclass)
	add("COLLATION", r.RangeCollation)
	add("CANONICAL", r.Canonical)
	add("SUBTYPE_DIFF", r.SubtypeDiff)
	if r.MultirangeIdent != "" && (!r.MultirangeSameSchema || r.MultirangeName != defaultMultirangeName(r.Name)) {
		add("MULTIRANGE_TYPE_NAME", r.MultirangeIdent)
	}
	return opts
}

// defaultMultirangeName is the name PostgreSQL gives a range type's
// multirange type when CREATE TYPE does not name it (makeMultirangeTypeName):
// the first "range" becomes "multirange", else "_multirange" is appended,
// clipped to 63 bytes.
func defaultMultirangeName(rangeName string) string {
	var name string
	if i := strings.Index(rangeName, "range"); i >= 0 {
		name = rangeName[:i] + "multi" + rangeName[i:]
	} else {
		name = clipName(rangeName, maxIdentLen-len("_multirange")) + "_multirange"
	}
	return clipName(name, maxIdentLen)
}

// maxIdentLen is the longest identifier in bytes (NAMEDATALEN - 1).
const maxIdentLen = 63

// clipName cuts s to at most n bytes without splitting a UTF-8 character.
func clipName(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func domainSQL(r *typeRow) string {
	var s strings.Builder
	s.WriteString("CREATE DOMAIN " + r.Ident + " AS " + r.BaseType + r.Collation)
	if r.Default != "" {
		s.WriteString(" DEFAULT " + r.Default)
	}
	if r.NotNull {
		s.WriteString(" NOT NULL")
	}
	for _, c := range r.Checks {
		s.WriteString("\n    " + c)
	}
	s.WriteString(";")
	return s.String()
}

func (b *builder) addSequences() {
	for i := range b.cat.sequences {
		r := &b.cat.sequences[i]
		if r.OwnedKind == "i" {
			continue // part of its column, see identityOptions
		}
		var s strings.Builder
		s.WriteString("CREATE ")
		if r.Unlogged {
			s.WriteString("UNLOGGED ")
		}
		s.WriteString("SEQUENCE " + r.Ident)
		for _, o := range sequenceOptions(r, true) {
			s.WriteString("\n    " + o)
		}
		s.WriteString(";")
		d := b.add(&definition{kind: "sequence", name: r.Schema + "." + r.Name, rank: rankSequence,
			key: oidKey{classClass, r.OID}, create: []string{s.String()}})
		b.setOwner(d, "SEQUENCE "+r.Ident, r.Owner)
		if t := b.tables[r.OwnedTable]; r.OwnedKind == "a" && t != nil {
			// OWNED BY goes with the table, after it: the table usually
			// needs the sequence first for its column default.
			t.ownedSeqs = append(t.ownedSeqs, "ALTER SEQUENCE "+r.Ident+" OWNED BY "+r.OwnedColumn+";")
			b.extra = append(b.extra, [2]*definition{t, d})
			b.skip[[2]*definition{d, t}] = true
		}
	}
}

// sequenceOptions writes a sequence's options, leaving out the defaults
// (the AS clause is left out for identity sequences, whose type is the
// column's).
func sequenceOptions(r *sequenceRow, withType bool) []string {
	var opts []string
	if withType && r.DataType != "bigint" {
		opts = append(opts, "AS "+r.DataType)
	}
	typeMin, typeMax := int64(-9223372036854775808), int64(9223372036854775807)
	switch r.DataType {
	case "integer":
		typeMin, typeMax = -2147483648, 2147483647
	case "smallint":
		typeMin, typeMax = -32768, 32767
	}
	defMin, defMax := int64(1), typeMax
	if r.Increment < 0 {
		defMin, defMax = typeMin, -1
	}
	defStart := r.Min
	if r.Increment < 0 {
		defStart = r.Max
	}
	itoa := func(v int64) string { return strconv.FormatInt(v, 10) }
	if r.Start != defStart {
		opts = append(opts, "START WITH "+itoa(r.Start))
	}
	if r.Increment != 1 {
		opts = append(opts, "INCREMENT BY "+itoa(r.Increment))
	}
	if r.Min != defMin {
		opts = append(opts, "MINVALUE "+itoa(r.Min))
	}
	if r.Max != defMax {
		opts = append(opts, "MAXVALUE "+itoa(r.Max))
	}
	if r.Cache != 1 {
		opts = append(opts, "CACHE "+itoa(r.Cache))
	}
	if r.Cycle {
		opts = append(opts, "CYCLE")
	}
	return opts
}

func (b *builder) addFunctions() {
	for _, r := range b.cat.functions {
		kind, keyword := "function", "FUNCTION"
		if r.Kind == "p" {
			kind, keyword = "procedure", "PROCEDURE"
		}
		d := b.add(&definition{kind: kind, name: r.Schema + "." + r.Name + "(" + r.IdentityArgs + ")",
			rank: rankFunction, key: oidKey{classProc, r.OID},
			create: []string{strings.TrimRight(r.Definition, "\n ") + ";"}})
		b.setOwner(d, keyword+" "+r.Ident, r.Owner)
	}
}

func (b *builder) addAggregates() {
	for i := range b.cat.aggregates {
		r := &b.cat.aggregates[i]
		if r.Unsupported {
			continue // listed by unsupported.sql
		}
		opts := []string{"SFUNC = " + r.SFunc, "STYPE = " + r.SType}
		add := func(key, value string) {
			if value != "" {
				opts = append(opts, key+" = "+value)
			}
		}
		if r.SSpace != 0 {
			add("SSPACE", strconv.Itoa(int(r.SSpace)))
		}
		add("FINALFUNC", r.FinalFunc)
		if r.FinalFuncExtra {
			opts = append(opts, "FINALFUNC_EXTRA")
		}
		add("COMBINEFUNC", r.CombineFunc)
		add("SERIALFUNC", r.SerialFunc)
		add("DESERIALFUNC", r.DeserialFunc)
		if r.HasInitCond {
			add("INITCOND", quoteLiteral(r.InitCond))
		}
		add("SORTOP", r.SortOp)
		switch r.Parallel {
		case "s":
			add("PARALLEL", "SAFE")
		case "r":
			add("PARALLEL", "RESTRICTED")
		}
		d := b.add(&definition{kind: "aggregate", name: r.Schema + "." + r.Name + "(" + r.IdentityArgs + ")",
			rank: rankAggregate, key: oidKey{classProc, r.OID},
			create: []string{"CREATE AGGREGATE " + r.NameIdent + "(" + r.Arguments + ") (" + list(opts) + ");"}})
		b.setOwner(d, "AGGREGATE "+r.Ident, r.Owner)
	}
}
