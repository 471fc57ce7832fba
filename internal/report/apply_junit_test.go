package report

import (
	"bytes"
	"encoding/xml"
	"testing"
)

func TestApplyJUnit(t *testing.T) {
	v := ApplyView{Stage: "prod", Targets: []ApplyTargetView{
		{Name: "eu", DB: "app", Status: "applied", Applied: []ApplyFileView{{Path: "a.sql", Seconds: 0.5}}},
		{Name: "us", DB: "app", Status: "failed", Error: "a.sql:3:1: boom\ndetail",
			Applied: []ApplyFileView{{Path: "a.sql", Error: "a.sql:3:1: boom\ndetail"}},
			Pending: []ApplyFileView{{Path: "b.sql"}}},
		{Name: "asia", DB: "app", Status: "up-to-date"},
	}}
	var buf bytes.Buffer
	if err := ApplyJUnit(&buf, v); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name    string `xml:"name,attr"`
			Skipped int    `xml:"skipped,attr"`
			Cases   []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
				Skipped *struct{} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("invalid XML: %v\n%s", err, buf.String())
	}
	if doc.Tests != 4 || doc.Failures != 1 || len(doc.Suites) != 3 {
		t.Fatalf("tests=%d failures=%d suites=%d\n%s", doc.Tests, doc.Failures, len(doc.Suites), buf.String())
	}
	us := doc.Suites[1]
	if us.Name != "prod/us" || us.Cases[0].Failure == nil || us.Cases[1].Skipped == nil || us.Skipped != 1 {
		t.Errorf("us suite = %+v", us)
	}
}
