package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/review"
	"github.com/dbcd/dbcd/internal/review/rules"
)

// The review acceptance corpus: testdata/review-corpus/<scenario>/ is a small
// repository (dbcd.yaml + migrations/prod/*.sql) whose SQL carries its own
// expectations as trailing comments on the line of a statement's first token:
//
//	CREATE INDEX i ON t (c); -- expect: index.require-concurrently
//	CREATE INDEX CONCURRENTLY j ON t (c); -- expect-not: index.require-concurrently
//	ALTER TABLE t ADD COLUMN c text NOT NULL; -- expect: column.add-required; expect-not: column.add-volatile-default
//
// "expect: a, b" means a finding of each rule must be reported on that line,
// "expect-not: a" that none may be. Other findings on the line are ignored.
// Every scenario is reviewed the way the acceptance corpus is:
// review --policy all --runner psql --format json, each file knowing the
// schema left by the earlier files; a scenario's review-flags file adds
// flags (such as --pg-version 14).
const corpusDir = "../../testdata/review-corpus"

// minCorpusAssertions guards against a corpus (or a parser change here) that
// silently stops asserting anything.
const minCorpusAssertions = 200

// knownFailures lists scenarios that fail because of open dbcd bugs (not
// because of a wrong expectation), with the reason. Their failures are
// logged, not reported; a listed scenario that passes is an error, so that
// the entry is removed once the rule is fixed.
var knownFailures = map[string]string{}

var expectRE = regexp.MustCompile(`\bexpect(-not)?:\s*([A-Za-z0-9_.:-]+(?:\s*,\s*[A-Za-z0-9_.:-]+)*)`)

type corpusAssertion struct {
	file string // slash path relative to the scenario, as in the json output
	line int
	rule string
	not  bool
}

type corpusFinding struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Rule    string `json:"rule"`
	Level   string `json:"level"`
	Message string `json:"message"`
}

type corpusReport struct {
	Files    []string        `json:"files"`
	Findings []corpusFinding `json:"findings"`
}

func TestReviewCorpus(t *testing.T) {
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	known := knownRuleIDs(t)
	total, scenarios := 0, 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		scenarios++
		src := filepath.Join(corpusDir, name)
		asserts := corpusAssertions(t, src)
		total += len(asserts)
		t.Run(name, func(t *testing.T) {
			for _, a := range asserts {
				if !known[a.rule] {
					t.Errorf("%s:%d: unknown rule id %q in an expectation (typo?)", a.file, a.line, a.rule)
				}
			}
			if len(asserts) == 0 {
				t.Fatalf("scenario %s asserts nothing", name)
			}
			failures := checkCorpusScenario(t, src, asserts)
			reason, isKnown := knownFailures[name]
			switch {
			case isKnown && len(failures) == 0:
				t.Errorf("scenario %s passes now: remove it from knownFailures (%s)", name, reason)
			case isKnown:
				t.Logf("known failure (%s): %d failing assertion(s):\n%s", reason, len(failures), strings.Join(failures, "\n"))
			case len(failures) > 0:
				t.Errorf("%d of %d assertion(s) failed:\n%s", len(failures), len(asserts), strings.Join(failures, "\n"))
			}
		})
	}
	t.Logf("review corpus: %d scenarios, %d assertions", scenarios, total)
	if total < minCorpusAssertions {
		t.Errorf("review corpus has %d assertions, want at least %d", total, minCorpusAssertions)
	}
}

// knownRuleIDs returns the canonical id of every rule, and the built-in ones.
func knownRuleIDs(t *testing.T) map[string]bool {
	t.Helper()
	cat, err := rules.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{review.RuleParseError: true, review.RuleSuppressionUnused: true}
	for _, r := range cat.Rules() {
		ids[r.ID] = true
	}
	return ids
}

// corpusAssertions reads the expect / expect-not comments of every migration
// file of a scenario.
func corpusAssertions(t *testing.T, src string) []corpusAssertion {
	t.Helper()
	var out []corpusAssertion
	err := filepath.WalkDir(filepath.Join(src, "migrations"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".sql") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		for i, line := range strings.Split(string(data), "\n") {
			c := strings.Index(line, "--")
			if c < 0 {
				continue
			}
			for _, m := range expectRE.FindAllStringSubmatch(line[c:], -1) {
				for _, id := range strings.Split(m[2], ",") {
					out = append(out, corpusAssertion{file: rel, line: i + 1, rule: strings.TrimSpace(id), not: m[1] != ""})
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// corpusFlags returns the extra review flags of a scenario: the words of
// its review-flags file (e.g. "--pg-version 14"), none without one.
func corpusFlags(t *testing.T, scenario string) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(scenario, "review-flags"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}

// checkCorpusScenario reviews a copy of the scenario and returns one line per
// failed assertion.
func checkCorpusScenario(t *testing.T, src string, asserts []corpusAssertion) []string {
	t.Helper()
	dir := t.TempDir()
	copyCorpusTree(t, src, dir)
	args := []string{"review", "--policy", "all", "--runner", "psql", "--format", "json"}
	args = append(args, corpusFlags(t, src)...)
	code, stdout, stderr := runIn(t, dir, map[string]string{}, args...)
	// 0 clean, 1 findings, 2 findings about bad input (still in the json);
	// anything else means review did not run.
	if code != 0 && code != 1 && code != 2 {
		t.Fatalf("dbcd review: exit %d\nstderr:\n%s\nstdout:\n%s", code, stderr, stdout)
	}
	var rep corpusReport
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("review output is not json: %v\n%s", err, stdout)
	}

	// Every migration file must have been reviewed (a bad file name would
	// silently drop its assertions).
	reviewed := map[string]bool{}
	for _, f := range rep.Files {
		reviewed[f] = true
	}
	byLine := map[string][]corpusFinding{}
	key := func(file string, line int) string { return fmt.Sprintf("%s:%d", file, line) }
	for _, f := range rep.Findings {
		byLine[key(f.File, f.Line)] = append(byLine[key(f.File, f.Line)], f)
	}

	var failures []string
	expectedParse := map[string]bool{}
	seenFile := map[string]bool{}
	for _, a := range asserts {
		if !seenFile[a.file] {
			seenFile[a.file] = true
			if !reviewed[a.file] {
				failures = append(failures, fmt.Sprintf("%s: not reviewed (files: %v)", a.file, rep.Files))
			}
		}
		if a.rule == review.RuleParseError && !a.not {
			expectedParse[a.file] = true
		}
		found := byLine[key(a.file, a.line)]
		hit := false
		for _, f := range found {
			if f.Rule == a.rule {
				hit = true
			}
		}
		switch {
		case !a.not && !hit:
			failures = append(failures, fmt.Sprintf("%s:%d: expected %s; found on that line: %s",
				a.file, a.line, a.rule, describeFindings(found, "")))
		case a.not && hit:
			failures = append(failures, fmt.Sprintf("%s:%d: %s must not fire; found: %s",
				a.file, a.line, a.rule, describeFindings(found, a.rule)))
		}
	}
	// A parse error nobody expected leaves the rest of the file unchecked, so
	// its expect-not assertions would pass for the wrong reason.
	for _, f := range rep.Findings {
		if f.Rule == review.RuleParseError && !expectedParse[f.File] {
			failures = append(failures, fmt.Sprintf("%s:%d: unexpected %s: %s", f.File, f.Line, f.Rule, f.Message))
		}
	}
	sort.Strings(failures)
	return failures
}

// describeFindings lists the rules found on a line; the messages of the
// rule in question are included.
func describeFindings(fs []corpusFinding, rule string) string {
	if len(fs) == 0 {
		return "nothing"
	}
	var parts []string
	for _, f := range fs {
		if f.Rule == rule {
			parts = append(parts, fmt.Sprintf("%s (%s: %s)", f.Rule, f.Level, f.Message))
		} else {
			parts = append(parts, f.Rule)
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// copyCorpusTree copies a scenario byte for byte (CRLF files stay CRLF).
func copyCorpusTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
