package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dbcd/dbcd/internal/report"
)

// renderTo writes a report once per requested output: to stdout in --format
// when no --output is given; otherwise to each --output FILE (in --format) or
// FORMAT=FILE.
func renderTo(g *globalOptions, format report.Format, render func(io.Writer, report.Format) error) error {
	if len(g.outputs) == 0 {
		return render(g.io.Out, format)
	}
	for _, o := range g.outputs {
		if o == string(report.FormatCodeInsights) {
			continue // published by the command itself
		}
		f, path := format, o
		if name, p, ok := strings.Cut(o, "="); ok {
			pf, err := report.ParseFormat(name)
			if err != nil {
				return &usageError{fmt.Errorf("--output %s: %w", o, err)}
			}
			f, path = pf, p
		}
		if path == "-" {
			if err := render(g.io.Out, f); err != nil {
				return err
			}
			continue
		}
		if err := writeFile(path, func(w io.Writer) error { return render(w, f) }); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes through a temporary file and renames it into place, so a
// failed run never leaves a half-written report.
func writeFile(path string, write func(io.Writer) error) error {
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", dir, err)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dbcd-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
