package source

import (
	"fmt"
	"strings"
)

// Match holds the raw values a path captured for each template variable;
// a variable the template does not use is "".
type Match struct {
	Stage       string // {{ENV_ID}}
	DB          string // {{DB_NAME}}
	Version     string // {{VERSION}}
	Type        string // {{TYPE}}
	Description string // {{DESCRIPTION}}
}

func (m *Match) value(name string) string {
	switch name {
	case VarEnvID:
		return m.Stage
	case VarDBName:
		return m.DB
	case VarVersion:
		return m.Version
	case VarType:
		return m.Type
	case VarDescription:
		return m.Description
	}
	return ""
}

func (m *Match) set(name, v string) {
	switch name {
	case VarEnvID:
		m.Stage = v
	case VarDBName:
		m.DB = v
	case VarVersion:
		m.Version = v
	case VarType:
		m.Type = v
	case VarDescription:
		m.Description = v
	}
}

// checkValue reports what is wrong with a captured value, or nil.
func checkValue(name, v string) error {
	switch name {
	case VarVersion:
		_, err := ParseVersion(v)
		return err
	case VarType:
		_, err := ParseType(v)
		return err
	}
	return nil
}

// Candidate reports whether relPath (a slash path relative to
// migrations.dir) is a migration candidate: its name ends in the template's
// extension, compared without regard to case so that "X.SQL" is reported
// rather than skipped, and neither it nor any directory above it starts with
// a dot. Files that are not candidates are ignored.
func (t *Template) Candidate(relPath string) bool {
	if relPath == "" || strings.HasPrefix(relPath, "/") {
		return false
	}
	for _, p := range strings.Split(relPath, "/") {
		if p == "" || strings.HasPrefix(p, ".") {
			return false
		}
	}
	n := len(relPath) - len(t.ext)
	return n > 0 && strings.EqualFold(relPath[n:], t.ext)
}

// Match matches relPath, a slash path relative to migrations.dir. It
// returns ok false and a nil error when the path is not a candidate (see
// Candidate), ok false and an error saying what is wrong when a candidate
// does not fit the template, and the captured values otherwise. Captured
// values are checked: {{VERSION}} must parse with ParseVersion and {{TYPE}}
// with ParseType. When several splits fit, the one giving the earliest
// variables the shortest values wins.
func (t *Template) Match(relPath string) (m Match, ok bool, err error) {
	if !t.Candidate(relPath) {
		return Match{}, false, nil
	}
	parts := strings.Split(relPath, "/")
	if t.matchPath(parts, true, &m) {
		return m, true, nil
	}
	return Match{}, false, t.diagnose(parts)
}

// matchPath matches path segments against the template segments, trying
// each way "**" can split the path. With strict, captured values must also
// pass checkValue.
func (t *Template) matchPath(parts []string, strict bool, m *Match) bool {
	failed := map[[2]int]bool{}
	var rec func(ti, pi int) bool
	rec = func(ti, pi int) bool {
		if ti == len(t.segs) {
			return pi == len(parts)
		}
		key := [2]int{ti, pi}
		if failed[key] {
			return false
		}
		seg := t.segs[ti]
		ok := false
		if seg.globstar {
			for n := pi; n <= len(parts) && !ok; n++ {
				ok = rec(ti+1, n)
			}
		} else {
			ok = pi < len(parts) && matchSegment(seg.toks, parts[pi], strict, m) && rec(ti+1, pi+1)
		}
		if !ok {
			failed[key] = true
		}
		return ok
	}
	return rec(0, 0)
}

// matchSegment matches one path segment against a segment's tokens. Every
// variable or "*" that is not last is followed by a literal (CompileTemplate
// guarantees it), so the candidates for its value end at each occurrence of
// that literal, tried left to right.
func matchSegment(toks []token, s string, strict bool, m *Match) bool {
	failed := map[[2]int]bool{}
	var rec func(k, p int) bool
	rec = func(k, p int) bool {
		if k == len(toks) {
			return p == len(s)
		}
		key := [2]int{k, p}
		if failed[key] {
			return false
		}
		ok := matchToken(toks, k, s, p, strict, m, rec)
		if !ok {
			failed[key] = true
		}
		return ok
	}
	return rec(0, 0)
}

func matchToken(toks []token, k int, s string, p int, strict bool, m *Match, rec func(k, p int) bool) bool {
	tk := toks[k]
	if tk.kind == tokLiteral {
		return strings.HasPrefix(s[p:], tk.text) && rec(k+1, p+len(tk.text))
	}
	accept := func(v string) bool {
		if tk.kind == tokStar {
			return true
		}
		if v == "" || strict && checkValue(tk.text, v) != nil {
			return false
		}
		m.set(tk.text, v)
		return true
	}
	if k == len(toks)-1 {
		return accept(s[p:])
	}
	sep := toks[k+1].text
	for off := 0; ; {
		i := strings.Index(s[p+off:], sep)
		if i < 0 {
			return false
		}
		end := p + off + i
		if accept(s[p:end]) && rec(k+2, end+len(sep)) {
			return true
		}
		off += i + 1
	}
}

// diagnose explains why a candidate path does not fit the template.
func (t *Template) diagnose(parts []string) error {
	fixed, globs := 0, 0
	for _, s := range t.segs {
		if s.globstar {
			globs++
		} else {
			fixed++
		}
	}
	depth, want := len(parts)-1, fixed-1
	switch {
	case globs == 0 && depth != want:
		return fmt.Errorf("file is %s deep, template expects %d", dirs(depth), want)
	case globs > 0 && depth < want:
		return fmt.Errorf("file is %s deep, template expects at least %d", dirs(depth), want)
	}
	var loose Match
	if t.matchPath(parts, false, &loose) {
		var msgs []string
		for _, name := range knownVars {
			if err := checkValue(name, loose.value(name)); t.vars[name] && err != nil {
				msgs = append(msgs, err.Error())
			}
		}
		if len(msgs) > 0 {
			return fmt.Errorf("%s", strings.Join(msgs, "; "))
		}
	}
	last := t.segs[len(t.segs)-1]
	base := parts[len(parts)-1]
	if err := segmentError(last, base, true); err != nil {
		return err
	}
	if globs == 0 {
		for i, seg := range t.segs[:len(t.segs)-1] {
			if err := segmentError(seg, parts[i], false); err != nil {
				return err
			}
		}
	}
	return fmt.Errorf("path does not fit template %q", t.src)
}

func dirs(n int) string {
	if n == 1 {
		return "1 directory"
	}
	return fmt.Sprintf("%d directories", n)
}

// segmentError explains why name does not fit seg, or returns nil when it
// fits loosely (any non-empty variable values).
func segmentError(seg segment, name string, isFile bool) error {
	var scratch Match
	if matchSegment(seg.toks, name, false, &scratch) {
		return nil
	}
	what := fmt.Sprintf("directory %q does not fit %q", name, seg.src)
	if isFile {
		what = fmt.Sprintf("expected %q", seg.src)
	}
	toks := seg.toks
	mid := name
	if toks[0].kind == tokLiteral {
		if !strings.HasPrefix(mid, toks[0].text) {
			return fmt.Errorf("%s, name must start with %q", what, toks[0].text)
		}
		mid, toks = mid[len(toks[0].text):], toks[1:]
	}
	if n := len(toks); n > 0 && toks[n-1].kind == tokLiteral {
		if !strings.HasSuffix(mid, toks[n-1].text) {
			return fmt.Errorf("%s, name must end with %q", what, toks[n-1].text)
		}
		mid, toks = mid[:len(mid)-len(toks[n-1].text)], toks[:n-1]
	}
	if sep, parts := uniformSeparator(toks); sep != "" {
		got := strings.Split(mid, sep)
		if len(got) != parts {
			return fmt.Errorf("%s, got %d %q-separated parts", what, len(got), sep)
		}
		for i, v := range got {
			if v == "" {
				if tk := toks[2*i]; tk.kind == tokVar {
					return fmt.Errorf("%s, %s is empty", what, tk)
				}
			}
		}
	}
	if isFile {
		return fmt.Errorf("%s, got %q", what, name)
	}
	return fmt.Errorf("%s", what)
}

// uniformSeparator returns the separator and the number of parts when toks
// alternate variable-or-star and one repeated literal, such as
// {{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}, and "" otherwise.
func uniformSeparator(toks []token) (string, int) {
	if len(toks) < 3 || len(toks)%2 == 0 {
		return "", 0
	}
	sep := toks[1].text
	for i, tk := range toks {
		if (i%2 == 1) != (tk.kind == tokLiteral) || i%2 == 1 && tk.text != sep {
			return "", 0
		}
	}
	return sep, (len(toks) + 1) / 2
}
