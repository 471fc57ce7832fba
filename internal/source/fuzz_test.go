package source

import (
	"math/big"
	"strings"
	"testing"
)

// checkMatch checks the properties every successful match must have.
func checkMatch(t *testing.T, tmpl *Template, path string, m Match) {
	t.Helper()
	for _, name := range knownVars {
		v := m.value(name)
		if tmpl.Has(name) != (v != "") || strings.Contains(v, "/") {
			t.Fatalf("%q.Match(%q): {{%s}} = %q", tmpl, path, name, v)
		}
		if tmpl.Has(name) {
			if err := checkValue(name, v); err != nil {
				t.Fatalf("%q.Match(%q) accepted %v", tmpl, path, err)
			}
		}
	}
	if tmpl.HasWildcard() || strings.ContainsAny(path, "\\\x00") {
		return // Expand refuses these; Match accepts them as written
	}
	back, err := tmpl.Expand(m)
	if err != nil || back != path {
		t.Fatalf("%q.Match(%q) = %+v, expands to %q, %v", tmpl, path, m, back, err)
	}
}

func FuzzTemplateMatch(f *testing.F) {
	f.Add(DefaultTemplate, "prod/employee##202311012500##ddl##add_nickname.sql", "1.2", "x##y")
	f.Add("{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql", "a##1##dml##b##c.sql", "01", "ddl")
	f.Add("**/{{DB_NAME}}/V{{VERSION}}__{{DESCRIPTION}}.up.sql", "a/b/db/V1__x.up.sql", "3", "a_b")
	f.Add("{{ENV_ID}}/*/x*y/{{VERSION}}_{{DESCRIPTION}}.sql", "p/q/xay/1_2_3.sql", "1.0", "")
	f.Add("{{DESCRIPTION}}_{{VERSION}}.sql", "a_b_1.sql", "2", "_")
	f.Add("{{ENV_ID}}/**/x/{{VERSION}}.sql", "prod/a/x/b/x/7.sql", "7", "x")
	f.Fuzz(func(t *testing.T, src, path, version, desc string) {
		if len(src) > 200 || len(path) > 400 {
			return
		}
		tmpl, err := CompileTemplate(src)
		if err != nil {
			return
		}
		if m, ok, err := tmpl.Match(path); ok {
			if err != nil {
				t.Fatalf("Match(%q): ok with error %v", path, err)
			}
			checkMatch(t, tmpl, path, m)
		} else if err != nil && !tmpl.Candidate(path) {
			t.Fatalf("Match(%q): error %v for a non-candidate", path, err)
		} else if err == nil && tmpl.Candidate(path) {
			t.Fatalf("Match(%q): candidate neither matched nor explained", path)
		}
		// A path built from valid values matches again.
		if tmpl.HasWildcard() {
			return
		}
		m := Match{Stage: "s" + desc, DB: desc + "d", Version: version, Type: "ddl", Description: "x" + desc}
		built, err := tmpl.Expand(m)
		if err != nil || checkValue(VarVersion, version) != nil || !tmpl.Candidate(built) {
			return
		}
		got, ok, err := tmpl.Match(built)
		if !ok {
			t.Fatalf("%q.Match(%q) of its own expansion: %v", src, built, err)
		}
		checkMatch(t, tmpl, built, got)
	})
}

func FuzzParseName(f *testing.F) {
	f.Add("prod/employee##202311012500##ddl##add_nickname.sql")
	f.Add("prod/employee##1##ddl.sql")
	f.Add("prod/employee##2023a##Schema##x.SQL")
	f.Add("a/b/c/.x.sql")
	tmpls := []*Template{}
	for _, src := range []string{DefaultTemplate, "{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql"} {
		tmpl, err := CompileTemplate(src)
		if err != nil {
			f.Fatal(err)
		}
		tmpls = append(tmpls, tmpl)
	}
	f.Fuzz(func(t *testing.T, path string) {
		for _, tmpl := range tmpls {
			m, ok, err := tmpl.Match(path)
			if ok {
				checkMatch(t, tmpl, path, m)
			} else if (err != nil) != tmpl.Candidate(path) {
				t.Fatalf("Match(%q) = %v for candidate %v", path, err, tmpl.Candidate(path))
			}
		}
	})
}

// bigCompare is a reference implementation of Version.Compare.
func bigCompare(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, _ := new(big.Int).SetString(as[i], 10)
		y, _ := new(big.Int).SetString(bs[i], 10)
		if c := x.Cmp(y); c != 0 {
			return c
		}
	}
	switch {
	case len(as) < len(bs):
		return -1
	case len(as) > len(bs):
		return 1
	}
	return 0
}

func FuzzParseVersion(f *testing.F) {
	f.Add("1.2", "1.10", "1.2.0")
	f.Add("01", "1", "001.0")
	f.Add("202311012500", "99999999999999999999999", "0")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		va, errA := ParseVersion(a)
		vb, errB := ParseVersion(b)
		vc, errC := ParseVersion(c)
		if errA != nil {
			if va != (Version{}) {
				t.Fatalf("ParseVersion(%q) failed but returned %q", a, va)
			}
			return
		}
		again, err := ParseVersion(va.String())
		if err != nil || again != va || va.Compare(again) != 0 {
			t.Fatalf("ParseVersion(%q).String() = %q does not round-trip", a, va)
		}
		if errB != nil {
			return
		}
		ab, ba := va.Compare(vb), vb.Compare(va)
		if ab != -ba || ab < -1 || ab > 1 {
			t.Fatalf("Compare(%q, %q) = %d but Compare(%q, %q) = %d", a, b, ab, b, a, ba)
		}
		if want := bigCompare(a, b); ab != want {
			t.Fatalf("Compare(%q, %q) = %d, want %d", a, b, ab, want)
		}
		if (ab == 0) != (va.key() == vb.key()) {
			t.Fatalf("Compare(%q, %q) = %d but keys %q, %q", a, b, ab, va.key(), vb.key())
		}
		if errC == nil && ab <= 0 && vb.Compare(vc) <= 0 && va.Compare(vc) > 0 {
			t.Fatalf("not transitive: %q <= %q <= %q but %q > %q", a, b, c, a, c)
		}
	})
}
