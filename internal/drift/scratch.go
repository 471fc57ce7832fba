package drift

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/sqlparse"
)

// Scratch is where dbcd turns schema SQL (a snapshot or a LATEST file)
// back into a schema model: the SQL is loaded into a throwaway database and
// read with pgschema.Inspect, so that expected and live schemas are
// compared as models, never as text.
type Scratch struct {
	// URL names the server. A scratch database is created there (the role
	// needs CREATEDB) and dropped after.
	URL string
	// Shadow marks URL as a shadow database given for the purpose, never a
	// target: when the role may not create databases, the database of URL
	// itself is used if it is empty, and emptied again after.
	Shadow bool
}

// newScratch returns the Scratch for a target's URL: on its server, or the
// shadow database when one is given.
func newScratch(url, shadow string) Scratch {
	if shadow != "" {
		return Scratch{URL: shadow, Shadow: true}
	}
	return Scratch{URL: url}
}

// errNoCreateDB is returned by createScratch when the role lacks CREATEDB.
var errNoCreateDB = errors.New("the role may not create databases")

// Load loads sql into a throwaway database and returns its schema.
func (s Scratch) Load(ctx context.Context, sql string, opts pgschema.Options) (*pgschema.Schema, error) {
	var out *pgschema.Schema
	err := s.Do(ctx, func(conn *pgx.Conn) error {
		if err := LoadSQL(ctx, conn, sql); err != nil {
			return fmt.Errorf("loading the schema: %w", err)
		}
		var err error
		out, err = pgschema.Inspect(ctx, conn, opts)
		return err
	})
	return out, err
}

// Do calls f with a connection to an empty throwaway database and removes
// what f created afterwards (dropping the database, or emptying the
// shadow database).
func (s Scratch) Do(ctx context.Context, f func(*pgx.Conn) error) error {
	app := "dbcd drift scratch"
	if s.Shadow {
		app = "dbcd drift shadow"
	}
	admin, err := dbconn.Connect(ctx, s.URL, dbconn.ConnectOptions{AppName: app, CheckInterval: -1})
	if err != nil {
		return err
	}
	defer func() { _ = admin.Close(context.Background()) }()
	drop, name, err := createScratch(ctx, admin)
	switch {
	case err == nil:
		defer drop()
		conn, err := dbconn.ConnectDatabase(ctx, s.URL, name, dbconn.ConnectOptions{AppName: app, CheckInterval: -1})
		if err != nil {
			return err
		}
		defer func() { _ = conn.Close(context.Background()) }()
		return f(conn)
	case s.Shadow && errors.Is(err, errNoCreateDB):
		return inPlace(ctx, admin, f)
	case errors.Is(err, errNoCreateDB):
		return fmt.Errorf("creating a scratch database: %w (grant CREATEDB, or give a shadow database with --shadow)", err)
	}
	return err
}

// loadChunk is how many statements LoadSQL sends in one transaction.
const loadChunk = 200

// LoadSQL runs sql, a schema dump or a LATEST file, on conn, in chunks of
// loadChunk statements, each its own transaction: a large schema in one
// transaction takes a lock per object and exhausts the server's lock table
// (max_locks_per_transaction; a 5,000-table dump does on a default
// server). SQL that dbcd cannot split into statements runs in one piece.
func LoadSQL(ctx context.Context, conn *pgx.Conn, sql string) error {
	f, err := sqlparse.Parse("schema", []byte(sql))
	if err != nil || len(f.Statements) <= loadChunk {
		_, err := conn.PgConn().Exec(ctx, sql).ReadAll()
		return err
	}
	for start := 0; start < len(f.Statements); start += loadChunk {
		chunk := f.Statements[start:min(start+loadChunk, len(f.Statements))]
		var b strings.Builder
		for _, st := range chunk {
			b.WriteString(st.Text)
			b.WriteString(";\n")
		}
		if _, err := conn.PgConn().Exec(ctx, b.String()).ReadAll(); err != nil {
			return fmt.Errorf("in the statements from line %d to %d: %w", chunk[0].Line, chunk[len(chunk)-1].EndLine, err)
		}
	}
	return nil
}

// createScratch creates a database with a random name and returns a
// function that drops it.
func createScratch(ctx context.Context, admin *pgx.Conn) (drop func(), name string, err error) {
	var buf [6]byte
	if _, err := rand.Read(buf[:]); err != nil {
		return nil, "", err
	}
	name = "dbcd_scratch_" + hex.EncodeToString(buf[:])
	quoted := pgx.Identifier{name}.Sanitize()
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+quoted+" TEMPLATE template0"); err != nil {
		if pe := dbconn.PgError(err); pe != nil && pe.Code == "42501" {
			return nil, "", fmt.Errorf("%w: %s", errNoCreateDB, pe.Message)
		}
		return nil, "", fmt.Errorf("creating a scratch database: %w", err)
	}
	return func() {
		_, _ = admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+quoted+" WITH (FORCE)")
	}, name, nil
}

// inPlace calls f on the shadow database itself, which must hold nothing
// but the public schema, and empties it again after: it drops the event
// triggers, publications, extensions and schemas f created and every
// object f created in the schemas that were there. A session advisory lock
// keeps two dbcd runs from sharing the database at once.
func inPlace(ctx context.Context, conn *pgx.Conn, f func(*pgx.Conn) error) error {
	key := dbconn.LockKey("dbcd shadow database")
	if _, err := conn.Exec(ctx, "SELECT pg_catalog.pg_advisory_lock($1)", key); err != nil {
		return fmt.Errorf("locking the shadow database: %w", err)
	}
	defer func() { _, _ = conn.Exec(context.Background(), "SELECT pg_catalog.pg_advisory_unlock($1)", key) }()
	s, err := pgschema.Inspect(ctx, conn, pgschema.Options{ExcludeSchemas: []string{}})
	if err != nil {
		return err
	}
	var found []string
	for _, o := range s.Objects() {
		if o.Kind() != "schema" || o.Name() != "public" {
			found = append(found, o.Kind()+" "+o.Name())
		}
	}
	if len(found) > 0 {
		if len(found) > 3 {
			found = append(found[:3], fmt.Sprintf("and %d more", len(found)-3))
		}
		return fmt.Errorf("the shadow database is not empty (%s), and its role may not create a scratch database there", strings.Join(found, ", "))
	}
	var before struct{ schemas, extensions, evtTriggers, publications []string }
	if err := conn.QueryRow(ctx, inventorySQL).Scan(&before.schemas, &before.extensions, &before.evtTriggers, &before.publications); err != nil {
		return fmt.Errorf("reading the shadow database: %w", err)
	}
	ferr := f(conn)
	if err := empty(ctx, conn, before.schemas, before.extensions, before.evtTriggers, before.publications); err != nil {
		return errors.Join(ferr, fmt.Errorf("emptying the shadow database again: %w", err))
	}
	return ferr
}

// inventorySQL lists the database-wide objects of the current database.
const inventorySQL = `SELECT
  ARRAY(SELECT nspname::text FROM pg_catalog.pg_namespace),
  ARRAY(SELECT extname::text FROM pg_catalog.pg_extension),
  ARRAY(SELECT evtname::text FROM pg_catalog.pg_event_trigger),
  ARRAY(SELECT pubname::text FROM pg_catalog.pg_publication)`

// dropInSchemasSQL writes a DROP statement for every object that belongs
// directly to one of the given schemas; objects that belong to another
// (indexes, constraints, owned and identity sequences, extension members)
// go with it.
const dropInSchemasSQL = `SELECT CASE
    WHEN o.type = 'type' AND t.typtype = 'd' THEN 'DROP DOMAIN IF EXISTS '
    WHEN o.type IN ('type', 'composite type') THEN 'DROP TYPE IF EXISTS '
    WHEN o.type = 'statistics object' THEN 'DROP STATISTICS IF EXISTS '
    ELSE 'DROP ' || upper(o.type) || ' IF EXISTS ' END || o.identity || ' CASCADE'
FROM pg_catalog.pg_depend d
CROSS JOIN LATERAL pg_catalog.pg_identify_object(d.classid, d.objid, 0) o
LEFT JOIN pg_catalog.pg_type t ON d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND t.oid = d.objid
JOIN pg_catalog.pg_namespace n ON n.oid = d.refobjid
WHERE d.refclassid = 'pg_catalog.pg_namespace'::pg_catalog.regclass AND d.deptype = 'n'
  AND n.nspname = ANY($1::text[])
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
    WHERE x.classid = d.classid AND x.objid = d.objid AND x.objsubid = 0
      AND NOT (x.refclassid = d.classid AND x.refobjid = d.objid) AND x.deptype IN ('i', 'a', 'e', 'x'))
ORDER BY d.objid DESC`

// empty drops what was created since the inventory before was taken.
func empty(ctx context.Context, conn *pgx.Conn, schemas, extensions, evtTriggers, publications []string) error {
	var now struct{ schemas, extensions, evtTriggers, publications []string }
	if err := conn.QueryRow(ctx, inventorySQL).Scan(&now.schemas, &now.extensions, &now.evtTriggers, &now.publications); err != nil {
		return err
	}
	var stmts []string
	for _, n := range added(now.evtTriggers, evtTriggers) {
		stmts = append(stmts, "DROP EVENT TRIGGER IF EXISTS "+pgx.Identifier{n}.Sanitize())
	}
	for _, n := range added(now.publications, publications) {
		stmts = append(stmts, "DROP PUBLICATION IF EXISTS "+pgx.Identifier{n}.Sanitize())
	}
	for _, n := range added(now.schemas, schemas) {
		if !strings.HasPrefix(n, "pg_temp_") && !strings.HasPrefix(n, "pg_toast_temp_") {
			stmts = append(stmts, "DROP SCHEMA IF EXISTS "+pgx.Identifier{n}.Sanitize()+" CASCADE")
		}
	}
	rows, err := conn.Query(ctx, dropInSchemasSQL, schemas)
	if err != nil {
		return err
	}
	inSchemas, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	stmts = append(stmts, inSchemas...)
	for _, n := range added(now.extensions, extensions) {
		stmts = append(stmts, "DROP EXTENSION IF EXISTS "+pgx.Identifier{n}.Sanitize()+" CASCADE")
	}
	var errs []error
	for _, st := range stmts {
		if _, err := conn.Exec(ctx, st); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", st, err))
		}
	}
	return errors.Join(errs...)
}

// added returns the names in now that are not in before.
func added(now, before []string) []string {
	had := map[string]bool{}
	for _, n := range before {
		had[n] = true
	}
	var out []string
	for _, n := range now {
		if !had[n] {
			out = append(out, n)
		}
	}
	return out
}
