package pgschema

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// FormatVersion is the version of the dump format. It changes whenever the
// same schema would dump differently, so that a new dbcd is not taken for
// drift.
const FormatVersion = 1

// header is the session setup a dump starts with, as pg_dump's: bodies are
// not checked (functions may come before the tables they use), strings are
// standard and nothing but pg_catalog is on the search_path, matching the
// qualified names of the dump.
const header = `SET check_function_bodies = false;
SET client_min_messages = warning;
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
`

// Dump returns SQL that recreates the schema, objects in dependency order.
// The same schema always gives the same bytes.
func (s *Schema) Dump() []byte {
	var b strings.Builder
	b.WriteString("-- dbcd schema dump format " + strconv.Itoa(FormatVersion) + "\n")
	b.WriteString("-- PostgreSQL " + strconv.Itoa(s.ServerVersion/10000) + "\n")
	for _, u := range s.Unsupported {
		b.WriteString("-- unsupported, not dumped: " + oneLine(u) + "\n")
	}
	b.WriteString("\n" + header)
	size := b.Len()
	for _, d := range s.objects {
		size += len(d.kind) + len(d.name) + 6 + d.sqlLen()
	}
	b.Grow(size - b.Len())
	for _, d := range s.objects {
		b.WriteString("\n-- ")
		b.WriteString(d.kind)
		b.WriteByte(' ')
		b.WriteString(oneLine(d.name))
		b.WriteByte('\n')
		d.writeSQL(&b)
	}
	return []byte(b.String())
}

// Hash returns the hex SHA-256 of the dump.
func (s *Schema) Hash() string {
	sum := sha256.Sum256(s.Dump())
	return hex.EncodeToString(sum[:])
}

// oneLine keeps a name inside its comment line.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r") {
		return s
	}
	return lineBreaks.Replace(s)
}

var lineBreaks = strings.NewReplacer("\n", `\n`, "\r", `\r`)
