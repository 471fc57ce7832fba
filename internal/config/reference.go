package config

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// KeyDoc documents one key of dbcd.yaml for the configuration reference
// (README.md, generated from Reference by a test).
type KeyDoc struct {
	// Key is the dotted path: list items as "[]", mapping keys the user
	// chooses as "<name>", e.g. stages[].targets[].url, roles.<role>.
	Key  string
	Type string
	// Default is the value used when the key is not set; "" when none.
	Default string
	// Env is the DBCD_* environment variable that overrides the key; "" for
	// keys inside lists and mappings, which no variable reaches.
	Env string
	Doc string
}

// keyDoc is the hand-written part of a KeyDoc: what the key means, and its
// default when that is not a value in defaults (a rule rather than a value).
type keyDoc struct {
	doc, def string
}

// placeholders name the keys of mappings whose keys the user chooses.
var placeholders = map[string]string{
	"review.policies":                "policy",
	"review.policies.<policy>.rules": "rule",
	"roles":                          "role",
	"approval":                       "risk level",
}

// keyDocs explains every key of Config. Reference fails when a key has no
// entry here or an entry names no key, so the two cannot drift apart.
var keyDocs = map[string]keyDoc{
	"migrations.dir":             {doc: "Directory of the migration files, relative to the directory of dbcd.yaml (the repository root)."},
	"migrations.template":        {doc: "Path template of a migration file under `migrations.dir`, with `{{ENV_ID}}` (a stage), `{{DB_NAME}}`, `{{VERSION}}`, `{{TYPE}}` (`ddl`, `migrate`, `dml`, `data`, `baseline`), `{{DESCRIPTION}}` and `*`/`**` wildcards. Without `{{ENV_ID}}` every file goes through all stages in order."},
	"migrations.schema_template": {doc: "Path template of the schema file `dbcd writeback` writes for each database and stage."},
	"migrations.out_of_order":    {doc: "`allow`, `warn` or `error`: what to do with a pending version lower than one already applied."},
	"history.table":              {doc: "Schema-qualified history table on every target; created and upgraded by `dbcd apply`."},
	"stages":                     {doc: "The stages, in rollout order."},
	"stages[].name":              {doc: "Stage name: `{{ENV_ID}}` in paths, `--stage` on the command line."},
	"stages[].after":             {doc: "Stages whose targets must have applied a file before this stage applies it."},
	"stages[].policy":            {def: "`default`", doc: "Review policy of the stage: a policy under `review.policies` or a preset."},
	"stages[].rollout.manual":    {def: "`false`", doc: "Apply only when the step was started by a member of `rollout.roles` (`BITBUCKET_STEP_TRIGGERER_UUID`)."},
	"stages[].rollout.roles":     {doc: "Roles (keys of `roles`) allowed to start a manual rollout."},
	"stages[].rollout.waves":     {def: "one wave of all targets", doc: "Cumulative target counts (`\"1\"`) or percentages (`\"25%\"`); a wave starts when every target of the earlier waves succeeded."},
	"stages[].rollout.parallel":  {def: "`1`", doc: "Most targets of a wave worked on at once."},
	"stages[].targets":           {doc: "The databases of the stage."},
	"stages[].targets[].name":    {def: "the `db` value", doc: "Target name within the stage, for `--target`."},
	"stages[].targets[].db":      {doc: "Logical database the target serves: `{{DB_NAME}}` in file names."},
	"stages[].targets[].url":     {doc: "Connection string, usually `${VAR}` from a secured variable; passwords are never printed."},
	"review.gate":                {doc: "Lowest finding level (`error` or `warning`) that fails review and blocks apply, for policies that set none."},
	"review.policies.<policy>":   {doc: "A named review policy; `default` (extending `recommended`) applies to stages that name none."},
	"review.policies.<policy>.extends": {def: "`recommended`",
		doc: "Preset (`recommended`, `all`, `bytebase-prod`, `bytebase-dev`, `bytebase-sample`) or policy this one starts from."},
	"review.policies.<policy>.gate":         {def: "`review.gate`", doc: "Gate of stages using this policy: `error` or `warning`."},
	"review.policies.<policy>.rules.<rule>": {doc: "A rule id (dbcd or Bytebase spelling) or `category:NAME`, set to `error`, `warning` or `off`, or to a mapping with `level` and the rule's options."},
	"roles.<role>":                          {doc: "Members of a role: Bitbucket `account_id`s or `{uuid}`s."},
	"risk":                                  {doc: "Risk rules; the highest matching level wins. With none, built-in rules apply (drops and TRUNCATE high; UPDATE, DELETE, ALTER TABLE, DROP INDEX moderate)."},
	"risk[].level":                          {doc: "`low`, `moderate` or `high`."},
	"risk[].when":                           {doc: "CEL expression over the variables below; true assigns `level`."},
	"approval.<risk level>":                 {doc: "Ordered approval steps (role names) a file of that risk level needs before apply, checked on the pull request that brought it."},
	"apply.lock_timeout":                    {doc: "`lock_timeout` of every statement: a migration never waits long behind application traffic."},
	"apply.lock_retries":                    {doc: "Retries, with backoff, of a statement that hit `lock_timeout`."},
	"apply.statement_timeout":               {doc: "`statement_timeout` of every statement; `0` is none."},
	"apply.lock_wait":                       {doc: "How long to wait for another `dbcd apply` on the same target before exiting 3."},
	"apply.on_drift":                        {doc: "`block`, `warn` or `ignore`: what apply does on a target whose schema drifted."},
	"writeback.branch":                      {doc: "Branch `dbcd writeback --push` pushes to."},
	"writeback.author":                      {doc: "Author and committer of write-back commits, `Name <email>`."},
	"writeback.message":                     {doc: "Commit message template; keep `[skip ci]` unless pipelines should run on write-back commits."},
	"drift.ignore":                          {doc: "Object patterns drift ignores, e.g. `public.tmp_*`."},
}

// Reference lists every key of dbcd.yaml in the order of the file's
// sections, with its type, default, overriding variable and meaning. It fails
// when a key has no documentation or documentation names no key.
func Reference() ([]KeyDoc, error) {
	env := map[string]string{}
	for _, k := range leafKeys(reflect.TypeOf(Config{}), "") {
		env[strings.ReplaceAll(k, keyDelim, ".")] = "DBCD_" + strings.ToUpper(strings.ReplaceAll(k, keyDelim, "_"))
	}
	var out []KeyDoc
	var errs []string
	seen := map[string]bool{}
	walkKeys(reflect.TypeOf(Config{}), "", func(key string, t reflect.Type) {
		seen[key] = true
		d, ok := keyDocs[key]
		if !ok {
			errs = append(errs, fmt.Sprintf("%s: no documentation in keyDocs", key))
		}
		def := d.def
		if v, ok := defaults[strings.ReplaceAll(key, ".", keyDelim)]; ok {
			if def != "" {
				errs = append(errs, fmt.Sprintf("%s: keyDocs gives a default although defaults has one", key))
			}
			def = fmt.Sprintf("`%v`", v)
		}
		out = append(out, KeyDoc{Key: key, Type: typeName(t), Default: def, Env: env[key], Doc: d.doc})
	})
	for k := range keyDocs {
		if !seen[k] {
			errs = append(errs, fmt.Sprintf("%s: documented but not a key of dbcd.yaml", k))
		}
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return nil, fmt.Errorf("configuration reference:\n%s", strings.Join(errs, "\n"))
	}
	return out, nil
}

// walkKeys calls fn for every key of t in field order: scalars, lists and
// mappings the user writes, but not the sections (structs) that only group
// keys.
func walkKeys(t reflect.Type, path string, fn func(key string, t reflect.Type)) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("mapstructure")
		if tag == "" || tag == "-" {
			continue
		}
		walkValue(f.Type, join(path, tag), fn)
	}
}

func walkValue(t reflect.Type, key string, fn func(key string, t reflect.Type)) {
	switch {
	case t == durationType || t == ruleConfigType:
		fn(key, t)
	case t.Kind() == reflect.Struct:
		walkKeys(t, key, fn)
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
		fn(key, t)
		walkKeys(t.Elem(), key+"[]", fn)
	case t.Kind() == reflect.Map:
		name := placeholders[key]
		if name == "" {
			name = "name"
		}
		mk := key + ".<" + name + ">"
		if t.Elem().Kind() == reflect.Struct && t.Elem() != ruleConfigType {
			fn(mk, t.Elem())
			walkKeys(t.Elem(), mk, fn)
			return
		}
		walkValue(t.Elem(), mk, fn)
	default:
		fn(key, t)
	}
}

// typeName says what a key holds, in the words of the reference.
func typeName(t reflect.Type) string {
	switch t {
	case durationType:
		return "duration"
	case ruleConfigType:
		return "level or mapping"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Int:
		return "integer"
	case reflect.Bool:
		return "boolean"
	case reflect.Struct, reflect.Map:
		return "mapping"
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Struct {
			return "list of mappings"
		}
		return "list of " + typeName(t.Elem()) + "s"
	}
	return t.String()
}
