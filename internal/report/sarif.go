package report

import (
	"encoding/json"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
)

// FormatSARIF is SARIF 2.1.0, for CI systems other than Bitbucket and for
// editors.
const FormatSARIF Format = "sarif"

// SARIF document constants.
const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	// sarifSrcRoot is the base id every artifact URI is relative to: the
	// repository root, which consumers map to their checkout.
	sarifSrcRoot = "%SRCROOT%"
)

// ToolInfo describes dbcd to SARIF consumers.
type ToolInfo struct {
	// Name defaults to "dbcd".
	Name           string
	Version        string
	InformationURI string
	// Rules describes rule ids; a rule that is not described gets its id as
	// its short description and no help URI.
	Rules map[string]RuleInfo
}

// RuleInfo describes one rule.
type RuleInfo struct {
	Short   string
	HelpURI string
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	ShortDescription     sarifText      `json:"shortDescription"`
	HelpURI              string         `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           *sarifRuleProp `json:"properties,omitempty"`
}

type sarifRuleProp struct {
	Tags []string `json:"tags"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId,omitempty"`
	RuleIndex *int            `json:"ruleIndex,omitempty"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifLocation struct {
	Physical sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	Artifact sarifArtifact `json:"artifactLocation"`
	Region   *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// SARIF renders findings as a SARIF 2.1.0 log with one run. The driver lists
// the rules that appear, in id order, each at the highest level it was
// reported at; results follow in position order. Artifact URIs are the
// repository-relative paths, percent-encoded, relative to %SRCROOT%.
func SARIF(w io.Writer, r Findings, tool ToolInfo) error {
	fs := append([]diag.Finding(nil), r.Findings...)
	diag.Sort(fs)
	driver := sarifDriver{Name: tool.Name, Version: tool.Version, InformationURI: tool.InformationURI, Rules: sarifRules(fs, tool.Rules)}
	if driver.Name == "" {
		driver.Name = "dbcd"
	}
	index := map[string]int{}
	for i, rule := range driver.Rules {
		index[rule.ID] = i
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	for _, f := range fs {
		res := sarifResult{RuleID: f.Rule, Level: sarifLevel(f.Severity), Message: sarifText{Text: sarifMessage(f)}}
		if i, ok := index[f.Rule]; ok {
			res.RuleIndex = &i
		}
		if f.File != "" {
			loc := sarifLocation{Physical: sarifPhysical{Artifact: sarifArtifact{URI: sarifURI(f.File), URIBaseID: sarifSrcRoot}}}
			if f.Line > 0 {
				loc.Physical.Region = &sarifRegion{StartLine: f.Line, StartColumn: f.Column}
			}
			res.Locations = []sarifLocation{loc}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifRules describes the rules that appear in fs, sorted by id.
func sarifRules(fs []diag.Finding, known map[string]RuleInfo) []sarifRule {
	level := map[string]diag.Severity{}
	category := map[string]string{}
	for _, f := range fs {
		if f.Rule == "" {
			continue
		}
		level[f.Rule] = max(level[f.Rule], f.Severity)
		if category[f.Rule] == "" {
			category[f.Rule] = f.Category
		}
	}
	rules := make([]sarifRule, 0, len(level))
	for id, sev := range level {
		info := known[id]
		short := info.Short
		if short == "" {
			short = id
		}
		rule := sarifRule{ID: id, ShortDescription: sarifText{Text: short}, HelpURI: info.HelpURI, DefaultConfiguration: sarifConfig{Level: sarifLevel(sev)}}
		if c := category[id]; c != "" {
			rule.Properties = &sarifRuleProp{Tags: []string{c}}
		}
		rules = append(rules, rule)
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	return rules
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

// sarifMessage is the finding's message, with its help on a second line.
func sarifMessage(f diag.Finding) string {
	if f.Help == "" {
		return f.Message
	}
	return f.Message + "\nhelp: " + f.Help
}

// sarifURI percent-encodes a slash path as a relative URI reference, so that
// characters such as '#' and ' ' in migration file names survive. A first
// segment with a colon gets a "./" prefix so that it cannot read as a scheme.
func sarifURI(path string) string {
	u := (&url.URL{Path: path}).EscapedPath()
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		u = "./" + u
	}
	return u
}
