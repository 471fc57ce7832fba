package pgschema

import (
	"strings"
)

// enableSQL writes the ALTER that sets a trigger's or rule's firing state
// (pg_trigger.tgenabled, pg_rewrite.ev_enabled); O, the default, needs none.
func enableSQL(table, what, ident, state string) []string {
	var verb string
	switch state {
	case "D":
		verb = "DISABLE "
	case "R":
		verb = "ENABLE REPLICA "
	case "A":
		verb = "ENABLE ALWAYS "
	default:
		return nil
	}
	return []string{"ALTER TABLE " + table + " " + verb + what + " " + ident + ";"}
}

func (b *builder) addTriggers() {
	for _, r := range b.cat.triggers {
		stmts := append([]string{r.Definition + ";"}, enableSQL(r.TableIdent, "TRIGGER", r.Ident, r.Enabled)...)
		b.add(&definition{kind: "trigger", name: r.TableName + "." + r.Name, rank: rankTrigger,
			key: oidKey{classTrigger, r.OID}, create: stmts})
	}
}

func (b *builder) addRules() {
	for _, r := range b.cat.rules {
		def := strings.TrimRight(strings.TrimSpace(r.Definition), ";") + ";"
		stmts := append([]string{def}, enableSQL(r.TableIdent, "RULE", r.Ident, r.Enabled)...)
		b.add(&definition{kind: "rule", name: r.TableName + "." + r.Name, rank: rankRule,
			key: oidKey{classRewrite, r.OID}, create: stmts})
	}
}

// policyCommands maps pg_policy.polcmd to the FOR clause.
var policyCommands = map[string]string{"r": "SELECT", "a": "INSERT", "w": "UPDATE", "d": "DELETE"}

func (b *builder) addPolicies() {
	for _, r := range b.cat.policies {
		var s strings.Builder
		s.WriteString("CREATE POLICY " + r.Ident + " ON " + r.TableIdent)
		if !r.Permissive {
			s.WriteString("\n    AS RESTRICTIVE")
		}
		if cmd := policyCommands[r.Command]; cmd != "" {
			s.WriteString("\n    FOR " + cmd)
		}
		s.WriteString("\n    TO " + strings.Join(r.Roles, ", "))
		if r.Using != "" {
			s.WriteString("\n    USING (" + r.Using + ")")
		}
		if r.Check != "" {
			s.WriteString("\n    WITH CHECK (" + r.Check + ")")
		}
		s.WriteString(";")
		b.add(&definition{kind: "policy", name: r.TableName + "." + r.Name, rank: rankPolicy,
			key: oidKey{classPolicy, r.OID}, create: []string{s.String()}})
	}
}

func (b *builder) addEventTriggers() {
	for _, r := range b.cat.evtTriggers {
		s := "CREATE EVENT TRIGGER " + r.Ident + " ON " + r.Event
		if len(r.Tags) > 0 {
			s += "\n    WHEN TAG IN (" + strings.Join(r.Tags, ", ") + ")"
		}
		s += "\n    EXECUTE FUNCTION " + r.FunctionIdent + "();"
		stmts := []string{s}
		switch r.Enabled {
		case "D":
			stmts = append(stmts, "ALTER EVENT TRIGGER "+r.Ident+" DISABLE;")
		case "R":
			stmts = append(stmts, "ALTER EVENT TRIGGER "+r.Ident+" ENABLE REPLICA;")
		case "A":
			stmts = append(stmts, "ALTER EVENT TRIGGER "+r.Ident+" ENABLE ALWAYS;")
		}
		d := b.add(&definition{kind: "event trigger", name: r.Name, rank: rankEventTrigger,
			key: oidKey{classEventTrig, r.OID}, create: stmts})
		b.setOwner(d, "EVENT TRIGGER "+r.Ident, r.Owner)
	}
}

func (b *builder) addPublications() {
	for _, r := range b.cat.publications {
		s := "CREATE PUBLICATION " + r.Ident
		var targets []string
		switch {
		case r.AllTables:
			targets = []string{"ALL TABLES"}
		default:
			if len(r.Tables) > 0 {
				targets = append(targets, "TABLE "+strings.Join(r.Tables, ", "))
			}
			if len(r.Schemas) > 0 {
				targets = append(targets, "TABLES IN SCHEMA "+strings.Join(r.Schemas, ", "))
			}
		}
		if len(targets) > 0 {
			s += "\n    FOR " + strings.Join(targets, ", ")
		}
		var publish []string
		for _, p := range []struct {
			on   bool
			name string
		}{{r.Insert, "insert"}, {r.Update, "update"}, {r.Delete, "delete"}, {r.Truncate, "truncate"}} {
			if p.on {
				publish = append(publish, p.name)
			}
		}
		s += "\n    WITH (publish = " + quoteLiteral(strings.Join(publish, ", "))
		if r.ViaRoot {
			s += ", publish_via_partition_root = true"
		}
		s += ");"
		d := b.add(&definition{kind: "publication", name: r.Name, rank: rankPublication,
			key: oidKey{classPublication, r.OID}, create: []string{s}})
		b.setOwner(d, "PUBLICATION "+r.Ident, r.Owner)
	}
}

// grantKeywords maps pg_identify_object's type to the GRANT object keyword.
var grantKeywords = map[string]string{
	"table": "TABLE", "view": "TABLE", "materialized view": "TABLE", "sequence": "SEQUENCE",
	"function": "FUNCTION", "aggregate": "FUNCTION", "procedure": "PROCEDURE",
	"schema": "SCHEMA", "type": "TYPE", "composite type": "TYPE", "domain": "DOMAIN",
}

// addGrants attaches GRANT and REVOKE statements to their objects, one
// statement per object, column, grantee and grant option, with the
// privileges listed in the order the query sorted them.
func (b *builder) addGrants() {
	type group struct {
		d             *definition
		before, after string
		privs         []string
	}
	var groups []*group
	byID := map[string]*group{}
	for _, g := range b.cat.grants {
		d := b.byKey[oidKey{g.ClassOID, g.ObjOID}]
		if d == nil {
			continue
		}
		kw, ok := grantKeywords[g.Type]
		if !ok {
			b.unsupported = append(b.unsupported, "privileges on "+g.Type+" "+g.Identity)
			continue
		}
		before, after := "GRANT ", " ON "+kw+" "+g.Identity+" TO "+g.Grantee
		if g.Grantable {
			after += " WITH GRANT OPTION"
		}
		if g.Revoke {
			before, after = "REVOKE ", " ON "+kw+" "+g.Identity+" FROM "+g.Grantee
		}
		priv := g.Privilege
		if g.ColumnIdent != "" {
			priv += " (" + g.ColumnIdent + ")"
		}
		id := before + g.ColumnIdent + after
		if byID[id] == nil {
			byID[id] = &group{d: d, before: before, after: after + ";"}
			groups = append(groups, byID[id])
		}
		byID[id].privs = append(byID[id].privs, priv)
	}
	for _, g := range groups {
		g.d.grants = append(g.d.grants, g.before+strings.Join(g.privs, ", ")+g.after)
	}
}
