package drift

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgschema"
	"github.com/dbcd/dbcd/internal/pgtest"
)

// benchTables is the size of the generated schema the drift check is
// measured on.
const benchTables = 5000

// BenchmarkDriftCheck measures `dbcd drift` on one target with a
// 5,000-table schema (pgtest.GenerateTables, the schema of pgschema's dump
// benchmark), next to the dump alone (what `dbcd dump` does: connect,
// Inspect, Dump). Dump and check alternate in each iteration, their order
// swapped every other time, so that both see the same server load:
//
//   - no-drift: the nightly case. A full Check (connect, read the
//     history, Inspect, Dump, compare with the recorded snapshot); it
//     reports both times and the check's overhead over the dump in
//     percent (target: under 20).
//   - drifted: one column added out of band, so the dumps differ and the
//     model stored with the snapshot is decoded and compared with the
//     live one (no scratch database); it reports both times and the
//     check's overhead over the dump (target: under 20 as well).
//   - compare: pgschema.Compare of two 5,000-table models alone, the
//     structural comparison without any database work.
func BenchmarkDriftCheck(b *testing.B) {
	ctx := context.Background()
	db := pgtest.New(b)
	db.GenerateTables(b, benchTables)
	conn := db.Conn(b)
	table, _ := history.ParseTable("")
	// dump does what `dbcd dump` does.
	dump := func() time.Duration {
		start := time.Now()
		c, err := dbconn.Connect(ctx, db.URL(), dbconn.ConnectOptions{AppName: "dbcd dump", CheckInterval: -1})
		if err != nil {
			b.Fatal(err)
		}
		defer func() { _ = c.Close(ctx) }()
		s, err := pgschema.Inspect(ctx, c, pgschema.Options{ExcludeSchemas: []string{table.Schema}})
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Dump()
		return time.Since(start)
	}
	// The snapshot an apply would have recorded.
	if err := history.Ensure(ctx, conn, table); err != nil {
		b.Fatal(err)
	}
	r := &history.Row{DB: "app", Version: "1", Type: "ddl", Path: "gen.sql", Checksum: "x", Status: history.StatusDone}
	if err := history.InsertFinished(ctx, conn, table, r); err != nil {
		b.Fatal(err)
	}
	live, err := pgschema.Inspect(ctx, conn, pgschema.Options{ExcludeSchemas: []string{table.Schema}})
	if err != nil {
		b.Fatal(err)
	}
	if err := history.LinkSnapshot(ctx, conn, table, r.Key(), mustPut(b, conn, table, live)); err != nil {
		b.Fatal(err)
	}
	o := Options{Name: "t1", URL: db.URL()}
	name := "tables=" + strconv.Itoa(benchTables)

	b.Run(name+"/no-drift", func(b *testing.B) {
		var dumps, checks time.Duration
		for i := 0; b.Loop(); i++ {
			if i%2 == 0 {
				dumps += dump()
			}
			start := time.Now()
			res, err := Check(ctx, o)
			if err != nil || res.Drifted() || res.Baseline != AgainstHistory {
				b.Fatalf("check: %+v, %v", res, err)
			}
			checks += time.Since(start)
			if i%2 == 1 {
				dumps += dump()
			}
		}
		reportCheck(b, dumps, checks)
	})

	b.Run(name+"/compare", func(b *testing.B) {
		other, err := pgschema.Inspect(ctx, conn, pgschema.Options{ExcludeSchemas: []string{table.Schema}})
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for b.Loop() {
			if d := pgschema.Compare(live, other); !d.Empty() {
				b.Fatal("equal schemas differ")
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "compare-ms")
	})

	b.Run(name+"/drifted", func(b *testing.B) {
		db.Exec(b, `ALTER TABLE public.t42 ADD COLUMN city text`)
		var dumps, checks time.Duration
		for i := 0; b.Loop(); i++ {
			if i%2 == 0 {
				dumps += dump()
			}
			start := time.Now()
			res, err := Check(ctx, o)
			if err != nil || len(res.Diff.Changes) != 1 {
				b.Fatalf("check: %+v, %v", res, err)
			}
			checks += time.Since(start)
			if i%2 == 1 {
				dumps += dump()
			}
		}
		reportCheck(b, dumps, checks)
	})
}

// mustPut stores the dump of s as a snapshot, with its model as apply
// stores it, and returns its SHA-256.
func mustPut(b *testing.B, q history.Querier, t history.Table, s *pgschema.Schema) string {
	b.Helper()
	model, err := s.MarshalModel()
	if err != nil {
		b.Fatal(err)
	}
	sum, err := history.PutSnapshot(context.Background(), q, t, string(s.Dump()), model)
	if err != nil {
		b.Fatal(err)
	}
	return sum
}

// reportCheck reports the mean dump and check times and the check's
// overhead over the dump.
func reportCheck(b *testing.B, dumps, checks time.Duration) {
	n := float64(b.N)
	b.ReportMetric(float64(dumps.Microseconds())/1000/n, "dump-ms")
	b.ReportMetric(float64(checks.Microseconds())/1000/n, "check-ms")
	b.ReportMetric(100*(float64(checks)-float64(dumps))/float64(dumps), "overhead-%")
}
