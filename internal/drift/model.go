package drift

import (
	"context"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgschema"
)

// expectation says where an expected schema comes from: the schema SQL
// with its SHA-256, and how to turn it into a model when the snapshot
// table has no usable model for it.
type expectation struct {
	conn  *pgx.Conn
	table history.Table
	// scratch is where SQL is loaded, with opts, when there is no usable
	// stored model; loaded, when set, is called each time (tests count).
	scratch Scratch
	opts    pgschema.Options
	loaded  func()
}

// model returns the schema model of the SQL whose SHA-256 is sum. sql is
// that SQL, or "" to read it from the snapshot table. The model stored with
// the snapshot is used when there is a usable one (see stored); otherwise
// the SQL is loaded into a scratch database and inspected.
func (e expectation) model(ctx context.Context, sum, sql string) (*pgschema.Schema, error) {
	if sum != "" {
		m, err := e.stored(ctx, sum)
		if m != nil || err != nil {
			return m, err
		}
		if sql == "" {
			if sql, err = history.Snapshot(ctx, e.conn, e.table, sum); err != nil {
				return nil, err
			}
		}
	}
	if e.loaded != nil {
		e.loaded()
	}
	return e.scratch.Load(ctx, sql, e.opts)
}

// stored returns the model stored with snapshot sum, or nil when there is
// none or it cannot be used: it does not decode (corrupt, or written by a
// dbcd with another dump format or model version), it does not dump to
// the very bytes of the snapshot, or it was read on another PostgreSQL
// major version than the server's (whose deparsed definitions may be
// written differently; loading the SQL on this server reads them as it
// writes them now).
func (e expectation) stored(ctx context.Context, sum string) (*pgschema.Schema, error) {
	data, err := history.SnapshotModel(ctx, e.conn, e.table, sum)
	if err != nil || data == nil {
		return nil, err
	}
	m, err := pgschema.UnmarshalModel(data)
	if err != nil || m.ServerVersion/10000 != serverMajor(e.conn) || m.Hash() != sum {
		return nil, nil
	}
	return m, nil
}

// serverMajor returns the major version of the server conn is connected
// to, as server_version_num/10000 gives it, or -1 when it cannot tell.
func serverMajor(conn *pgx.Conn) int {
	v := conn.PgConn().ParameterStatus("server_version")
	end := strings.IndexFunc(v, func(r rune) bool { return r < '0' || r > '9' })
	if end >= 0 {
		v = v[:end]
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return -1
	}
	return n
}
