package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/dbcd/dbcd/internal/iostreams"
	"github.com/dbcd/dbcd/internal/pgtest"
)

// withServerShutdown stops the test PostgreSQL server (if a test started
// one) after the tests ran.
type withServerShutdown struct{ m *testing.M }

func (w withServerShutdown) Run() int {
	code := w.m.Run()
	if err := pgtest.Shutdown(); err != nil && code == 0 {
		code = 1
	}
	return code
}

func TestMain(m *testing.M) {
	testscript.Main(withServerShutdown{m}, map[string]func(){
		"dbcd": func() { os.Exit(run(os.Args[1:], iostreams.System(os.Getenv), os.Getenv)) },
	})
}

// TestScripts runs the end-to-end CLI scripts in testdata/script: each drives
// the real dbcd command in-process in a fresh work directory.
//
// Every script gets two fresh databases on the test PostgreSQL server, in
// $DB1_URL and $DB2_URL (with a password, which scripts check never leaks:
// $DB_PASSWORD).
func TestScripts(t *testing.T) {
	cluster := pgtest.Server(t)
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/script",
		RequireExplicitExec: true,
		Cmds:                scriptCmds,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			env.Setenv("DB1_URL", cluster.NewDB(t).URL())
			env.Setenv("DB2_URL", cluster.NewDB(t).URL())
			env.Setenv("DB_PASSWORD", cluster.Password())
			return nil
		},
	})
}
