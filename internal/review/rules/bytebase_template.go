package rules

import (
	"regexp"
	"strings"
)

// The naming templates of the index naming rules (bytebase_naming_index.go)
// are regular expressions in which placeholders stand for names. Templates
// that are literal text around the placeholders, as the default ones and
// Bytebase's are, are compared as strings, without filling the template
// and compiling a regular expression for every index of every statement;
// the others are filled and compiled once per review and filled template.

// bbPlaceholders are the names a naming template may mention, in the
// order of bbNamedIndex.value.
var bbPlaceholders = [...]string{
	"{{table}}", "{{column_list}}",
	"{{referencing_table}}", "{{referencing_column}}",
	"{{referenced_table}}", "{{referenced_column}}",
}

// value returns what placeholder k of bbPlaceholders stands for.
func (ni bbNamedIndex) value(k int) string {
	switch k {
	case 0, 2:
		return ni.table.Name
	case 1, 3:
		return strings.Join(ni.columns, "_")
	case 4:
		return ni.refTable.Name
	}
	return strings.Join(ni.refColumns, "_")
}

// bbTemplate is a naming template, split once per review into text and
// placeholders, so that checking a name neither builds a replacer nor
// compiles a regular expression when the template is literal text around
// the placeholders, as the default ones are.
type bbTemplate struct {
	parts []bbPart
	// alts are the template's alternatives when every one of them is
	// literal text (optionally anchored with ^ and $) once filled: a name
	// then matches when it equals, starts with, ends with or contains one
	// of them. nil means the template needs the regular expression.
	alts []bbLiteral
	// compiled holds the filled templates compiled so far, when alts is
	// nil: the template lives as long as the review (review.Pass.Cache),
	// and so do they.
	compiled map[string]*regexp.Regexp
}

// bbPart is literal text or, when placeholder >= 0, a placeholder.
type bbPart struct {
	text        string
	placeholder int
}

// bbLiteral is one literal alternative of a template.
type bbLiteral struct {
	parts      []bbPart // text without the anchors, and placeholders
	start, end bool     // anchored with ^ and $
}

// bbParseTemplate splits a template into text and placeholders, replacing
// as strings.NewReplacer would: leftmost first, without overlaps.
func bbParseTemplate(format string) *bbTemplate {
	t := &bbTemplate{}
	text := 0 // start of the text not yet in parts
	for i := 0; i < len(format); i++ {
		for k, ph := range bbPlaceholders {
			if strings.HasPrefix(format[i:], ph) {
				if text < i {
					t.parts = append(t.parts, bbPart{text: format[text:i], placeholder: -1})
				}
				t.parts = append(t.parts, bbPart{placeholder: k})
				i += len(ph) - 1
				text = i + 1
				break
			}
		}
	}
	if text < len(format) {
		t.parts = append(t.parts, bbPart{text: format[text:], placeholder: -1})
	}
	t.alts = bbLiterals(t.parts)
	return t
}

// bbLiterals splits the parts of a template at the | of its text into
// alternatives, and returns them when each is literal once filled (values
// are quoted): text without metacharacters, with at most a leading ^ and a
// trailing $. It returns nil otherwise.
func bbLiterals(parts []bbPart) []bbLiteral {
	var alts []bbLiteral
	cur := bbLiteral{}
	for _, part := range parts {
		if part.placeholder >= 0 {
			cur.parts = append(cur.parts, part)
			continue
		}
		pieces := strings.Split(part.text, "|")
		for i, piece := range pieces {
			if i > 0 {
				alts = append(alts, cur)
				cur = bbLiteral{}
			}
			if piece != "" {
				cur.parts = append(cur.parts, bbPart{text: piece, placeholder: -1})
			}
		}
	}
	alts = append(alts, cur)
	for i := range alts {
		a := &alts[i]
		if n := len(a.parts); n > 0 && a.parts[0].placeholder < 0 && strings.HasPrefix(a.parts[0].text, "^") {
			a.start = true
			a.parts[0].text = a.parts[0].text[1:]
		}
		if n := len(a.parts); n > 0 && a.parts[n-1].placeholder < 0 && strings.HasSuffix(a.parts[n-1].text, "$") {
			a.end = true
			a.parts[n-1].text = strings.TrimSuffix(a.parts[n-1].text, "$")
		}
		for _, part := range a.parts {
			if part.placeholder < 0 && regexp.QuoteMeta(part.text) != part.text {
				return nil
			}
		}
	}
	return alts
}

// pattern fills the template with the names of ni, quoted for the regular
// expression.
func (t *bbTemplate) pattern(ni bbNamedIndex) string {
	var b strings.Builder
	for _, part := range t.parts {
		if part.placeholder < 0 {
			b.WriteString(part.text)
		} else {
			b.WriteString(regexp.QuoteMeta(ni.value(part.placeholder)))
		}
	}
	return b.String()
}

// match reports whether name matches the template filled with the names
// of ni; err is set when the filled template is not a valid regular
// expression.
func (t *bbTemplate) match(ni bbNamedIndex, name string) (bool, error) {
	if t.alts == nil {
		pattern := t.pattern(ni)
		re, ok := t.compiled[pattern]
		if !ok {
			var err error
			if re, err = regexp.Compile(pattern); err != nil {
				return false, err
			}
			if t.compiled == nil {
				t.compiled = map[string]*regexp.Regexp{}
			}
			t.compiled[pattern] = re
		}
		return re.MatchString(name), nil
	}
	for _, a := range t.alts {
		var b strings.Builder
		for _, part := range a.parts {
			if part.placeholder < 0 {
				b.WriteString(part.text)
			} else {
				b.WriteString(ni.value(part.placeholder))
			}
		}
		lit := b.String()
		var ok bool
		switch {
		case a.start && a.end:
			ok = name == lit
		case a.start:
			ok = strings.HasPrefix(name, lit)
		case a.end:
			ok = strings.HasSuffix(name, lit)
		default:
			ok = strings.Contains(name, lit)
		}
		if ok {
			return true, nil
		}
	}
	return false, nil
}
