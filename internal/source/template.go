package source

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// DefaultTemplate is the migrations.template used when none is configured:
// the Bytebase GitOps convention.
const DefaultTemplate = "{{ENV_ID}}/{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql"

// Template variable names, as written between "{{" and "}}".
const (
	VarEnvID       = "ENV_ID"
	VarDBName      = "DB_NAME"
	VarVersion     = "VERSION"
	VarType        = "TYPE"
	VarDescription = "DESCRIPTION"
)

var knownVars = []string{VarEnvID, VarDBName, VarVersion, VarType, VarDescription}

type tokenKind uint8

const (
	tokLiteral tokenKind = iota
	tokVar
	tokStar
)

// token is one piece of a template segment: literal text, a variable or a
// single-segment wildcard "*".
type token struct {
	kind tokenKind
	text string // literal text, or the variable name
}

// segment is one slash-separated element of a template.
type segment struct {
	src      string
	globstar bool // "**": zero or more whole path segments
	toks     []token
}

// Template is a compiled migrations.template: a slash path pattern, relative
// to migrations.dir, whose variables capture a migration file's stage,
// database, version, type and description.
//
// A segment "**" matches zero or more directories; "*" inside a segment
// matches any run of characters within that one segment (possibly empty, so
// "v*" matches "v" and "v2"). A variable matches one or more characters of a
// single segment. The extension of the last segment (".sql" by default)
// decides which files are migration candidates.
type Template struct {
	src      string
	segs     []segment
	ext      string
	vars     map[string]bool
	wildcard bool
}

// CompileTemplate parses and validates a migrations.template. It rejects an
// absolute path, "." and ".." segments, unknown or repeated variables, a
// template without {{VERSION}}, two variables or wildcards with no literal
// text between them (the split would be ambiguous), and a last segment that
// does not end in a literal file extension.
func CompileTemplate(tmpl string) (*Template, error) {
	if tmpl == "" {
		return nil, errors.New("template is empty")
	}
	if strings.HasPrefix(tmpl, "/") {
		return nil, fmt.Errorf("template %q must be relative to migrations.dir, not absolute", tmpl)
	}
	if strings.Contains(tmpl, `\`) {
		return nil, fmt.Errorf(`template %q contains "\"; separate directories with "/"`, tmpl)
	}
	t := &Template{src: tmpl, vars: map[string]bool{}}
	parts := strings.Split(tmpl, "/")
	for i, p := range parts {
		seg, err := t.compileSegment(p)
		if err != nil {
			return nil, fmt.Errorf("template %q: %w", tmpl, err)
		}
		if seg.globstar && i > 0 && t.segs[i-1].globstar {
			return nil, fmt.Errorf(`template %q: "**/**" is redundant; use "**"`, tmpl)
		}
		t.segs = append(t.segs, seg)
	}
	if !t.vars[VarVersion] {
		return nil, fmt.Errorf("template %q has no {{VERSION}}", tmpl)
	}
	last := t.segs[len(t.segs)-1]
	if !last.globstar && len(last.toks) > 0 && last.toks[len(last.toks)-1].kind == tokLiteral {
		t.ext = path.Ext(last.toks[len(last.toks)-1].text)
	}
	if len(t.ext) < 2 {
		return nil, fmt.Errorf(`template %q must end in a file extension such as ".sql"`, tmpl)
	}
	return t, nil
}

// compileSegment parses one slash-separated element of the template.
func (t *Template) compileSegment(p string) (segment, error) {
	seg := segment{src: p}
	switch {
	case p == "":
		return seg, errors.New("empty directory name (\"//\" or a trailing \"/\")")
	case p == "." || p == "..":
		return seg, fmt.Errorf("%q is not allowed", p)
	case p == "**":
		seg.globstar = true
		t.wildcard = true
		return seg, nil
	case strings.HasPrefix(p, "."):
		return seg, fmt.Errorf("%q starts with a dot, but dot-files and dot-directories are ignored", p)
	case strings.Contains(p, "**"):
		return seg, fmt.Errorf(`"**" must be a whole path segment, got %q`, p)
	}
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			seg.toks = append(seg.toks, token{kind: tokLiteral, text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(p); {
		switch c := p[i]; {
		case strings.HasPrefix(p[i:], "{{"):
			end := strings.Index(p[i+2:], "}}")
			if end < 0 {
				return seg, fmt.Errorf(`unterminated "{{" in %q`, p)
			}
			name := p[i+2 : i+2+end]
			if !isKnownVar(name) {
				return seg, fmt.Errorf("unknown variable {{%s}} (use %s)", name, varList())
			}
			if t.vars[name] {
				return seg, fmt.Errorf("{{%s}} appears more than once", name)
			}
			t.vars[name] = true
			flush()
			seg.toks = append(seg.toks, token{kind: tokVar, text: name})
			i += end + 4
		case c == '*':
			flush()
			seg.toks = append(seg.toks, token{kind: tokStar})
			t.wildcard = true
			i++
		case strings.ContainsRune("{}?[]", rune(c)):
			return seg, fmt.Errorf("unsupported character %q in %q (only * and ** wildcards are supported)", c, p)
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	for i := 1; i < len(seg.toks); i++ {
		a, b := seg.toks[i-1], seg.toks[i]
		if a.kind != tokLiteral && b.kind != tokLiteral {
			return seg, fmt.Errorf("%s and %s must be separated by literal text in %q", a, b, p)
		}
	}
	return seg, nil
}

// String returns the source text of the token as written in a template.
func (tk token) String() string {
	switch tk.kind {
	case tokVar:
		return "{{" + tk.text + "}}"
	case tokStar:
		return "*"
	}
	return tk.text
}

func isKnownVar(name string) bool {
	for _, v := range knownVars {
		if v == name {
			return true
		}
	}
	return false
}

func varList() string {
	names := make([]string, len(knownVars))
	for i, v := range knownVars {
		names[i] = "{{" + v + "}}"
	}
	return strings.Join(names, ", ")
}

// String returns the template as written.
func (t *Template) String() string { return t.src }

// Extension returns the file extension that makes a file a candidate, such
// as ".sql".
func (t *Template) Extension() string { return t.ext }

// Has reports whether the template uses the variable name (e.g. VarEnvID).
func (t *Template) Has(name string) bool { return t.vars[name] }

// HasWildcard reports whether the template contains "*" or "**".
func (t *Template) HasWildcard() bool { return t.wildcard }

// Expand substitutes m's values into a template without wildcards and
// returns the resulting path relative to migrations.dir. Every variable of
// the template must have a value in m that contains no "/", "\" or NUL, and
// no path segment may come out as "." or "..", so the path stays under
// migrations.dir.
func (t *Template) Expand(m Match) (string, error) {
	if t.wildcard {
		return "", fmt.Errorf("template %q has wildcards and cannot be expanded", t.src)
	}
	var b strings.Builder
	for i, seg := range t.segs {
		if i > 0 {
			b.WriteByte('/')
		}
		for _, tk := range seg.toks {
			if tk.kind == tokLiteral {
				b.WriteString(tk.text)
				continue
			}
			v := m.value(tk.text)
			if v == "" || strings.ContainsAny(v, "/\\\x00") {
				return "", fmt.Errorf("{{%s}} value %q must be non-empty and contain no \"/\", \"\\\" or NUL", tk.text, v)
			}
			b.WriteString(v)
		}
	}
	out := b.String()
	for _, p := range strings.Split(out, "/") {
		if p == "." || p == ".." {
			return "", fmt.Errorf("expanding %q gives %q, which leaves its directory", t.src, out)
		}
	}
	return out, nil
}
