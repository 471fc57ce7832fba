package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/dbcd/dbcd/internal/config"
	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/rules"
	"github.com/dbcd/dbcd/internal/risk"
)

var update = flag.Bool("update", false, "rewrite the generated sections of README.md (make docs)")

const readmePath = "../../README.md"

// TestREADMEGenerated regenerates the sections of README.md that come from
// the code (configuration reference, rule catalog, exit codes) and fails when
// the file differs; `make docs` rewrites them.
func TestREADMEGenerated(t *testing.T) {
	old, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]func() (string, error){
		"config":     configReferenceDoc,
		"rules":      ruleCatalogDoc,
		"exit-codes": exitCodesDoc,
	}
	doc := old
	for _, name := range []string{"config", "rules", "exit-codes"} {
		body, err := sections[name]()
		if err != nil {
			t.Fatal(err)
		}
		doc, err = replaceGenerated(doc, name, body)
		if err != nil {
			t.Fatal(err)
		}
	}
	if bytes.Equal(doc, old) {
		return
	}
	if *update {
		if err := os.WriteFile(readmePath, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md is out of date with the code: run `make docs`\n%s", firstDifference(old, doc))
}

// replaceGenerated replaces the text between the markers of section name.
func replaceGenerated(doc []byte, name, body string) ([]byte, error) {
	begin := fmt.Sprintf("<!-- BEGIN GENERATED: %s (make docs) -->\n", name)
	end := fmt.Sprintf("<!-- END GENERATED: %s -->", name)
	i := bytes.Index(doc, []byte(begin))
	j := bytes.Index(doc, []byte(end))
	if i < 0 || j < i {
		return nil, fmt.Errorf("README.md: markers %q ... %q not found", strings.TrimSpace(begin), end)
	}
	var out bytes.Buffer
	out.Write(doc[:i+len(begin)])
	out.WriteString(body)
	out.Write(doc[j:])
	return out.Bytes(), nil
}

func firstDifference(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("first difference at line %d:\nREADME:    %s\ngenerated: %s", i+1, x, y)
		}
	}
	return ""
}

// configReferenceDoc is every key of dbcd.yaml, and the variables of risk
// expressions.
func configReferenceDoc() (string, error) {
	keys, err := config.Reference()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("| Key | Type | Default | Environment | Meaning |\n|---|---|---|---|---|\n")
	for _, k := range keys {
		env := ""
		if k.Env != "" {
			env = "`" + k.Env + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", k.Key, k.Type, cell(k.Default), env, cell(k.Doc))
	}
	b.WriteString("\nVariables of `risk[].when` expressions (CEL):\n\n| Variable | Type | Meaning |\n|---|---|---|\n")
	for _, v := range risk.Variables {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", v.Name, v.Type, cell(v.Doc))
	}
	return b.String(), nil
}

// categoryOrder lists the rule categories in the order the catalog shows
// them; a category missing here comes after them, in name order.
var categoryOrder = []string{
	review.CategorySyntax, review.CategoryLocking, review.CategoryTransaction, review.CategoryDestructive,
	review.CategoryCompatibility, review.CategoryConvention, review.CategoryMeta, review.CategoryBytebase,
}

// ruleCatalogDoc is the rule catalog by category, with each rule's level in
// the recommended preset.
func ruleCatalogDoc() (string, error) {
	cat, err := rules.Catalog()
	if err != nil {
		return "", err
	}
	rec, ok := cat.Preset("recommended")
	if !ok {
		return "", fmt.Errorf("no recommended preset")
	}
	cats := cat.Categories()
	rank := func(c string) int {
		for i, o := range categoryOrder {
			if o == c {
				return i
			}
		}
		return len(categoryOrder)
	}
	sort.SliceStable(cats, func(i, j int) bool { return rank(cats[i]) < rank(cats[j]) })
	var b strings.Builder
	fmt.Fprintf(&b, "%d rules. `recommended` is the level in the `recommended` preset (off: enable it in a policy or use the `all` preset); `dbcd rules RULE` explains a rule with a flagged and a clean example.\n", len(cat.Rules()))
	for _, c := range cats {
		fmt.Fprintf(&b, "\n#### %s\n\n| Rule | recommended | Flags | Also accepted as |\n|---|---|---|---|\n", c)
		for _, r := range cat.Rules() {
			if r.Category != c {
				continue
			}
			lvl := "off"
			if l := rec.Level(r.ID); l != review.Off {
				lvl = l.String()
			}
			summary := r.Summary
			if r.Live && !strings.Contains(summary, "live database") {
				summary += " (needs a live database)"
			}
			aliases := make([]string, len(r.Aliases))
			for i, a := range r.Aliases {
				aliases[i] = "`" + a + "`"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.ID, lvl, cell(summary), strings.Join(aliases, ", "))
		}
	}
	return b.String(), nil
}

// exitCodeDocs explains each exit code of exit.go.
var exitCodeDocs = map[int]string{
	exitOK:      "Clean or done: no finding at the gate, everything applied, no drift.",
	exitFailed:  "The command worked and found a reason to stop the pipeline: review findings at the gate, drift, a missing approval or rollout role, a stale plan, a failed migration.",
	exitInput:   "Bad usage, configuration or input files: an unknown flag, a problem in dbcd.yaml, a migration file with a bad name or content.",
	exitRuntime: "Could not run: database unreachable, another apply holding the target past `apply.lock_wait`, git push refused, Bitbucket API error.",
}

// exitCodesDoc is the table of exit codes, the same for every command.
func exitCodesDoc() (string, error) {
	codes := make([]int, 0, len(exitMeaning))
	for c := range exitMeaning {
		codes = append(codes, c)
	}
	sort.Ints(codes)
	var b strings.Builder
	b.WriteString("| Code | Meaning |\n|---|---|\n")
	for _, c := range codes {
		d, ok := exitCodeDocs[c]
		if !ok {
			return "", fmt.Errorf("exit code %d (%s) has no entry in exitCodeDocs", c, exitMeaning[c])
		}
		fmt.Fprintf(&b, "| `%d` | %s |\n", c, cell(d))
	}
	if len(exitCodeDocs) != len(exitMeaning) {
		return "", fmt.Errorf("exitCodeDocs documents codes exit.go does not have")
	}
	fmt.Fprintf(&b, "\nWhen a command fails, the last line of its error output names the code, e.g. `%s`.\n", exitLine(exitFailed))
	return b.String(), nil
}

var cellEscape = regexp.MustCompile(`[|*_<>\\]`)

// cell escapes text for a Markdown table cell, leaving `code` spans alone.
func cell(s string) string {
	parts := strings.Split(s, "`")
	for i := 0; i < len(parts); i += 2 { // outside code spans
		parts[i] = cellEscape.ReplaceAllString(parts[i], `\$0`)
	}
	return strings.ReplaceAll(strings.Join(parts, "`"), "\n", " ")
}

// TestPreCommitManifest checks .pre-commit-hooks.yaml against pre-commit's
// conventions for a Go hook: the entry names the binary `go install` builds
// from this module, files are passed (in chunks, which
// TestReviewChunksAgree covers) and the pattern picks migration files.
func TestPreCommitManifest(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string `yaml:"id"`
		Name          string `yaml:"name"`
		Entry         string `yaml:"entry"`
		Language      string `yaml:"language"`
		Files         string `yaml:"files"`
		PassFilenames *bool  `yaml:"pass_filenames"`
		MinVersion    string `yaml:"minimum_pre_commit_version"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 {
		t.Fatalf("%d hooks, want 1", len(hooks))
	}
	h := hooks[0]
	if h.ID != "dbcd-review" || h.Name == "" || h.Language != "golang" || h.Entry != "dbcd review" {
		t.Errorf("hook = %+v", h)
	}
	if h.PassFilenames != nil && !*h.PassFilenames {
		t.Error("pass_filenames must stay true: the hook reviews the staged files")
	}
	// pre-commit 3 needs a go.mod for golang hooks; `go install ./...`
	// names the binary after its directory.
	if h.MinVersion < "3.0.0" {
		t.Errorf("minimum_pre_commit_version = %q, want 3.0.0 or later", h.MinVersion)
	}
	if _, err := os.Stat("../../go.mod"); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat("../" + strings.Fields(h.Entry)[0]); err != nil {
		t.Errorf("entry %q does not name a command of this module: %v", h.Entry, err)
	}
	re, err := regexp.Compile(h.Files)
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]bool{"bytebase/prod/employee##202311012500##ddl##add_nickname.sql": true, "README.md": false} {
		if re.MatchString(p) != want {
			t.Errorf("files %q matches %s: %v, want %v", h.Files, p, !want, want)
		}
	}
}
