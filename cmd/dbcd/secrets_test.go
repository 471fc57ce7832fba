package main

import (
	"net/url"
	"strings"
	"testing"
)

// TestPasswordNeverPrinted runs every command that reads the configuration,
// on valid and broken inputs, in every format, and checks that a target's
// password never appears in stdout, stderr or a written report.
func TestPasswordNeverPrinted(t *testing.T) {
	const pw = "Pa55-w0rd!secret"
	enc := url.QueryEscape(pw)
	urls := map[string]string{
		"url":     "postgres://admin:" + enc + "@db.internal:5432/employee",
		"dsn":     "host=db.internal user=admin password=" + pw + " dbname=employee",
		"quoted":  "host=db.internal user=admin password='" + pw + "' dbname=employee",
		"query":   "postgres://admin@db.internal/employee?password=" + enc,
		"invalid": "postgres://admin:" + pw + "@db internal/employee%zz",
	}
	configs := map[string]string{
		"valid":   baseConfig,
		"broken":  baseConfig + "apply:\n  on_drift: explode\nbogus: 1\n",
		"badtree": baseConfig,
	}
	for uname, u := range urls {
		for cname, cfg := range configs {
			for _, format := range []string{"text", "json"} {
				files := map[string]string{
					"dbcd.yaml":                             cfg,
					"bytebase/prod/employee##1##ddl##a.sql": "CREATE TABLE a (id int);\n",
					"bytebase/test/.keep":                   "",
				}
				if cname == "badtree" {
					files["bytebase/prod/employee##x##ddl##b.sql"] = ""
				}
				dir := writeTree(t, files)
				env := baseEnv("PROD_URL", u, "TEST_URL", u)
				_, out, errOut := runIn(t, dir, env, "config", "check", "--format", format, "--verbose")
				for _, secret := range []string{pw, enc} {
					if strings.Contains(out+errOut, secret) {
						t.Errorf("%s/%s/%s: password printed:\n%s\n%s", uname, cname, format, out, errOut)
					}
				}
			}
		}
	}
}
