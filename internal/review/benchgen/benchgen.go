// Package benchgen writes the synthetic migration histories that the review
// benchmarks time: files of about ten statements each, every file building
// on the tables of the earlier ones, as a real history does.
package benchgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Files returns n migration files of about ten statements each.
func Files(n int) [][]byte {
	files := make([][]byte, n)
	for i := range files {
		var b strings.Builder
		fmt.Fprintf(&b, "CREATE TABLE t%d (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL DEFAULT '', created_at timestamptz NOT NULL DEFAULT now());\n", i)
		fmt.Fprintf(&b, "CREATE INDEX t%d_name_idx ON t%d (name);\n", i, i)
		fmt.Fprintf(&b, "COMMENT ON TABLE t%d IS 'table %d';\n", i, i)
		if i > 0 {
			fmt.Fprintf(&b, "ALTER TABLE t%d ADD COLUMN note text;\n", i-1)
			fmt.Fprintf(&b, "ALTER TABLE t%d ADD COLUMN ref bigint REFERENCES t%d (id);\n", i, i-1)
			fmt.Fprintf(&b, "CREATE INDEX CONCURRENTLY t%d_ref_idx ON t%d (ref);\n", i-1, i-1)
			fmt.Fprintf(&b, "UPDATE t%d SET note = 'x' WHERE id < 100;\n", i-1)
		}
		fmt.Fprintf(&b, "INSERT INTO t%d (name) VALUES ('a'), ('b');\n", i)
		fmt.Fprintf(&b, "ALTER TABLE t%d ALTER COLUMN name SET DEFAULT 'n';\n", i)
		fmt.Fprintf(&b, "CREATE VIEW v%d AS SELECT id, name FROM t%d;\n", i, i)
		files[i] = []byte(b.String())
	}
	return files
}

// Config is the dbcd.yaml of a repository written by WriteRepo: one stage,
// one database "app", files under migrations/prod.
const Config = `migrations:
  dir: migrations
  template: "{{ENV_ID}}/{{DB_NAME}}##{{VERSION}}##{{TYPE}}##{{DESCRIPTION}}.sql"
stages:
  - name: prod
    targets:
      - { db: app, url: "postgres://u:p@localhost/app" }
`

// MigrationsDir is where WriteRepo puts the files, relative to the
// repository root.
const MigrationsDir = "migrations/prod"

// WriteRepo writes a dbcd repository with the n files of Files under dir:
// `dbcd review --policy all` run there reviews them all.
func WriteRepo(dir string, n int) error {
	mig := filepath.Join(dir, filepath.FromSlash(MigrationsDir))
	if err := os.MkdirAll(mig, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "dbcd.yaml"), []byte(Config), 0o644); err != nil {
		return err
	}
	for i, f := range Files(n) {
		name := fmt.Sprintf("app##%06d##ddl##f%d.sql", i+1, i)
		if err := os.WriteFile(filepath.Join(mig, name), f, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// SchemaFile returns one migration creating a schema of n tables, each with
// a serial primary key, defaults, a foreign key to the previous table, a
// CHECK, an enum column, two indexes, an added column and a comment: about
// five statements per table, as in a LATEST schema file or a squashed
// history.
func SchemaFile(n int) []byte {
	var b strings.Builder
	b.WriteString("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n")
	for i := range n {
		fmt.Fprintf(&b, `CREATE TABLE public.t%05d (
    id bigserial PRIMARY KEY,
    name text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    parent_id bigint REFERENCES t%05d (id),
    amount numeric(10,2) CHECK (amount >= 0),
    status mood
);
CREATE INDEX ON t%05d (parent_id);
CREATE UNIQUE INDEX t%05d_name ON t%05d (lower(name)) WHERE status <> 'sad';
ALTER TABLE t%05d ADD COLUMN note varchar(200);
COMMENT ON TABLE t%05d IS 'table %d';
`, i, max(i-1, 0), i, i, i, i, i, i)
	}
	return []byte(b.String())
}
