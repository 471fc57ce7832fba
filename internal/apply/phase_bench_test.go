package apply

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/dbconn"
	"github.com/dbcd/dbcd/internal/history"
	"github.com/dbcd/dbcd/internal/pgtest"
)

// phases are the steps runTarget takes on a target, in order.
var phases = []string{"connect", "pooler", "lock", "ensure", "history", "files", "snapshots"}

// BenchmarkTargetPhases measures where the per-target cost of a fan-out
// goes: sub-benchmark upto=P runs runTarget's steps on a fresh target with
// 20 small files up to and including step P, then closes the session. The
// difference between two consecutive sub-benchmarks is one step's cost;
// the last, snapshots, runs the files as runTarget does, with the schema
// snapshots it takes, so that its difference with files is theirs.
// Each reports wall ms/target and, when the server runs on this machine,
// the CPU both sides spent per target (server-cpu-ms: the backends, read
// from the postmaster's reaped-children times; client-cpu-ms: this
// process), which unlike wall time does not depend much on the machine's
// load. Setting DBCD_BENCH_LATENCY (to 2ms, say) reaches the target
// through the latency proxy.
func BenchmarkTargetPhases(b *testing.B) {
	files := smallFiles(b, 20)
	for upto := range phases {
		b.Run("upto="+phases[upto], func(b *testing.B) {
			var proxy *latencyProxy
			if lats := benchLatencies(b); len(lats) > 0 && os.Getenv("DBCD_BENCH_LATENCY") != "" {
				proxy = startLatencyProxy(b, pgtest.Server(b).HostPort(), lats[0])
			}
			post := postmasterOf(b, pgtest.New(b))
			var wall time.Duration
			serverCPU, clientCPU := post.childCPU(), selfCPU()
			n := 0
			for b.Loop() {
				b.StopTimer()
				db := pgtest.New(b)
				o := opts(db, files...)
				if proxy != nil {
					o.Targets[0].URL = proxy.URL(b, o.Targets[0].URL)
				}
				units, err := prepare(o.Files, &o)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				runPhases(b, &o, units, upto)
				wall += time.Since(start)
				n++
			}
			b.StopTimer()
			time.Sleep(200 * time.Millisecond) // let the backends exit and be reaped
			b.ReportMetric(wall.Seconds()*1000/float64(n), "ms/target")
			if post.ok() {
				b.ReportMetric((post.childCPU()-serverCPU).Seconds()*1000/float64(n), "server-cpu-ms")
			}
			b.ReportMetric((selfCPU()-clientCPU).Seconds()*1000/float64(n), "client-cpu-ms")
		})
	}
}

// runPhases runs runTarget's steps up to phases[upto] on o's target.
func runPhases(b *testing.B, o *Options, units []*unit, upto int) {
	ctx := context.Background()
	t := o.Targets[0]
	table, _ := history.ParseTable("")
	conn, err := connect(ctx, o, t)
	must(b, err)
	defer func() { must(b, conn.Close(ctx)) }()
	step := func(i int, f func() error) bool {
		if i > upto {
			return false
		}
		must(b, f())
		return true
	}
	pid := conn.PgConn().PID()
	if !step(1, func() error {
		var err error
		pid, err = checkSession(ctx, conn, o, t)
		return err
	}) {
		return
	}
	key := dbconn.LockKey(table.String())
	if !step(2, func() error {
		release, err := dbconn.AcquireLock(ctx, conn, key, dbconn.LockOptions{Wait: time.Minute})
		if err != nil {
			return err
		}
		_ = release
		_, err = dbconn.HoldsLock(ctx, conn, key)
		return err
	}) {
		return
	}
	var created bool
	if !step(3, func() error {
		var err error
		created, err = history.EnsureTable(ctx, conn, table)
		return err
	}) {
		return
	}
	sess := &session{conn: conn, table: table, target: t, opts: o, pid: pid, emit: func(Event) {},
		checkInterval: checkIntervalSQL(conn), fresh: created}
	if upto == len(phases)-1 {
		// The real thing: history read, plan, files and snapshots.
		var res TargetResult
		if _, err := sess.applyAll(ctx, &res, units); err != nil {
			b.Fatal(err)
		}
		if len(res.Warnings) > 0 {
			b.Fatal(res.Warnings)
		}
		return
	}
	var plan *targetPlan
	if !step(4, func() error {
		var rs []history.Row
		if !created {
			var err error
			if rs, err = history.ExistingRows(ctx, conn, table); err != nil {
				return err
			}
		}
		var err error
		plan, err = planTarget(t, o, units, rs, func() (bool, error) { return isEmpty(ctx, conn, table) })
		return err
	}) {
		return
	}
	step(5, func() error {
		for _, u := range plan.ordered() {
			if fr := sess.run(ctx, u); fr.Err != nil {
				return fr.Err
			}
		}
		return nil
	})
}

func must(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}

// postmaster is the server process of a local test server, whose
// reaped-children CPU times add up what its backends spent.
type postmaster struct{ pid int }

// postmasterOf finds the postmaster of db's server through the parent of
// a backend; the zero postmaster when the server is not on this machine.
func postmasterOf(b *testing.B, db *pgtest.DB) postmaster {
	var pid int
	err := db.Conn(b).QueryRow(context.Background(), "SELECT pg_catalog.pg_backend_pid()").Scan(&pid)
	if err != nil {
		b.Fatal(err)
	}
	f := procStat(pid)
	if len(f) < 4 {
		return postmaster{}
	}
	ppid, _ := strconv.Atoi(f[3])
	return postmaster{pid: ppid}
}

func (p postmaster) ok() bool { return p.pid > 0 && len(procStat(p.pid)) > 16 }

// childCPU returns the user and system time of the reaped children.
func (p postmaster) childCPU() time.Duration {
	f := procStat(p.pid)
	if len(f) <= 16 {
		return 0
	}
	cu, _ := strconv.ParseInt(f[15], 10, 64)
	cs, _ := strconv.ParseInt(f[16], 10, 64)
	return time.Duration(cu+cs) * time.Second / 100 // USER_HZ
}

// settledCPU is childCPU once the backends that just closed have exited
// and been reaped.
func (p postmaster) settledCPU() time.Duration {
	if !p.ok() {
		return 0
	}
	time.Sleep(100 * time.Millisecond)
	return p.childCPU()
}

// procStat returns the fields of /proc/PID/stat, or nil.
func procStat(pid int) []string {
	if pid <= 0 {
		return nil
	}
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return nil
	}
	s := string(raw)
	// The command name in parentheses may hold spaces.
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil
	}
	return append([]string{"pid", "comm"}, strings.Fields(s[i+1:])...)
}

// selfCPU returns this process's user and system time.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
