package pgschema

import "strings"

// The helpers below read the attributes of an object out of the
// statements that create it, for compareCreate.

func first(stmts []string) string {
	if len(stmts) == 0 {
		return ""
	}
	return stmts[0]
}

func persistence(unlogged bool) string {
	if unlogged {
		return "unlogged"
	}
	return "logged"
}

// indentedList joins the trimmed lines of s with ", ".
func indentedList(s string) string {
	var items []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(l), ",")); l != "" {
			items = append(items, l)
		}
	}
	return strings.Join(items, ", ")
}

// enumValues returns the labels of a CREATE TYPE ... AS ENUM statement.
func enumValues(stmt string) (string, bool) {
	_, rest, ok := strings.Cut(stmt, " AS ENUM (")
	if !ok {
		return "", false
	}
	return indentedList(strings.TrimSuffix(rest, ");")), true
}

// trailerAttrs compares the CLUSTER ON and REPLICA IDENTITY USING INDEX
// statements that follow an index or constraint.
func trailerAttrs(from, to []string) []AttrChange {
	has := func(stmts []string, s string) string {
		for _, st := range stmts {
			if strings.Contains(st, s) {
				return "yes"
			}
		}
		return "no"
	}
	var attrs []AttrChange
	attrs = appendIf(attrs, "clustered", has(from, " CLUSTER ON "), has(to, " CLUSTER ON "))
	attrs = appendIf(attrs, "replica identity", has(from, " REPLICA IDENTITY USING INDEX "), has(to, " REPLICA IDENTITY USING INDEX "))
	return attrs
}

// firingState reads the ALTER ... ENABLE/DISABLE statement of a trigger,
// rule or event trigger.
func firingState(stmts []string) string {
	for _, s := range stmts {
		switch {
		case strings.Contains(s, " DISABLE"):
			return "disabled"
		case strings.Contains(s, " ENABLE REPLICA"):
			return "replica"
		case strings.Contains(s, " ENABLE ALWAYS"):
			return "always"
		}
	}
	return "enabled"
}

// functionParts name the parts splitFunction returns.
var functionParts = []string{"arguments", "returns", "language", "volatility", "options", "body"}

// splitFunction cuts pg_get_functiondef's output into the parts of
// functionParts: the header lines start with a space, the body does not.
func splitFunction(def string) [6]string {
	var p [6]string
	lines := strings.Split(def, "\n")
	p[0] = lines[0]
	p[3] = "VOLATILE"
	var opts []string
	i := 1
	for ; i < len(lines) && strings.HasPrefix(lines[i], " "); i++ {
		l := strings.TrimSpace(lines[i])
		switch {
		case strings.HasPrefix(l, "RETURNS "):
			p[1] = strings.TrimPrefix(l, "RETURNS ")
		case strings.HasPrefix(l, "LANGUAGE "):
			p[2] = strings.TrimPrefix(l, "LANGUAGE ")
		default:
			var rest []string
			for _, w := range strings.Fields(l) {
				if w == "IMMUTABLE" || w == "STABLE" {
					p[3] = w
				} else {
					rest = append(rest, w)
				}
			}
			if len(rest) > 0 {
				opts = append(opts, strings.Join(rest, " "))
			}
		}
	}
	p[4] = strings.Join(opts, " ")
	p[5] = strings.Join(lines[i:], "\n")
	return p
}

// constraintAttrs compares two ALTER TABLE ... ADD CONSTRAINT statements.
func constraintAttrs(from, to string) []AttrChange {
	fd, td := constraintDef(from), constraintDef(to)
	var attrs []AttrChange
	fd, fv := cutSuffix(fd, " NOT VALID", "not valid", "valid")
	td, tv := cutSuffix(td, " NOT VALID", "not valid", "valid")
	attrs = appendIf(attrs, "validity", fv, tv)
	fd, fdef := cutDeferrable(fd)
	td, tdef := cutDeferrable(td)
	if strings.HasPrefix(fd, "FOREIGN KEY ") && strings.HasPrefix(td, "FOREIGN KEY ") {
		var fdel, tdel, fupd, tupd string
		fd, fdel = cutAction(fd, " ON DELETE ")
		td, tdel = cutAction(td, " ON DELETE ")
		fd, fupd = cutAction(fd, " ON UPDATE ")
		td, tupd = cutAction(td, " ON UPDATE ")
		attrs = appendIf(attrs, "on update", fupd, tupd)
		attrs = appendIf(attrs, "on delete", fdel, tdel)
	}
	attr := "definition"
	if strings.HasPrefix(fd, "CHECK ") && strings.HasPrefix(td, "CHECK ") {
		attr = "expression"
	}
	attrs = appendIf(attrs, attr, fd, td)
	return appendIf(attrs, "deferrable", fdef, tdef)
}

// constraintDef returns what follows ADD CONSTRAINT name.
func constraintDef(stmt string) string {
	_, rest, ok := strings.Cut(stmt, "\n    ADD CONSTRAINT ")
	if !ok {
		return stmt
	}
	for _, kw := range []string{" CHECK ", " FOREIGN KEY ", " PRIMARY KEY ", " UNIQUE ", " EXCLUDE ", " NOT NULL "} {
		if i := strings.Index(rest, kw); i >= 0 {
			return strings.TrimSuffix(rest[i+1:], ";")
		}
	}
	return strings.TrimSuffix(rest, ";")
}

func cutSuffix(s, suffix, yes, no string) (string, string) {
	if r, ok := strings.CutSuffix(s, suffix); ok {
		return r, yes
	}
	return s, no
}

func cutDeferrable(s string) (string, string) {
	for _, d := range []string{" DEFERRABLE INITIALLY DEFERRED", " DEFERRABLE"} {
		if r, ok := strings.CutSuffix(s, d); ok {
			return r, strings.ToLower(strings.TrimSpace(d))
		}
	}
	return s, "not deferrable"
}

// cutAction removes an ON DELETE or ON UPDATE clause and returns its action.
func cutAction(s, clause string) (string, string) {
	i := strings.Index(s, clause)
	if i < 0 {
		return s, "NO ACTION"
	}
	rest := s[i+len(clause):]
	end := len(rest)
	for _, next := range []string{" ON DELETE ", " ON UPDATE ", " MATCH ", " DEFERRABLE", " NOT VALID"} {
		if j := strings.Index(rest, next); j >= 0 && j < end {
			end = j
		}
	}
	return s[:i] + rest[end:], rest[:end]
}

// policyAttrs compares two CREATE POLICY statements clause by clause.
func policyAttrs(from, to string) []AttrChange {
	clauses := []struct{ attr, prefix, none string }{
		{"permissive", "AS ", "PERMISSIVE"}, {"command", "FOR ", "ALL"}, {"roles", "TO ", ""},
		{"using", "USING ", ""}, {"with check", "WITH CHECK ", ""},
	}
	get := func(stmt, prefix, none string) string {
		for _, l := range strings.Split(strings.TrimSuffix(stmt, ";"), "\n") {
			if v, ok := strings.CutPrefix(l, "    "+prefix); ok {
				return v
			}
		}
		return none
	}
	var attrs []AttrChange
	for _, c := range clauses {
		attrs = appendIf(attrs, c.attr, get(from, c.prefix, c.none), get(to, c.prefix, c.none))
	}
	return attrs
}

// domainConstraints lists a domain's constraints: those of its CREATE
// DOMAIN (the lines after the first) and the NOT VALID ones its ALTER
// DOMAIN ... ADD statements add.
func domainConstraints(inline string, alters []string) string {
	list := indentedList(strings.TrimSuffix(inline, ";"))
	for _, a := range alters {
		if _, c, ok := strings.Cut(a, " ADD "); ok {
			if list != "" {
				list += ", "
			}
			list += strings.TrimSuffix(c, ";")
		}
	}
	return list
}
