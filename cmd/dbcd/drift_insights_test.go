package main

import (
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/report"
)

func TestDriftFindings(t *testing.T) {
	v := report.DriftView{Stage: "prod", Targets: []report.DriftTargetView{
		{Name: "eu", Drifted: true, Changes: []report.DriftChangeView{{Op: "added", Summary: "public.employee.city: column added (text)"}},
			Issues: []string{"x.sql (version 3) is failed"}},
		{Name: "us", Error: "connecting to postgres://u:xxxxx@h/db: refused"},
		{Name: "asia"},
	}}
	r := driftFindings(v)
	if len(r.Files) != 3 || len(r.Findings) != 3 {
		t.Fatalf("findings = %+v", r)
	}
	got := r.Findings[0].Rule + " " + r.Findings[0].Message
	if got != "drift.added prod/eu: public.employee.city: column added (text)" {
		t.Errorf("first finding = %q", got)
	}
	if r.Findings[1].Rule != "drift.history" || !strings.HasPrefix(r.Findings[2].Message, "prod/us: connecting") {
		t.Errorf("findings = %+v", r.Findings)
	}
}
