package pgschema

import (
	"fmt"
	"strings"
)

// valuelessAttrs are attributes whose values are too long for a one-line
// summary; the unified diff shows them.
var valuelessAttrs = map[string]bool{
	"definition": true, "body": true, "grants": true, "owned sequences": true, "comment": true,
	"constraints": true, "arguments": true, "using": true, "with check": true,
}

// Summary describes the change in one line, such as
//
//	public.employee.city: column added (text NOT NULL DEFAULT '')
//	public.employee.name: type changed from text to character varying(50)
//	index public.employee.idx_emp_name: definition changed
func (c Change) Summary() string {
	prefix := c.Kind + " " + c.Name + ": "
	if c.Kind == "column" {
		prefix = c.Name + ": "
	}
	switch c.Op {
	case OpAdded, OpRemoved:
		if c.Kind == "column" {
			def := c.ToSQL
			if c.Op == OpRemoved {
				def = c.FromSQL
			}
			if col, ok := strings.CutPrefix(c.Name, c.Table+"."); ok && c.Table != "" {
				def = strings.TrimPrefix(def, col+" ")
			}
			return prefix + "column " + c.Op + " (" + def + ")"
		}
		return prefix + c.Op
	}
	parts := make([]string, len(c.Attrs))
	for i, a := range c.Attrs {
		parts[i] = a.String()
	}
	if len(parts) == 0 {
		return prefix + "changed"
	}
	return prefix + strings.Join(parts, "; ")
}

// String describes one attribute change: "type changed from text to
// character varying(50)", or "body changed" when the values are long.
func (a AttrChange) String() string {
	if valuelessAttrs[a.Attr] || !short(a.From) || !short(a.To) {
		return a.Attr + " changed"
	}
	return a.Attr + " changed from " + orNone(a.From) + " to " + orNone(a.To)
}

func short(s string) bool { return len(s) <= 80 && !strings.Contains(s, "\n") }

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// UnifiedDiff returns a unified diff, with three lines of context, of the
// object's DDL from one side to the other; empty when they are equal.
func (c Change) UnifiedDiff() string {
	a, b := splitLines(c.FromSQL), splitLines(c.ToSQL)
	edits := lineDiff(a, b)
	const context = 3
	var out strings.Builder
	for i := 0; i < len(edits); {
		if edits[i].op == ' ' {
			i++
			continue
		}
		// A hunk runs from context lines before this change to context
		// lines after the last change closer than 2*context to the next.
		start := max(i-context, 0)
		end := i
		for j := i; j < len(edits); j++ {
			if edits[j].op != ' ' {
				end = j
			} else if j-end > 2*context {
				break
			}
		}
		stop := min(end+context+1, len(edits))
		if out.Len() == 0 {
			out.WriteString("--- " + c.Name + " (from)\n+++ " + c.Name + " (to)\n")
		}
		aStart, bStart := edits[start].a, edits[start].b
		var aLen, bLen int
		for _, e := range edits[start:stop] {
			if e.op != '+' {
				aLen++
			}
			if e.op != '-' {
				bLen++
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
		for _, e := range edits[start:stop] {
			out.WriteByte(e.op)
			out.WriteString(e.text + "\n")
		}
		i = stop
	}
	return out.String()
}

// hunkRange writes a hunk header range; start is 0-based.
func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// edit is one line of a line diff: op is ' ', '-' or '+', and a and b are
// the 0-based positions in each side at which it stands.
type edit struct {
	op   byte
	text string
	a, b int
}

// maxDiffCells bounds the LCS table; past it the differing middle is shown
// as removed then added.
const maxDiffCells = 4 << 20

// lineDiff returns a shortest line edit script from a to b, from the
// longest common subsequence of the lines between their common prefix and
// suffix. Ties prefer removals before additions.
func lineDiff(a, b []string) []edit {
	var out []edit
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		out = append(out, edit{' ', a[p], p, p})
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	n, m := len(ma), len(mb)
	if n*m > maxDiffCells {
		for i, l := range ma {
			out = append(out, edit{'-', l, p + i, p})
		}
		for j, l := range mb {
			out = append(out, edit{'+', l, p + n, p + j})
		}
	} else {
		// lcs[i][j] is the LCS length of ma[i:] and mb[j:].
		lcs := make([][]int32, n+1)
		for i := range lcs {
			lcs[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && ma[i] == mb[j]:
				out = append(out, edit{' ', ma[i], p + i, p + j})
				i++
				j++
			case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
				out = append(out, edit{'-', ma[i], p + i, p + j})
				i++
			default:
				out = append(out, edit{'+', mb[j], p + i, p + j})
				j++
			}
		}
	}
	for k := s; k > 0; k-- {
		out = append(out, edit{' ', a[len(a)-k], len(a) - k, len(b) - k})
	}
	return out
}
