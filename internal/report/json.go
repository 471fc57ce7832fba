package report

import (
	"encoding/json"
	"io"

	"github.com/dbcd/dbcd/internal/diag"
)

// JSONVersion is the version of the JSON findings document; it changes only
// when a field is removed or changes meaning. The document is described by
// schema/findings.schema.json.
const JSONVersion = 1

type jsonFinding struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Rule     string `json:"rule"`
	Level    string `json:"level"`
	Category string `json:"category,omitempty"`
	Message  string `json:"message"`
	Help     string `json:"help,omitempty"`
}

type jsonFindings struct {
	Version  int           `json:"version"`
	Files    []string      `json:"files"`
	Findings []jsonFinding `json:"findings"`
	Summary  diag.Summary  `json:"summary"`
}

// JSON renders findings as one stable JSON document.
func JSON(w io.Writer, r Findings) error {
	doc := jsonFindings{Version: JSONVersion, Files: r.Files, Findings: []jsonFinding{}, Summary: r.Summary()}
	if doc.Files == nil {
		doc.Files = []string{}
	}
	fs := append([]diag.Finding(nil), r.Findings...)
	diag.Sort(fs)
	for _, f := range fs {
		doc.Findings = append(doc.Findings, jsonFinding{
			File: f.File, Line: f.Line, Column: f.Column, Rule: f.Rule, Level: f.Severity.String(),
			Category: f.Category, Message: f.Message, Help: f.Help,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
