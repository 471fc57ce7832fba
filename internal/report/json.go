package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"

	"github.com/dbcd/dbcd/internal/diag"
)

// JSONVersion is the version of the JSON findings document; it changes only
// when a field is removed or changes meaning. The document is described by
// schema/findings.schema.json.
const JSONVersion = 1

// jsonFinding and jsonFindings are the document's shape, as encoding/json
// would write them (json_test.go checks that JSON writes the same bytes).
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

// JSON renders findings as one stable JSON document: jsonFindings, indented
// by two spaces, without HTML escaping. A large review has tens of
// thousands of findings, which encoding/json took longer to write than the
// review took to parse its files: the document is put together field by
// field instead, the findings in segments rendered in parallel (see Text).
func JSON(w io.Writer, r Findings) error {
	fs := sortedFindings(r.Findings)
	e := jsonWriter{w: newChunked(w)}
	e.raw("{\n  \"version\": ")
	e.int(JSONVersion)
	e.raw(",\n  \"files\": ")
	if len(r.Files) == 0 {
		e.raw("[]")
	} else {
		e.raw("[\n")
		for i, f := range r.Files {
			e.raw("    ")
			e.str(f)
			e.next(i, len(r.Files))
			if e.w.boundary(); e.w.err != nil {
				return e.w.err
			}
		}
		e.raw("  ]")
	}
	e.raw(",\n  \"findings\": ")
	if len(fs) == 0 {
		e.raw("[]")
	} else {
		e.raw("[\n")
		if err := e.w.flush(); err != nil {
			return err
		}
		err := writeSegments(w, segments(fs), true, func(b *chunked, from, to int) {
			seg := jsonWriter{w: b}
			for i := from; i < to; i++ {
				seg.finding(&fs[i])
				seg.next(i, len(fs))
			}
		})
		if err != nil {
			return err
		}
		e.raw("  ]")
	}
	e.raw(",\n  \"summary\": ")
	sum, err := json.MarshalIndent(r.Summary(), "  ", "  ")
	if err != nil {
		return err
	}
	e.w.Write(sum)
	e.raw("\n}\n")
	return e.w.flush()
}

// jsonWriter puts a JSON document together.
type jsonWriter struct {
	w   *chunked
	num [24]byte
	// slow encodes the strings the fast path of str does not handle.
	slow    bytes.Buffer
	slowEnc *json.Encoder
}

func (e *jsonWriter) raw(s string) { e.w.WriteString(s) }

func (e *jsonWriter) int(n int) { e.w.Write(strconv.AppendInt(e.num[:0], int64(n), 10)) }

// next ends element i of n in an indented array.
func (e *jsonWriter) next(i, n int) {
	if i < n-1 {
		e.raw(",\n")
	} else {
		e.raw("\n")
	}
}

// finding writes one jsonFinding, omitting its empty optional fields.
func (e *jsonWriter) finding(f *diag.Finding) {
	e.raw("    {\n")
	if f.File != "" {
		e.raw("      \"file\": ")
		e.str(f.File)
		e.raw(",\n")
	}
	if f.Line != 0 {
		e.raw("      \"line\": ")
		e.int(f.Line)
		e.raw(",\n")
	}
	if f.Column != 0 {
		e.raw("      \"column\": ")
		e.int(f.Column)
		e.raw(",\n")
	}
	e.raw("      \"rule\": ")
	e.str(f.Rule)
	e.raw(",\n      \"level\": ")
	e.str(f.Severity.String())
	if f.Category != "" {
		e.raw(",\n      \"category\": ")
		e.str(f.Category)
	}
	e.raw(",\n      \"message\": ")
	e.str(f.Message)
	if f.Help != "" {
		e.raw(",\n      \"help\": ")
		e.str(f.Help)
	}
	e.raw("\n    }")
}

// str writes s as a JSON string, as encoding/json does without HTML
// escaping. Printable ASCII, the usual case, is written here; other text
// (control characters, UTF-8, which encoding/json checks for invalid
// bytes and U+2028/U+2029) goes through encoding/json.
func (e *jsonWriter) str(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 {
			e.encode(s)
			return
		}
	}
	e.w.WriteByte('"')
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '"' && s[i] != '\\' {
			i++
		}
		e.w.WriteString(s[:i])
		if i == len(s) {
			break
		}
		e.w.WriteByte('\\')
		e.w.WriteByte(s[i])
		s = s[i+1:]
	}
	e.w.WriteByte('"')
}

// encode writes s as encoding/json encodes it, without HTML escaping.
func (e *jsonWriter) encode(s string) {
	if e.slowEnc == nil {
		e.slowEnc = json.NewEncoder(&e.slow)
		e.slowEnc.SetEscapeHTML(false)
	}
	e.slow.Reset()
	_ = e.slowEnc.Encode(s) // a string always encodes
	e.w.Write(bytes.TrimSuffix(e.slow.Bytes(), []byte("\n")))
}
