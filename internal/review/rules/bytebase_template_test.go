package rules

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dbcd/dbcd/internal/review/model"
)

// expandByReplacer fills a template as the index naming rules did before
// bbTemplate: the reference bbTemplate must agree with.
func expandByReplacer(format string, ni bbNamedIndex) string {
	q := regexp.QuoteMeta
	return strings.NewReplacer(
		"{{table}}", q(ni.table.Name),
		"{{column_list}}", q(strings.Join(ni.columns, "_")),
		"{{referencing_table}}", q(ni.table.Name),
		"{{referencing_column}}", q(strings.Join(ni.columns, "_")),
		"{{referenced_table}}", q(ni.refTable.Name),
		"{{referenced_column}}", q(strings.Join(ni.refColumns, "_")),
	).Replace(format)
}

// TestBBTemplateMatchesRegexp checks that the string comparison of literal
// templates, and the regular expression of the others, decide as the
// filled template compiled as a regular expression does.
func TestBBTemplateMatchesRegexp(t *testing.T) {
	formats := []string{
		"^pk_{{table}}_{{column_list}}$",
		"^idx_{{table}}_{{column_list}}$",
		"^fk_{{referencing_table}}_{{referencing_column}}_{{referenced_table}}_{{referenced_column}}$",
		"^$|^uk_{{table}}_{{column_list}}$",
		"^idx_{{table}}", "{{table}}_idx$", "_{{column_list}}_", "", "^$", "^", "$", "|", "a||b",
		"^{{table}}$|^{{column_list}}$", "{{{table}}}", "{{table}}{{column_list}}",
		"^(idx|ix)_{{table}}$", "^idx_[a-z]+_{{column_list}}$", `^idx\_{{table}}$`, "^a$b{{table}}", "^^{{table}}",
		"^IDX_{{table}}$", "^{{table}}_{{unknown}}$",
	}
	indexes := []bbNamedIndex{
		{table: model.QName{Schema: "public", Name: "orders"}, columns: []string{"id"}},
		{table: model.QName{Name: "order.items"}, columns: []string{"a+b", "c"}, refTable: model.QName{Name: "t(1)"}, refColumns: []string{"id"}},
		{table: model.QName{Name: "ünï"}, columns: []string{"é", "$x"}},
		{table: model.QName{Name: ""}},
	}
	var names []string
	for _, ni := range indexes {
		for _, f := range formats {
			// Names that match or nearly match each template.
			lit := strings.NewReplacer("{{table}}", ni.table.Name, "{{column_list}}", strings.Join(ni.columns, "_"),
				"{{referencing_table}}", ni.table.Name, "{{referencing_column}}", strings.Join(ni.columns, "_"),
				"{{referenced_table}}", ni.refTable.Name, "{{referenced_column}}", strings.Join(ni.refColumns, "_"),
				"^", "", "$", "").Replace(f)
			names = append(names, lit, "x"+lit, lit+"x", strings.ToUpper(lit))
		}
	}
	names = append(names, "", "pk_orders_id", "idx_orders_id", "uk_orders_id", "a", "b", "ab")
	for _, f := range formats {
		tpl := bbParseTemplate(f)
		for _, ni := range indexes {
			pattern := expandByReplacer(f, ni)
			if got := tpl.pattern(ni); got != pattern {
				t.Errorf("%q: pattern %q, want %q", f, got, pattern)
			}
			re, rerr := regexp.Compile(pattern)
			for _, name := range names {
				got, err := tpl.match(ni, name)
				if (err != nil) != (rerr != nil) {
					t.Fatalf("%q on %q: error %v, want %v", f, name, err, rerr)
				}
				if rerr == nil && got != re.MatchString(name) {
					t.Errorf("%q filled for %v matches %q: %v, want %v", f, ni.table, name, got, !got)
				}
			}
		}
	}
	if bbParseTemplate("^pk_{{table}}_{{column_list}}$").alts == nil || bbParseTemplate("^$|^uk_{{table}}_{{column_list}}$").alts == nil {
		t.Error("the default and Bytebase templates should be compared as strings")
	}
}
