package review

import "github.com/dbcd/dbcd/internal/diag"

type templateEntry struct {
	id      string
	level   diag.Severity
	options map[string]any
}

const (
	e = diag.Error
	w = diag.Warning
)

// bytebaseTemplates are Bytebase's shipped SQL review templates for
// PostgreSQL (RULES.md §4.1: Prod and Dev columns; §4.2: the sample policy),
// keyed by Bytebase's legacy ids, which the catalog accepts as aliases.
// Rules needing a live database are included; they are skipped with a note
// when review has none. A zero level leaves the rule out of that template.
var bytebaseTemplates = []struct {
	id        string
	prod, dev diag.Severity
	options   map[string]any
}{
	{"table.require-pk", e, e, nil},
	{"table.no-foreign-key", e, w, nil},
	{"table.drop-naming-convention", e, e, map[string]any{"format": "_del$"}},
	{"table.comment", e, 0, map[string]any{"required": true, "maxLength": 64}},
	{"table.disallow-partition", e, e, nil},
	{"statement.select.no-select-all", e, w, nil},
	{"statement.where.require.select", e, w, nil},
	{"statement.where.require.update-delete", e, w, nil},
	{"statement.where.no-leading-wildcard-like", e, w, nil},
	{"statement.disallow-on-del-cascade", e, e, nil},
	{"statement.disallow-rm-tbl-cascade", e, e, nil},
	{"STATEMENT_DISALLOW_TRUNCATE", e, w, nil},
	{"statement.disallow-commit", e, w, nil},
	{"statement.merge-alter-table", e, w, nil},
	{"statement.insert.row-limit", w, w, map[string]any{"number": 1000}},
	{"statement.insert.must-specify-column", e, w, nil},
	{"statement.insert.disallow-order-by-rand", e, w, nil},
	{"statement.affected-row-limit", w, w, map[string]any{"number": 1000}},
	{"statement.dml-dry-run", e, e, nil},
	{"statement.disallow-add-column-with-default", w, w, nil},
	{"statement.add-check-not-valid", w, w, nil},
	{"statement.add-foreign-key-not-valid", w, 0, nil},
	{"statement.disallow-add-not-null", w, w, nil},
	{"statement.create-specify-schema", w, w, nil},
	{"statement.check-set-role-variable", w, w, nil},
	{"statement.where.disallow-functions-and-calculations", w, 0, nil},
	{"statement.non-transactional", w, 0, nil},
	{"statement.object-owner-check", e, w, nil},
	{"naming.fully-qualified", w, w, nil},
	{"naming.table", w, w, map[string]any{"format": "^[a-z]+(_[a-z]+)*$", "maxLength": 63}},
	{"naming.column", w, w, map[string]any{"format": "^[a-z]+(_[a-z]+)*$", "maxLength": 63}},
	{"naming.index.pk", w, w, map[string]any{"format": "^$|^pk_{{table}}_{{column_list}}$", "maxLength": 63}},
	{"naming.index.uk", w, w, map[string]any{"format": "^$|^uk_{{table}}_{{column_list}}$", "maxLength": 63}},
	{"naming.index.idx", w, w, map[string]any{"format": "^$|^idx_{{table}}_{{column_list}}$", "maxLength": 63}},
	{"naming.index.fk", w, w, map[string]any{"format": "^$|^fk_{{referencing_table}}_{{referencing_column}}_{{referenced_table}}_{{referenced_column}}$", "maxLength": 63}},
	{"column.required", w, w, map[string]any{"list": []any{"id", "created_ts", "updated_ts", "creator_id", "updater_id"}}},
	{"column.no-null", w, w, nil},
	{"column.disallow-change-type", e, e, nil},
	{"column.comment", e, 0, map[string]any{"required": true, "maxLength": 64}},
	{"column.type-disallow-list", e, w, map[string]any{"list": []any{"json"}}},
	{"column.maximum-character-length", w, w, map[string]any{"number": 20}},
	{"column.require-default", w, w, nil},
	{"column.default-disallow-volatile", w, w, nil},
	{"schema.backward-compatibility", w, w, nil},
	{"index.no-duplicate-column", e, e, nil},
	{"index.key-number-limit", w, w, map[string]any{"number": 5}},
	{"index.total-number-limit", w, w, map[string]any{"number": 5}},
	{"index.primary-key-type-allowlist", e, e, map[string]any{"list": []any{"serial", "bigserial", "integer", "bigint"}}},
	{"index.create-concurrently", w, w, nil},
	{"system.charset.allowlist", e, w, map[string]any{"list": []any{"UTF8"}}},
	{"system.comment.length", w, w, map[string]any{"number": 64}},
}

func bytebaseTemplate(name string) []templateEntry {
	if name == "bytebase-sample" {
		return []templateEntry{
			{id: "column.no-null", level: w},
			{id: "table.drop-naming-convention", level: e, options: map[string]any{"format": "_del$"}},
		}
	}
	var out []templateEntry
	for _, t := range bytebaseTemplates {
		lvl := t.prod
		if name == "bytebase-dev" {
			lvl = t.dev
		}
		if lvl != 0 {
			out = append(out, templateEntry{id: t.id, level: lvl, options: t.options})
		}
	}
	return out
}
