package pgschema

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// DefaultHistorySchema is the schema of dbcd's own history table, left out
// of every dump.
const DefaultHistorySchema = "dbcd"

// systemSchemas are never dumped. Schemas named pg_toast* and pg_temp_* are
// left out by the queries themselves.
var systemSchemas = []string{"pg_catalog", "information_schema"}

// Options tune Inspect.
type Options struct {
	// ExcludeSchemas are left out with everything in them. Nil means
	// {"dbcd"}, dbcd's history schema; pg_catalog, information_schema,
	// pg_toast and pg_temp schemas are always left out.
	ExcludeSchemas []string
	// IncludeOwners adds ALTER ... OWNER TO to each object's DDL.
	IncludeOwners bool
	// IncludeGrants adds the GRANT and REVOKE statements that make each
	// object's privileges differ from the defaults.
	IncludeGrants bool
}

// excluded returns the full list of excluded schema names.
func (o Options) excluded() []string {
	list := o.ExcludeSchemas
	if list == nil {
		list = []string{DefaultHistorySchema}
	}
	return append(slices.Clone(systemSchemas), list...)
}

// catalog holds the rows of every query, as read in one snapshot.
type catalog struct {
	version      int
	schemas      []schemaRow
	extensions   []extensionRow
	types        []typeRow
	sequences    []sequenceRow
	tables       []tableRow
	columns      []columnRow
	constraints  []constraintRow
	indexes      []indexRow
	views        []viewRow
	functions    []functionRow
	aggregates   []aggregateRow
	triggers     []triggerRow
	rules        []triggerRow
	policies     []policyRow
	evtTriggers  []eventTriggerRow
	publications []publicationRow
	comments     []commentRow
	grants       []grantRow
	aliases      []aliasRow
	depends      []dependRow
	unsupported  []unsupportedRow
}

// Inspect reads the schema of the database conn is connected to. It runs
// one read-only REPEATABLE READ transaction with a fixed number of queries,
// whatever the number of objects, sent with its BEGIN and COMMIT in one
// batch: one round trip.
func Inspect(ctx context.Context, conn *pgx.Conn, opts Options) (*Schema, error) {
	version, err := serverVersion(ctx, conn)
	if err != nil {
		return nil, err
	}
	cat := &catalog{version: version}
	err = cat.read(ctx, conn, opts)
	if conn.PgConn().TxStatus() != 'I' && !conn.IsClosed() {
		// A failed query left the transaction open.
		_, _ = conn.Exec(context.Background(), "ROLLBACK")
	}
	if err != nil {
		return nil, err
	}
	return build(cat, opts), nil
}

// serverVersion returns the server's server_version_num, worked out from
// the server_version the server reported at start-up (15.4 is 150004), or
// asked for when that is missing or older than PostgreSQL 10.
func serverVersion(ctx context.Context, conn *pgx.Conn) (int, error) {
	major, minor, i := 0, 0, 0
	s := conn.PgConn().ParameterStatus("server_version")
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		major = major*10 + int(s[i]-'0')
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			minor = minor*10 + int(s[i]-'0')
		}
	}
	if major >= 10 && major < 100 {
		return major*10000 + minor, nil
	}
	var vs string
	if err := conn.QueryRow(ctx, "SHOW server_version_num").Scan(&vs); err != nil {
		return 0, fmt.Errorf("reading server version: %w", err)
	}
	version, err := strconv.Atoi(vs)
	if err != nil {
		return 0, fmt.Errorf("reading server version %q: %w", vs, err)
	}
	return version, nil
}

// reader queues a query in a batch and later decodes its rows.
type reader struct {
	name string
	read func(pgx.Rows) error
}

// collectInto returns a reader that decodes rows into *dst by column name.
func collectInto[T any](name string, dst *[]T) reader {
	return reader{name: name, read: func(rows pgx.Rows) error {
		out, err := pgx.CollectRows(rows, pgx.RowToStructByName[T])
		*dst = out
		return err
	}}
}

// read runs every query in one batch, in a read-only REPEATABLE READ
// transaction begun and committed in the same batch. On error the
// transaction may be left open; the caller rolls it back.
func (c *catalog) read(ctx context.Context, conn *pgx.Conn, opts Options) error {
	readers := []reader{
		collectInto("schemas", &c.schemas),
		collectInto("extensions", &c.extensions),
		collectInto("types", &c.types),
		collectInto("sequences", &c.sequences),
		collectInto("tables", &c.tables),
		collectInto("columns", &c.columns),
		collectInto("constraints", &c.constraints),
		collectInto("indexes", &c.indexes),
		collectInto("views", &c.views),
		collectInto("functions", &c.functions),
		collectInto("aggregates", &c.aggregates),
		collectInto("triggers", &c.triggers),
		collectInto("rules", &c.rules),
		collectInto("policies", &c.policies),
		collectInto("event_triggers", &c.evtTriggers),
		collectInto("publications", &c.publications),
		collectInto("comments", &c.comments),
		collectInto("aliases", &c.aliases),
		collectInto("depends", &c.depends),
		collectInto("unsupported", &c.unsupported),
	}
	if opts.IncludeGrants {
		readers = append(readers, collectInto("grants", &c.grants))
	}
	excluded := opts.excluded()
	batch := &pgx.Batch{}
	batch.Queue("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
	// An empty search_path makes the server qualify every name outside
	// pg_catalog in what it deparses, as pg_dump does.
	batch.Queue("SELECT pg_catalog.set_config('search_path', '', true)")
	for _, r := range readers {
		sql, err := loadQuery(r.name, c.version)
		if err != nil {
			return err
		}
		batch.Queue(sql, excluded)
	}
	batch.Queue("COMMIT")
	results := conn.SendBatch(ctx, batch)
	fail := func(what string, err error) error {
		_ = results.Close()
		return fmt.Errorf("%s: %w", what, err)
	}
	if _, err := results.Exec(); err != nil {
		return fail("starting catalog transaction", err)
	}
	if _, err := results.Exec(); err != nil {
		return fail("clearing search_path", err)
	}
	for _, r := range readers {
		rows, err := results.Query()
		if err == nil {
			err = r.read(rows)
		}
		if err != nil {
			return fail("reading catalog ("+r.name+")", err)
		}
	}
	if _, err := results.Exec(); err != nil {
		return fail("ending catalog transaction", err)
	}
	if err := results.Close(); err != nil {
		return fmt.Errorf("reading catalog: %w", err)
	}
	return nil
}
