package pgschema

import (
	"slices"
	"strings"
)

// builder turns catalog rows into definitions.
type builder struct {
	cat         *catalog
	opts        Options
	defs        []*definition
	byKey       map[oidKey]*definition
	alias       map[oidKey]oidKey
	tables      map[uint32]*definition
	columns     map[uint32][]*columnRow
	unsupported []string
	// extra are dependencies known outside pg_depend: from -> to.
	extra [][2]*definition
	// skip are pg_depend edges to leave out (sequence OWNED BY): from -> to.
	skip map[[2]*definition]bool
}

// build makes the Schema from the catalog rows.
func build(cat *catalog, opts Options) *Schema {
	b := &builder{
		cat:     cat,
		opts:    opts,
		byKey:   map[oidKey]*definition{},
		alias:   map[oidKey]oidKey{},
		tables:  map[uint32]*definition{},
		columns: map[uint32][]*columnRow{},
		skip:    map[[2]*definition]bool{},
	}
	for _, a := range cat.aliases {
		b.alias[oidKey{a.ClassOID, a.ObjOID}] = oidKey{a.OwnerClass, a.OwnerOID}
	}
	for i := range cat.columns {
		c := &cat.columns[i]
		b.columns[c.TableOID] = append(b.columns[c.TableOID], c)
	}
	b.addSchemas()
	b.addExtensions()
	b.addTypes()
	b.addFunctions()
	b.addAggregates()
	b.addTables()
	b.addSequences()
	b.addViews()
	b.addConstraints()
	b.addIndexes()
	b.addTriggers()
	b.addRules()
	b.addPolicies()
	b.addEventTriggers()
	b.addPublications()
	b.addComments()
	if opts.IncludeGrants {
		b.addGrants()
	}
	for _, u := range cat.unsupported {
		b.unsupported = append(b.unsupported, u.Description)
	}
	slices.Sort(b.unsupported)
	return &Schema{
		ServerVersion: cat.version,
		Unsupported:   slices.Compact(b.unsupported),
		objects:       b.order(),
	}
}

// add registers a definition under its catalog identity.
func (b *builder) add(d *definition) *definition {
	b.defs = append(b.defs, d)
	if d.key != (oidKey{}) {
		b.byKey[d.key] = d
	}
	return d
}

// setOwner records the ALTER ... OWNER TO statement when owners are wanted.
func (b *builder) setOwner(d *definition, target, owner string) {
	if b.opts.IncludeOwners && owner != "" {
		d.owner = []string{"ALTER " + target + " OWNER TO " + owner + ";"}
	}
}

// resolve maps a catalog row to the definition that contains it.
func (b *builder) resolve(k oidKey) *definition {
	for range 8 {
		if d, ok := b.byKey[k]; ok {
			return d
		}
		next, ok := b.alias[k]
		if !ok {
			return nil
		}
		k = next
	}
	return nil
}

// addComments attaches COMMENT ON statements to their objects.
func (b *builder) addComments() {
	for _, c := range b.cat.comments {
		d := b.byKey[oidKey{c.ClassOID, c.ObjOID}]
		if d == nil {
			// Comments on parts of an object (a domain's constraint, an
			// index backing a constraint) go with the object.
			if c.ClassOID != classConstraint && c.ClassOID != classClass {
				continue
			}
			d = b.resolve(oidKey{c.ClassOID, c.ObjOID})
			if d == nil || d.key.class == classExtension {
				continue
			}
		}
		target, ok := commentTarget(c.Type, c.Identity)
		if !ok {
			b.unsupported = append(b.unsupported, "comment on "+c.Type+" "+c.Identity)
			continue
		}
		d.comments = append(d.comments, "COMMENT ON "+target+" IS "+quoteLiteral(c.Description)+";")
	}
	for _, d := range b.defs {
		slices.Sort(d.comments)
	}
}

// commentKeywords maps pg_identify_object's type to the COMMENT ON keyword.
var commentKeywords = map[string]string{
	"schema": "SCHEMA", "extension": "EXTENSION", "type": "TYPE", "composite type": "TYPE",
	"domain": "DOMAIN", "table": "TABLE", "view": "VIEW", "materialized view": "MATERIALIZED VIEW",
	"sequence": "SEQUENCE", "index": "INDEX", "function": "FUNCTION", "procedure": "PROCEDURE",
	"aggregate": "AGGREGATE", "event trigger": "EVENT TRIGGER", "publication": "PUBLICATION",
	"table column": "COLUMN", "view column": "COLUMN", "materialized view column": "COLUMN",
	"composite type column": "COLUMN", "table constraint": "CONSTRAINT", "trigger": "TRIGGER",
	"rule": "RULE", "policy": "POLICY", "domain constraint": "CONSTRAINT",
}

// commentTarget returns what follows COMMENT ON for an object that
// pg_identify_object describes.
func commentTarget(typ, identity string) (string, bool) {
	kw, ok := commentKeywords[typ]
	if !ok {
		return "", false
	}
	switch typ {
	case "table constraint", "trigger", "rule", "policy", "domain constraint":
		name, on, ok := splitOn(identity)
		if !ok {
			return "", false
		}
		if typ == "domain constraint" {
			on = "DOMAIN " + on
		}
		return kw + " " + name + " ON " + on, true
	}
	return kw + " " + identity, true
}

// splitOn splits pg_identify_object's "name on table" at the " on " that
// follows the (possibly quoted) name.
func splitOn(identity string) (name, on string, ok bool) {
	i := 0
	if strings.HasPrefix(identity, `"`) {
		for i = 1; i < len(identity); i++ {
			if identity[i] == '"' {
				if i+1 < len(identity) && identity[i+1] == '"' {
					i++
					continue
				}
				i++
				break
			}
		}
	} else {
		i = strings.IndexByte(identity, ' ')
		if i < 0 {
			return "", "", false
		}
	}
	rest, found := strings.CutPrefix(identity[i:], " on ")
	return identity[:i], rest, found
}

// quoteLiteral writes s as a standard-conforming SQL string literal.
func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
