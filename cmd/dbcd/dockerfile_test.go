package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDockerfileRunsMakeStatic keeps the Dockerfile in step with the build
// CI exercises: its builder runs `make static` and nothing else, on the Go
// release go.mod asks for, and ships the binary that target writes. Docker
// itself is not needed.
func TestDockerfileRunsMakeStatic(t *testing.T) {
	df := readRepoFile(t, "Dockerfile")
	gomod := readRepoFile(t, "go.mod")
	makefile := readRepoFile(t, "Makefile")

	goLine := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(gomod)
	arg := regexp.MustCompile(`(?m)^ARG GO_VERSION=(\S+)$`).FindStringSubmatch(df)
	if goLine == nil || arg == nil || arg[1] != goLine[1] {
		t.Errorf("Dockerfile ARG GO_VERSION = %v, go.mod go = %v: they must name the same Go release", arg, goLine)
	}
	if !strings.Contains(df, "FROM golang:${GO_VERSION}") {
		t.Error("the builder stage does not use golang:${GO_VERSION}")
	}

	var runs []string
	for _, ins := range dockerInstructions(df) {
		if strings.HasPrefix(ins, "FROM ") && len(runs) > 0 {
			break // the builder stage ends
		}
		if strings.HasPrefix(ins, "RUN ") {
			runs = append(runs, ins)
		}
	}
	if len(runs) != 1 {
		t.Fatalf("the builder stage has %d RUN instructions, want exactly one running make static: %q", len(runs), runs)
	}
	cmd := strings.Fields(runs[0])[1:]
	for len(cmd) > 0 && strings.HasPrefix(cmd[0], "--mount=") {
		cmd = cmd[1:]
	}
	if len(cmd) < 2 || cmd[0] != "make" || cmd[1] != "static" {
		t.Errorf("builder RUN = %q, want `make static`", runs[0])
	}
	if !strings.Contains(makefile, "-o bin/dbcd-static ./cmd/dbcd") || !strings.Contains(df, "COPY --from=build /src/bin/dbcd-static ") {
		t.Error("the image must ship bin/dbcd-static, the binary `make static` writes")
	}
}

// TestDockerignoreKeepsBuildInputs checks that .dockerignore leaves every
// file the dbcd build reads in the Docker build context.
func TestDockerignoreKeepsBuildInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	var patterns []string
	sc := bufio.NewScanner(strings.NewReader(readRepoFile(t, ".dockerignore")))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "!") || strings.Contains(line, "**") {
			t.Fatalf(".dockerignore pattern %q: this test only understands plain patterns; extend it", line)
		}
		patterns = append(patterns, path.Clean(strings.TrimPrefix(line, "/")))
	}

	inputs := []string{"go.mod", "go.sum", "Makefile"}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	c := exec.Command("go", "list", "-deps", "-json", "./cmd/dbcd")
	c.Dir = root
	out, err := c.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var p struct {
			Dir                                                   string
			Module                                                *struct{ Path string }
			GoFiles, CgoFiles, CFiles, HFiles, SFiles, EmbedFiles []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.Module == nil || p.Module.Path != "github.com/dbcd/dbcd" {
			continue
		}
		rel, err := filepath.Rel(root, p.Dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, list := range [][]string{p.GoFiles, p.CgoFiles, p.CFiles, p.HFiles, p.SFiles, p.EmbedFiles} {
			for _, f := range list {
				inputs = append(inputs, filepath.ToSlash(filepath.Join(rel, f)))
			}
		}
	}
	if len(inputs) < 50 {
		t.Fatalf("only %d build inputs found", len(inputs))
	}
	for _, in := range inputs {
		if p := dockerIgnored(in, patterns); p != "" {
			t.Errorf("%s is read by the build but .dockerignore excludes it (pattern %q)", in, p)
		}
	}
}

// dockerIgnored returns the pattern excluding p (or one of its parent
// directories) from the build context, or "".
func dockerIgnored(p string, patterns []string) string {
	for _, pat := range patterns {
		for cur := p; cur != "." && cur != "/"; cur = path.Dir(cur) {
			if ok, _ := path.Match(pat, cur); ok {
				return pat
			}
		}
	}
	return ""
}

// dockerInstructions returns the Dockerfile's instructions, continuation
// lines joined and comments dropped.
func dockerInstructions(df string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(df, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || (trimmed == "" && cur.Len() == 0) {
			continue
		}
		if strings.HasSuffix(trimmed, "\\") {
			cur.WriteString(strings.TrimSuffix(trimmed, "\\") + " ")
			continue
		}
		cur.WriteString(trimmed)
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	return out
}

func readRepoFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("../..", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
