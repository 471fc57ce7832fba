package pgschema

import (
	"bytes"
	"embed"
	"fmt"
	"sync"
	"text/template"
)

// queryFS holds the catalog queries. Each takes the excluded schema names as
// $1 and may branch on the server version with text/template
// ({{if ge .Version 150000}}), so one file serves PostgreSQL 12 to 17.
//
//go:embed queries/*.sql
var queryFS embed.FS

// queryData is what the query templates see.
type queryData struct {
	// Version is the server's server_version_num, such as 150004.
	Version int
}

// rendered caches the text of each query per server version (a
// renderKey), rendered once per process however many databases are
// inspected.
var rendered sync.Map

type renderKey struct {
	name    string
	version int
}

// loadQuery renders the named query for a server version.
func loadQuery(name string, version int) (string, error) {
	k := renderKey{name, version}
	if s, ok := rendered.Load(k); ok {
		return s.(string), nil
	}
	s, err := renderQuery(name, version)
	if err != nil {
		return "", err
	}
	rendered.Store(k, s)
	return s, nil
}

// renderQuery reads and renders the named query for a server version.
func renderQuery(name string, version int) (string, error) {
	text, err := queryFS.ReadFile("queries/" + name + ".sql")
	if err != nil {
		return "", fmt.Errorf("reading query %s: %w", name, err)
	}
	tmpl, err := template.New(name).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return "", fmt.Errorf("parsing query %s: %w", name, err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, queryData{Version: version}); err != nil {
		return "", fmt.Errorf("rendering query %s: %w", name, err)
	}
	return buf.String(), nil
}
