// Package pgtest gives tests a real PostgreSQL server and a fresh, empty
// database per test.
//
// A package that uses it declares
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// and each test asks for its own database:
//
//	db := pgtest.New(t)
//	db.Exec(t, `CREATE TABLE employee (id int PRIMARY KEY)`)
//	n := pgtest.QueryValue[int64](t, db, `SELECT count(*) FROM employee`)
//	conn := db.Conn(t) // a *pgx.Conn of its own, closed when the test ends
//	url := db.URL()    // password auth over TCP, for the code under test
//
// The database is created from template0 with a name derived from the test
// name and dropped WITH (FORCE) when the test ends.
//
// # Where the server comes from
//
// When DBCD_TEST_DATABASE_URL is set (for example
// postgres://postgres:secret@localhost:5432/postgres), databases are created
// and dropped through that server, whose user needs CREATEDB.
//
// Otherwise the first test that needs a server starts a private throwaway
// cluster for the whole test binary: initdb into a temporary directory, then
// the postgres binary as a child process listening on a Unix socket in that
// directory and on a free port of 127.0.0.1. The binaries are looked up in
// DBCD_PG_BIN, on PATH and under /usr/lib/postgresql/*/bin (highest version).
// The cluster trades durability for speed (fsync, synchronous_commit and
// full_page_writes off). When the tests run as root, initdb and postgres run
// as the unprivileged user "postgres" (or "nobody"), since PostgreSQL refuses
// to run as root; DBCD_PGTEST_USER names another user.
//
// The superuser "postgres" connects through the Unix socket without a
// password ([Cluster.AdminURL]). Tests connect as the role "dbcd_test" with a
// random password over TCP with SCRAM authentication ([DB.URL]), so tests
// can check that a password never shows up in output ([Cluster.Password]).
// The role owns the test databases and has CREATEDB and CREATEROLE, but it is
// not a superuser.
//
// # A server of one's own
//
// A test that must restart or stop the server starts a cluster of its own
// with [NewPrivate], never touching the shared one other tests run on at
// the same time; [Private.Restart] restarts it on the same port.
//
// # Shutdown
//
// [Main] stops the cluster (immediate shutdown) and removes its directory
// after the tests. The postgres process is also started with a parent-death
// signal, so it shuts down when the test binary dies for any reason,
// including SIGKILL, a panic or a go test timeout; the directory left behind
// in that case is removed by the next test binary that starts a cluster.
//
// # When there is no server
//
// When no server can be found or started, tests that need one are skipped
// with the reason, except when CI=true or DBCD_REQUIRE_POSTGRES=1: then they
// fail. Starting a cluster gives up after 30 seconds with the tail of the
// server log.
package pgtest
