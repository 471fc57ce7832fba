package sqlparse

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// seeds returns every test input of the package, for the fuzz tests.
func seeds(t testing.TB) []string {
	var s []string
	for _, tt := range splitTests {
		s = append(s, tt.src)
	}
	for _, tt := range errorTests {
		s = append(s, tt.src)
	}
	for _, tt := range kindTests {
		s = append(s, tt.sql+";")
	}
	for _, tt := range directiveTests {
		s = append(s, tt.src)
	}
	bench, err := os.ReadFile("testdata/migration.sql")
	if err != nil {
		t.Fatal(err)
	}
	return append(s, string(bench))
}

// FuzzParse checks that Parse never panics and that its results are
// consistent (see checkFile), and that the fallback lexer agrees with the
// PostgreSQL scanner on comments and semicolons wherever the scanner accepts
// the text.
func FuzzParse(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := Parse("fuzz.sql", src)
		checkFile(t, src, file, err)
		if off, _ := checkEncoding(src); off < 0 {
			compareLexers(t, newText(src).body)
		}
	})
}

// FuzzParseDirectives checks that ParseDirectives never panics, returns
// well-formed directives and errors inside the file, and agrees with Parse.
func FuzzParseDirectives(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ds, errs := ParseDirectives("fuzz.sql", src)
		lines := refLines(src)
		for _, d := range ds {
			if _, ok := directiveUsage[d.Name]; !ok {
				t.Errorf("directive with unknown name %q", d.Name)
			}
			if !strings.HasPrefix(d.Text, "--") || !strings.Contains(d.Text, directivePrefix) || strings.ContainsAny(d.Text, "\r\n") {
				t.Errorf("bad directive text %q", d.Text)
			}
			if d.Line < 1 || d.Line > len(lines) || d.Column < 1 {
				t.Errorf("directive %q at %d:%d outside the file", d.Text, d.Line, d.Column)
			}
		}
		for _, e := range errs {
			if e.Line < 1 || e.Line > len(lines) || e.Column < 1 {
				t.Errorf("error %v outside the file", e)
			}
		}
		file, _ := Parse("fuzz.sql", src)
		if diff := cmp.Diff(ds, file.Directives); diff != "" {
			t.Errorf("ParseDirectives and Parse disagree (-ParseDirectives +Parse):\n%s", diff)
		}
	})
}

// compareLexers fails when scanLoosely and the PostgreSQL scanner find
// different comments, semicolons or backslashes in body. Bodies the scanner
// rejects are not compared.
func compareLexers(t *testing.T, body string) {
	t.Helper()
	toks, ok := scan(body)
	if !ok {
		return
	}
	want := significant(toks)
	got := significant(scanLoosely(body))
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(token{})); diff != "" {
		t.Errorf("scanLoosely disagrees with the PostgreSQL scanner on %q (-scanner +scanLoosely):\n%s", body, diff)
	}
}

// significant keeps the tokens both lexers must agree on.
func significant(toks []token) []token {
	var out []token
	for _, tok := range toks {
		switch tok.kind {
		case tokLineComment, tokBlockComment, tokSemicolon, tokBackslash:
			out = append(out, tok)
		}
	}
	return out
}

func TestLexersAgreeOnSeeds(t *testing.T) {
	for _, s := range seeds(t) {
		if off, _ := checkEncoding([]byte(s)); off < 0 {
			compareLexers(t, newText([]byte(s)).body)
		}
	}
}
