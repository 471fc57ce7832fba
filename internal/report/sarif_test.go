package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/diag"
)

var testTool = ToolInfo{
	Version:        "1.2.3",
	InformationURI: "https://github.com/dbcd/dbcd",
	Rules: map[string]RuleInfo{
		"index.require-concurrently": {
			Short:   "CREATE INDEX without CONCURRENTLY on an existing table",
			HelpURI: "https://github.com/dbcd/dbcd/blob/main/RULES.md#21-locking-and-table-rewrites-categorylocking",
		},
	},
}

func renderSARIF(t *testing.T, r Findings, tool ToolInfo) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := SARIF(&buf, r, tool); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sarifDoc is the part of a SARIF log the tests check.
type sarifDoc struct {
	Schema  *string `json:"$schema"`
	Version *string `json:"version"`
	Runs    []struct {
		Tool *struct {
			Driver *struct {
				Name  *string `json:"name"`
				Rules []struct {
					ID                   *string                 `json:"id"`
					ShortDescription     *struct{ Text string }  `json:"shortDescription"`
					DefaultConfiguration *struct{ Level string } `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results *[]struct {
			RuleID    string                  `json:"ruleId"`
			RuleIndex *int                    `json:"ruleIndex"`
			Level     string                  `json:"level"`
			Message   *struct{ Text *string } `json:"message"`
			Locations []struct {
				PhysicalLocation *struct {
					ArtifactLocation *struct {
						URI       *string `json:"uri"`
						URIBaseID string  `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

// checkSARIF decodes a SARIF log and checks the fields that SARIF 2.1.0
// requires, and that every ruleIndex points at its rule.
func checkSARIF(t *testing.T, data []byte) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	if doc.Version == nil || *doc.Version != "2.1.0" || doc.Schema == nil {
		t.Fatalf("version/$schema missing or wrong")
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("%d runs, want 1", len(doc.Runs))
	}
	run := doc.Runs[0]
	if run.Tool == nil || run.Tool.Driver == nil || run.Tool.Driver.Name == nil || *run.Tool.Driver.Name != "dbcd" {
		t.Fatal("tool.driver.name missing")
	}
	rules := run.Tool.Driver.Rules
	for _, r := range rules {
		if r.ID == nil || r.ShortDescription == nil || r.ShortDescription.Text == "" || r.DefaultConfiguration == nil {
			t.Errorf("incomplete rule %+v", r)
		}
	}
	if run.Results == nil {
		t.Fatal("results missing (must be [] when empty)")
	}
	for _, res := range *run.Results {
		if res.Message == nil || res.Message.Text == nil {
			t.Errorf("result without message.text: %+v", res)
		}
		switch res.Level {
		case "error", "warning", "note":
		default:
			t.Errorf("level %q", res.Level)
		}
		if res.RuleIndex != nil && (*res.RuleIndex >= len(rules) || *rules[*res.RuleIndex].ID != res.RuleID) {
			t.Errorf("ruleIndex %d does not point at %s", *res.RuleIndex, res.RuleID)
		}
		for _, loc := range res.Locations {
			if loc.PhysicalLocation == nil || loc.PhysicalLocation.ArtifactLocation == nil || loc.PhysicalLocation.ArtifactLocation.URI == nil {
				t.Errorf("location without artifactLocation.uri")
			}
		}
	}
	return doc
}

func TestSARIFGolden(t *testing.T) {
	got := renderSARIF(t, sample(), testTool)
	golden(t, "findings.sarif", got)
	doc := checkSARIF(t, got)
	results := *doc.Runs[0].Results
	if len(results) != 3 {
		t.Fatalf("%d results, want 3", len(results))
	}
	loc := results[1].Locations[0].PhysicalLocation
	if got, want := *loc.ArtifactLocation.URI, "bytebase/prod/employee%23%23202311012500%23%23ddl%23%23add_nickname.sql"; got != want {
		t.Errorf("uri = %q, want %q", got, want)
	}
	if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine != 1 || loc.Region.StartColumn != 1 {
		t.Errorf("location = %+v %+v", loc.ArtifactLocation, loc.Region)
	}
}

func TestSARIFRules(t *testing.T) {
	r := Findings{Findings: []diag.Finding{
		{Rule: "b.rule", Severity: diag.Warning, File: "x.sql", Line: 2, Message: "w"},
		{Rule: "b.rule", Severity: diag.Error, File: "x.sql", Line: 1, Message: "e"},
		{Rule: "a.rule", Severity: diag.Info, File: "x.sql", Message: "n"},
	}}
	doc := checkSARIF(t, renderSARIF(t, r, ToolInfo{}))
	var got []string
	for _, rule := range doc.Runs[0].Tool.Driver.Rules {
		got = append(got, *rule.ID+"="+rule.DefaultConfiguration.Level+" "+rule.ShortDescription.Text)
	}
	if d := cmp.Diff([]string{"a.rule=note a.rule", "b.rule=error b.rule"}, got); d != "" {
		t.Errorf("rules (-want +got):\n%s", d)
	}
	res := (*doc.Runs[0].Results)[0]
	if res.Locations[0].PhysicalLocation.Region != nil {
		t.Error("a finding without a line must have no region")
	}
}

func TestSARIFEmpty(t *testing.T) {
	got := renderSARIF(t, Findings{}, ToolInfo{})
	checkSARIF(t, got)
	if !bytes.Contains(got, []byte(`"results": []`)) || !bytes.Contains(got, []byte(`"rules": []`)) {
		t.Errorf("empty lists must be [] not null:\n%s", got)
	}
}

func TestSARIFURI(t *testing.T) {
	for in, want := range map[string]string{
		"db/a b.sql":     "db/a%20b.sql",
		"db/x#1?.sql":    "db/x%231%3F.sql",
		"c:d/x.sql":      "./c:d/x.sql",
		"db/100%.sql":    "db/100%25.sql",
		"db/ünicode.sql": "db/%C3%BCnicode.sql",
	} {
		if got := sarifURI(in); got != want {
			t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
		}
	}
}
