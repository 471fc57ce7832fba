package config

import (
	"fmt"
	"strings"

	"github.com/dbcd/dbcd/internal/source"
)

// checkTemplate validates a migration (or, when migration is false, a schema)
// path template.
func checkTemplate(t string, migration bool) error {
	if t == "" {
		return fmt.Errorf("must not be empty")
	}
	if migration {
		_, err := source.CompileTemplate(t)
		return err
	}
	if !strings.Contains(t, "{{DB_NAME}}") {
		return fmt.Errorf("%q must contain {{DB_NAME}} so each database gets its own file", t)
	}
	for _, v := range templateVars(t) {
		if v != "DB_NAME" && v != "ENV_ID" {
			return fmt.Errorf("unknown variable {{%s}} (use DB_NAME and ENV_ID)", v)
		}
	}
	if strings.HasPrefix(t, "/") || escapes(t) {
		return fmt.Errorf("%q must stay inside migrations.dir", t)
	}
	return nil
}
