package main

import (
	"strings"
	"testing"
)

// TestConfigCheckBrokenConfigs feeds broken configurations to `dbcd config
// check` and checks that each exits 2 naming every problem with its key path
// (and line, where the file has one).
func TestConfigCheckBrokenConfigs(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(baseConfig, old) {
			t.Fatalf("base config lacks %q", old)
		}
		return strings.Replace(baseConfig, old, new, 1)
	}
	tests := []struct {
		name   string
		config string
		env    []string
		want   []string
	}{
		{"yaml syntax", "stages: [\n  - name: x\n", nil, []string{"invalid YAML", "1:1"}},
		{"empty file", "", nil, []string{"the file is empty"}},
		{"not a mapping", "- a\n- b\n", nil, []string{"must be a mapping"}},
		{"unknown top-level key", baseConfig + "stagez: []\n", nil, []string{`19:1`, `unknown key "stagez"`, `did you mean "stages"`}},
		{"unknown nested key", replace(`{ db: employee, url: "${TEST_URL}" }`, `{ db: employee, uri: "${TEST_URL}" }`), nil,
			[]string{`stages[0].targets[0].uri: unknown key "uri"`, `did you mean "url"`, `stages[0].targets[0].url: every target needs url`}},
		{"wrong type list", replace("after: [test]", "after: test"), nil, []string{"8:12", "stages[1].after: expected a list"}},
		{"wrong type bool and int", baseConfig + "apply:\n  lock_retries: three\n  lock_timeout: [1]\n", nil,
			[]string{"apply.lock_retries: expected an integer", "apply.lock_timeout: expected a duration", "2 errors"}},
		{"bad duration", baseConfig + "apply:\n  lock_wait: 10 minutes\n", nil, []string{"20:14", "apply.lock_wait", `invalid duration "10 minutes"`}},
		{"duplicate key", baseConfig + "roles: {}\n", nil, []string{`key "roles" is given twice (first on line 15)`}},
		{"unknown stage in after", replace("after: [test]", "after: [staging]"), nil, []string{"stages[1].after[0]", `unknown stage "staging"`}},
		{"after a later stage", replace("after: [test]", "after: [prod]"), nil, []string{"stages[1].after[0]", "cannot come after itself"}},
		{"duplicate stage", replace("name: prod", "name: test"), nil, []string{"stages[1].name", `stage "test" is defined twice`}},
		{"duplicate target names", replace(`      - { db: employee, url: "${PROD_URL}" }`, "      - { db: employee, url: \"${PROD_URL}\" }\n      - { db: employee, url: \"${PROD_URL}\" }"), nil,
			[]string{"stages[1].targets[1]", `target name "employee" is used twice`}},
		{"unknown role in approval", replace("high: [dba]", "high: [owner, dba]"), nil, []string{"approval.high[0]", `unknown role "owner"`}},
		{"unknown risk level in approval", replace("high: [dba]", "high: [dba]\n  critical: [dba]"), nil, []string{"approval.critical", `unknown risk level "critical"`}},
		{"CEL does not compile", baseConfig + "risk:\n  - { level: high, when: 'environment_id = \"prod\"' }\n  - { level: extreme, when: 'table_rowz > 5' }\n", nil,
			[]string{"risk[0].when", "CEL expression does not compile", "risk[1].level", "risk[1].when", "undeclared reference", "3 errors"}},
		{"unset variable", baseConfig, []string{"PROD_URL", ""}, []string{"11:25", "stages[1].targets[0].url", "environment variable PROD_URL is not set"}},
		{"unknown policy", replace("policy: prod", "policy: strict"), nil, []string{"stages[1].policy", `unknown review policy "strict"`}},
		{"bad rule level", replace("prod: { extends: recommended, gate: warning }", "prod: { extends: recommended, gate: block, rules: { column.no-null: fatal } }"), nil,
			[]string{"review.policies.prod.gate", "review.policies.prod.rules.column.no-null", `level "fatal"`}},
		{"bad role member", replace(`dba: ["{b5b1c2d3-aaaa-bbbb-cccc-ddddeeeeffff}"]`, `dba: ["alice"]`), nil, []string{"roles.dba[0]", "not a Bitbucket account_id"}},
		{"bad template", "migrations:\n  template: \"{{ENV_ID}}/{{DB_NAME}}.sql\"\n" + strings.TrimPrefix(baseConfig, "migrations:\n"), nil, []string{"migrations.template", "VERSION"}},
		{"no stages", "migrations:\n  dir: bytebase\n", nil, []string{"stages: no stages are defined"}},
		{"bad enum values", baseConfig + "migrations_extra: 1\napply:\n  on_drift: explode\n", nil,
			[]string{`unknown key "migrations_extra"`, `apply.on_drift: "explode" must be one of block, warn, ignore`}},
		{"url not postgres", replace(`url: "${TEST_URL}"`, `url: "mysql-server"`), nil, []string{"stages[0].targets[0].url", "not a PostgreSQL connection string"}},
		{"bad history table", baseConfig + "history:\n  table: \"a.b.c\"\n", nil, []string{"history.table", "schema.table"}},
		{"bad waves", replace("policy: prod", "policy: prod\n    rollout: { waves: [\"50%\", \"10%\", \"x\"] }"), nil,
			[]string{"stages[1].rollout.waves[1]", "stages[1].rollout.waves[2]"}},
		{"bad env override", baseConfig, []string{"DBCD_APPLY_LOCK_RETRIES", "lots"}, []string{"apply.lock_retries", "DBCD_APPLY_LOCK_RETRIES"}},
		{"directory escapes", strings.Replace(baseConfig, "dir: bytebase", "dir: ../elsewhere", 1), nil, []string{"migrations.dir", "inside the repository"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{"dbcd.yaml": tt.config, "bytebase/prod/.keep": ""})
			code, out, errOut := runIn(t, dir, baseEnv(tt.env...), "config", "check")
			if code != 2 {
				t.Fatalf("exit %d, want 2\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
			}
			all := out + errOut
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("output lacks %q:\n%s", w, all)
				}
			}
			if !strings.Contains(all, "dbcd.yaml") {
				t.Errorf("output does not name the file:\n%s", all)
			}
			if strings.Contains(all, testPassword) {
				t.Errorf("password leaked:\n%s", all)
			}
			if !strings.HasSuffix(strings.TrimSpace(errOut), "dbcd: exit 2 (bad usage, configuration or input)") {
				t.Errorf("last line does not give the exit code:\n%s", errOut)
			}
		})
	}
}
