package sqlparse

import (
	"strings"
)

// The directive names, as written after "-- dbcd:".
const (
	// DirectiveNoTransaction runs the file statement by statement with
	// autocommit instead of in one transaction.
	DirectiveNoTransaction = "no-transaction"
	// DirectiveIgnore suppresses findings of the listed rules on the next
	// statement, or on the statement of the same line.
	DirectiveIgnore = "ignore"
	// DirectiveIgnoreFile suppresses findings of the listed rules in the
	// whole file.
	DirectiveIgnoreFile = "ignore-file"
	// DirectiveLockTimeout sets lock_timeout for the file.
	DirectiveLockTimeout = "lock-timeout"
	// DirectiveStatementTimeout sets statement_timeout for the file.
	DirectiveStatementTimeout = "statement-timeout"
)

// directivePrefix starts every directive comment, after "--".
const directivePrefix = "dbcd:"

// directiveUsage is the syntax of each directive, for error messages.
var directiveUsage = map[string]string{
	DirectiveNoTransaction:    "-- dbcd:no-transaction",
	DirectiveIgnore:           "-- dbcd:ignore RULE[,RULE] [: reason]",
	DirectiveIgnoreFile:       "-- dbcd:ignore-file RULE[,RULE] [: reason]",
	DirectiveLockTimeout:      "-- dbcd:lock-timeout DURATION (e.g. 30s)",
	DirectiveStatementTimeout: "-- dbcd:statement-timeout DURATION (e.g. 10m)",
}

// validDirectives lists every directive's syntax, for error messages.
const validDirectives = "valid directives: -- dbcd:no-transaction, -- dbcd:ignore RULE[,RULE] [: reason], " +
	"-- dbcd:ignore-file RULE[,RULE] [: reason], -- dbcd:lock-timeout DURATION, -- dbcd:statement-timeout DURATION"

// Directive is a "-- dbcd:" comment of a migration file.
type Directive struct {
	// Name is one of the Directive* constants.
	Name string
	// Args are the rule ids of ignore and ignore-file (split on commas and
	// trimmed), or the single duration text of lock-timeout and
	// statement-timeout, unvalidated. It is empty for no-transaction.
	Args []string
	// Reason is the trimmed text after the ':' that ends the rule ids of
	// ignore and ignore-file (no-transaction accepts one too), or "".
	Reason string
	// Line and Column are the 1-based position of the "--" (columns count
	// characters).
	Line, Column int
	// Text is the whole comment, from "--" to the end of the line (without
	// the line break).
	Text string
}

// ParseDirectives returns the "-- dbcd:" directives of a migration file, in
// order, and an error for each malformed one (unknown name, missing or extra
// arguments), at the position of its comment. Only real "--" comments count:
// "-- dbcd:" inside a string literal or a dollar-quoted body is not a
// directive. A "/* dbcd: */" block comment is an error, since directives must
// be line comments. Rule ids and durations are not validated: that is the
// caller's job.
func ParseDirectives(name string, src []byte) ([]Directive, []*Error) {
	t := newText(src)
	if off, msg := checkEncoding(src); off >= 0 {
		return nil, []*Error{t.newError(name, max(off-t.base, 0), msg)}
	}
	toks, _, _ := t.lex()
	return t.directives(name, toks)
}

// directives extracts the directives from the comment tokens of t.body.
func (t *text) directives(name string, toks []token) ([]Directive, []*Error) {
	var ds []Directive
	var errs []*Error
	for _, tok := range toks {
		c := t.body[tok.start:tok.end]
		switch tok.kind {
		case tokLineComment:
			rest, ok := strings.CutPrefix(strings.TrimLeft(c[2:], " \t"), directivePrefix)
			if !ok {
				continue
			}
			d, msg := parseDirective(rest)
			if msg != "" {
				errs = append(errs, t.newError(name, tok.start, msg))
				continue
			}
			d.Line, d.Column = t.position(tok.start)
			d.Text = c
			ds = append(ds, d)
		case tokBlockComment:
			if strings.HasPrefix(strings.TrimLeft(c[2:], " \t\r\n"), directivePrefix) {
				errs = append(errs, t.newError(name, tok.start,
					"dbcd directives must be -- line comments, not /* */ comments; "+validDirectives))
			}
		}
	}
	return ds, errs
}

// parseDirective parses the text after "-- dbcd:". It returns an error
// message instead when the directive is malformed.
func parseDirective(s string) (Directive, string) {
	s = strings.TrimLeft(s, " \t")
	end := strings.IndexAny(s, " \t:")
	if end < 0 {
		end = len(s)
	}
	d := Directive{Name: s[:end]}
	args := strings.TrimSpace(s[end:])
	switch d.Name {
	case "":
		return d, "missing directive name after -- dbcd:; " + validDirectives
	case DirectiveNoTransaction:
		ids, reason, _ := splitReason(args)
		if strings.TrimSpace(ids) != "" {
			return d, "no-transaction takes no arguments (add a reason after ':'); usage: " + directiveUsage[d.Name]
		}
		d.Reason = strings.TrimSpace(reason)
	case DirectiveIgnore, DirectiveIgnoreFile:
		ids, reason, _ := splitReason(args)
		d.Reason = strings.TrimSpace(reason)
		for _, id := range strings.Split(ids, ",") {
			id = strings.TrimSpace(id)
			if id == "" {
				continue
			}
			if strings.ContainsAny(id, " \t") {
				return d, "invalid rule id \"" + id + "\": separate rule ids with commas and put the reason after ':'; usage: " +
					directiveUsage[d.Name]
			}
			d.Args = append(d.Args, id)
		}
		if len(d.Args) == 0 {
			return d, d.Name + " needs at least one rule id; usage: " + directiveUsage[d.Name]
		}
	case DirectiveLockTimeout, DirectiveStatementTimeout:
		d.Args = strings.Fields(args)
		if len(d.Args) != 1 {
			return d, d.Name + " needs exactly one duration; usage: " + directiveUsage[d.Name]
		}
	default:
		return d, "unknown directive \"dbcd:" + d.Name + "\"; " + validDirectives
	}
	return d, ""
}

// splitReason splits the arguments of a directive at the ':' that starts the
// reason. A ':' right after the word "category" and followed by a non-space
// (category:locking) belongs to a rule selector, not to the reason.
func splitReason(s string) (ids, reason string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] != ':' {
			continue
		}
		j := i
		for j > 0 && !isSpace(s[j-1]) && s[j-1] != ',' {
			j--
		}
		if s[j:i] == "category" && i+1 < len(s) && !isSpace(s[i+1]) {
			continue
		}
		return s[:i], s[i+1:], true
	}
	return s, "", false
}
