package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dbcd/dbcd/internal/diag"
)

// SchemaChangeView is the schema change of a migration on one target,
// object by object: what `dbcd history --diff` shows for an applied one and
// `dbcd plan --shadow` for pending ones. It is documented by
// schema/schemachange.schema.json.
type SchemaChangeView struct {
	Target string `json:"target"`
	// Path, Version and Type name the migration; Path may list several
	// files, and all three may be empty for a change that is no single
	// file's (the pending files of a plan).
	Path    string `json:"path,omitempty"`
	Version string `json:"version,omitempty"`
	Type    string `json:"type,omitempty"`
	// From and To say, for people, what the two sides are: "schema after
	// version 1 (ddl)", "empty schema", "shadow database after the pending
	// files".
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Available is false when one side is unknown; Note says why.
	Available bool `json:"available"`
	// Exact is false when the change shown covers more than this
	// migration; Note says what else.
	Exact bool   `json:"exact"`
	Note  string `json:"note,omitempty"`
	// Changes are the objects added, removed or changed, sorted by name.
	Changes []SchemaObjectChange `json:"changes"`
	// Error is why the change could not be computed.
	Error string `json:"error,omitempty"`
}

// SchemaObjectChange is one object of a SchemaChangeView; the same shape
// as DriftChangeView.
type SchemaObjectChange struct {
	Kind string `json:"kind"`
	Name string `json:"name"`
	// Op is added, removed or changed.
	Op string `json:"op"`
	// Summary names the object and what changed, in one line.
	Summary string `json:"summary"`
	// Diff is the unified diff of the object's SQL.
	Diff string `json:"diff,omitempty"`
}

// SchemaChangeJSONVersion is the version of the schema change document.
const SchemaChangeJSONVersion = 1

// SchemaChangeJSON renders the views as one JSON document:
// {"version":1,"migrations":[...]}.
func SchemaChangeJSON(w io.Writer, views []SchemaChangeView) error {
	doc := struct {
		Version    int                `json:"version"`
		Migrations []SchemaChangeView `json:"migrations"`
	}{SchemaChangeJSONVersion, make([]SchemaChangeView, 0, len(views))}
	for _, v := range views {
		if v.Changes == nil {
			v.Changes = []SchemaObjectChange{}
		}
		doc.Migrations = append(doc.Migrations, v)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// SchemaChangeText renders each view: a heading with the target and the
// migration, the two sides compared, then one line per object followed by
// the unified diff of its SQL, indented. It ends with a summary line.
func SchemaChangeText(w io.Writer, views []SchemaChangeView, color bool) error {
	st := newStyles(w, color)
	var b strings.Builder
	objects, failed, unknown := 0, 0, 0
	for i, v := range views {
		if i > 0 {
			b.WriteString("\n")
		}
		writeSchemaChange(&b, st, v)
		objects += len(v.Changes)
		switch {
		case v.Error != "":
			failed++
		case !v.Available:
			unknown++
		}
	}
	var sum string
	switch {
	case failed > 0:
		sum = st.render(st.sev[diag.Error], fmt.Sprintf("✗ %d of %s could not be shown", failed, plural(len(views), "schema change")))
	case unknown == len(views):
		sum = st.render(st.sev[diag.Warning], "! no schema change to show: "+plural(unknown, "migration")+" without snapshots")
	case objects == 0:
		sum = st.render(st.ok, "✓ no schema change")
	default:
		sum = st.render(st.ok, fmt.Sprintf("✓ %s changed", plural(objects, "object")))
	}
	if unknown > 0 && unknown < len(views) {
		sum += fmt.Sprintf(" (%d of %s not available)", unknown, plural(len(views), "schema change"))
	}
	b.WriteString(sum + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// SchemaChangeSection renders one view as SchemaChangeText does, without
// the summary line, for a report that shows it among other things (the
// shadow run of a plan).
func SchemaChangeSection(w io.Writer, v SchemaChangeView, color bool) error {
	var b strings.Builder
	writeSchemaChange(&b, newStyles(w, color), v)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeSchemaChange writes one view.
func writeSchemaChange(b *strings.Builder, st styles, v SchemaChangeView) {
	head := v.Target
	if v.Path != "" {
		head += "  " + v.Path
	}
	var what []string
	if v.Version != "" {
		what = append(what, "version "+v.Version)
	}
	if v.Type != "" {
		what = append(what, v.Type)
	}
	line := st.render(st.file, head)
	if len(what) > 0 {
		line += " " + st.render(st.pos, "("+strings.Join(what, ", ")+")")
	}
	b.WriteString(line + "\n")
	if v.From != "" || v.To != "" {
		fmt.Fprintf(b, "  %s\n", st.render(st.pos, "from "+orDash(v.From)+" to "+orDash(v.To)))
	}
	if v.Note != "" {
		fmt.Fprintf(b, "  %s %s\n", st.render(st.sev[diag.Warning], "note:"), v.Note)
	}
	switch {
	case v.Error != "":
		fmt.Fprintf(b, "  %s %s\n", st.render(st.sev[diag.Error], "error:"), v.Error)
		return
	case !v.Available:
		return
	case len(v.Changes) == 0:
		fmt.Fprintf(b, "  %s\n", st.render(st.ok, "no schema change"))
		return
	}
	for _, c := range v.Changes {
		fmt.Fprintf(b, "  %s\n", st.render(st.rule, c.Summary))
		if d := strings.TrimRight(c.Diff, "\n"); d != "" {
			b.WriteString("    " + strings.ReplaceAll(d, "\n", "\n    ") + "\n")
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
