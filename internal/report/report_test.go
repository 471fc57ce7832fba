package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/diag"
)

var update = flag.Bool("update", false, "rewrite golden files")

func sample() Findings {
	return Findings{
		Title: "review",
		Files: []string{"bytebase/prod/employee##202311012500##ddl##add_nickname.sql", "bytebase/test/a.sql"},
		Findings: []diag.Finding{
			{Rule: "index.require-concurrently", Severity: diag.Error, Category: "locking", File: "bytebase/test/a.sql", Line: 4, Column: 1,
				Message: "CREATE INDEX without CONCURRENTLY blocks writes", Help: "use CREATE INDEX CONCURRENTLY in a -- dbcd:no-transaction file"},
			{Rule: "column.require-not-null", Severity: diag.Warning, Category: "convention", File: "bytebase/prod/employee##202311012500##ddl##add_nickname.sql", Line: 1, Column: 1,
				Message: `column "nick_name" is nullable`},
			{Rule: "config.unknown-key", Severity: diag.Info, Message: "a note without a file"},
		},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, d)
	}
}

func TestTextGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, sample(), false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "\x1b[") {
		t.Error("plain output contains escape sequences")
	}
	golden(t, "findings.txt", buf.Bytes())
}

func TestTextColor(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, sample(), true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\x1b[") {
		t.Error("coloured output has no escape sequences")
	}
}

func TestTextClean(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, Findings{Title: "review", Files: []string{"a.sql"}}, false); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "✓ review: no problems in 1 file\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestJSONGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	golden(t, "findings.json", buf.Bytes())
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["version"] != float64(1) {
		t.Errorf("version = %v", doc["version"])
	}
}

func TestJSONEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, Findings{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"findings": []`) || !strings.Contains(buf.String(), `"files": []`) {
		t.Errorf("empty lists must be [] not null: %s", buf.String())
	}
}

func TestParseFormat(t *testing.T) {
	if f, err := ParseFormat("JSON"); err != nil || f != FormatJSON {
		t.Errorf("ParseFormat(JSON) = %v, %v", f, err)
	}
	if _, err := ParseFormat("sarif", FormatText); err == nil || !strings.Contains(err.Error(), "supports: text") {
		t.Errorf("ParseFormat(sarif) error = %v", err)
	}
}
