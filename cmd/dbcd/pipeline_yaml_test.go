package main

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The parsing half of the Bitbucket Pipelines emulator (pipeline_sim_test.go):
// bitbucket-pipelines.yml into pipelines, groups and steps, failing on what
// Bitbucket would reject or the emulator cannot run.

// pipelineFile is a parsed bitbucket-pipelines.yml.
type pipelineFile struct {
	caches    map[string]bool
	pipelines map[string][]pipelineGroup // "pull-requests/**", "branches/main", "custom/drift"
}

// pipelineGroup is one entry of a pipeline: a step, or parallel steps.
type pipelineGroup struct {
	parallel bool
	steps    []*pipelineStep
}

// pipelineStep is a step of a pipeline.
type pipelineStep struct {
	name        string
	deployment  string
	environment string
	manual      bool
	script      []string
	artifacts   []string
	caches      []string
}

// Keys the emulator knows; any other fails the test, so that a typo in
// the example (which Bitbucket would reject) does not go unnoticed.
var (
	topLevelKeys = []string{"image", "clone", "definitions", "pipelines", "options"}
	stepKeys     = []string{"name", "script", "caches", "deployment", "environment", "trigger", "artifacts",
		"image", "services", "size", "max-time", "after-script", "condition", "clone", "oidc", "runs-on"}
	predefinedCaches = []string{"docker", "composer", "dotnetcore", "gradle", "ivy2", "maven", "node", "pip", "sbt"}
)

// loadPipelineFile parses path and checks what Bitbucket would reject.
func loadPipelineFile(t *testing.T, path string) *pipelineFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for k := range doc {
		if !slices.Contains(topLevelKeys, k) {
			t.Fatalf("%s: unknown top-level key %q", path, k)
		}
	}
	pf := &pipelineFile{caches: map[string]bool{}, pipelines: map[string][]pipelineGroup{}}
	for _, c := range predefinedCaches {
		pf.caches[c] = true
	}
	if defs, ok := doc["definitions"].(map[string]any); ok {
		for name := range mapOf(t, defs["caches"], "definitions.caches") {
			pf.caches[name] = true
		}
	}
	pipes := mapOf(t, doc["pipelines"], "pipelines")
	for kind, v := range pipes {
		switch kind {
		case "default":
			pf.pipelines[kind] = parseGroups(t, pf, kind, v)
		case "pull-requests", "branches", "tags", "custom":
			for name, items := range mapOf(t, v, "pipelines."+kind) {
				key := kind + "/" + name
				pf.pipelines[key] = parseGroups(t, pf, key, items)
			}
		default:
			t.Fatalf("pipelines: unknown kind %q", kind)
		}
	}
	return pf
}

func mapOf(t *testing.T, v any, where string) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: expected a mapping, got %T", where, v)
	}
	return m
}

func listOf(t *testing.T, v any, where string) []any {
	t.Helper()
	l, ok := v.([]any)
	if !ok {
		t.Fatalf("%s: expected a list, got %T", where, v)
	}
	return l
}

func parseGroups(t *testing.T, pf *pipelineFile, key string, v any) []pipelineGroup {
	t.Helper()
	var groups []pipelineGroup
	for i, item := range listOf(t, v, key) {
		where := fmt.Sprintf("%s[%d]", key, i)
		m := mapOf(t, item, where)
		switch {
		case m["step"] != nil:
			groups = append(groups, pipelineGroup{steps: []*pipelineStep{parseStep(t, pf, where, m["step"])}})
		case m["parallel"] != nil:
			var list []any
			switch p := m["parallel"].(type) {
			case []any:
				list = p
			case map[string]any:
				list = listOf(t, p["steps"], where+".parallel.steps")
			default:
				t.Fatalf("%s.parallel: expected a list or a mapping", where)
			}
			g := pipelineGroup{parallel: true}
			seen := map[string]bool{}
			for j, s := range list {
				st := parseStep(t, pf, fmt.Sprintf("%s.parallel[%d]", where, j), mapOf(t, s, where)["step"])
				if st.deployment != "" && seen[st.deployment] {
					t.Fatalf("%s: two parallel steps deploy to %q: the second would wait for the first's lock", where, st.deployment)
				}
				seen[st.deployment] = true
				g.steps = append(g.steps, st)
			}
			groups = append(groups, g)
		default:
			t.Fatalf("%s: the emulator knows step and parallel entries only", where)
		}
	}
	if len(groups) > 0 && groups[0].steps[0].manual {
		t.Fatalf("%s: the first step of a pipeline cannot be manual", key)
	}
	return groups
}

func parseStep(t *testing.T, pf *pipelineFile, where string, v any) *pipelineStep {
	t.Helper()
	m := mapOf(t, v, where+".step")
	for k := range m {
		if !slices.Contains(stepKeys, k) {
			t.Fatalf("%s: unknown step key %q", where, k)
		}
	}
	st := &pipelineStep{}
	st.name, _ = m["name"].(string)
	st.deployment, _ = m["deployment"].(string)
	st.environment, _ = m["environment"].(string)
	switch m["trigger"] {
	case nil, "automatic":
	case "manual":
		st.manual = true
	default:
		t.Fatalf("%s: trigger %v", where, m["trigger"])
	}
	for _, l := range listOf(t, m["script"], where+".script") {
		line, ok := l.(string)
		if !ok {
			t.Fatalf("%s.script: %v is not a command line (pipes are not emulated)", where, l)
		}
		st.script = append(st.script, line)
	}
	if a, ok := m["artifacts"]; ok {
		for _, p := range listOf(t, a, where+".artifacts") {
			st.artifacts = append(st.artifacts, p.(string))
		}
	}
	if c, ok := m["caches"]; ok {
		for _, name := range listOf(t, c, where+".caches") {
			if !pf.caches[name.(string)] {
				t.Fatalf("%s: cache %q is not defined", where, name)
			}
			st.caches = append(st.caches, name.(string))
		}
	}
	if st.name == "" {
		t.Fatalf("%s: the step has no name", where)
	}
	return st
}
