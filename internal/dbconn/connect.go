package dbconn

import (
	"context"
	"errors"
	"fmt"
	neturl "net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// ConnectError is returned by Connect when no session could be opened. Its
// message never holds the password of the connection string.
type ConnectError struct {
	// URL is the connection string with its password masked.
	URL string
	msg string
	err error
}

// Error returns the redacted message.
func (e *ConnectError) Error() string { return e.msg }

// Unwrap returns the driver's error, so that errors.Is can find context
// errors. Print e itself, not what it wraps: only e's message is redacted.
func (e *ConnectError) Unwrap() error { return e.err }

// ConnectOptions tune the session Connect opens.
type ConnectOptions struct {
	// AppName becomes the session's application_name, which shows in
	// pg_stat_activity (see AppName). PostgreSQL keeps 63 bytes of it.
	AppName string
	// CheckInterval is the session's client_connection_check_interval on
	// PostgreSQL 14 and later: how often the server checks, while a
	// statement runs, that the client is still there. It makes the server
	// end the session, and so release its locks, soon after dbcd is killed
	// while a statement sleeps or waits. Zero means one second; a negative
	// value leaves the server's setting.
	CheckInterval time.Duration
	// Settings are session settings sent at connection start-up; they are
	// the session's defaults, which RESET and RESET ALL return to.
	Settings map[string]string
}

// Connect opens a session on the database at url for running migrations.
// The session uses the extended protocol without prepared statements (so
// that every statement is sent as written and nothing is cached across
// files), carries opts.AppName as its application_name, and has its
// client_connection_check_interval set (see ConnectOptions). Errors are
// *ConnectError values with the password masked.
func Connect(ctx context.Context, url string, opts ConnectOptions) (*pgx.Conn, error) {
	return ConnectDatabase(ctx, url, "", opts)
}

// ConnectDatabase connects like Connect, to another database (dbname) of
// the server that url points at, with the same credentials; an empty dbname
// keeps the URL's.
func ConnectDatabase(ctx context.Context, url, dbname string, opts ConnectOptions) (*pgx.Conn, error) {
	secrets := Passwords(url)
	fail := func(err error) error {
		return &ConnectError{
			URL: RedactURL(url),
			msg: "connecting to " + RedactURL(url) + ": " + RedactSecrets(err.Error(), secrets...),
			err: err,
		}
	}
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fail(errors.New(RedactSecrets(err.Error(), secrets...)))
	}
	if dbname != "" {
		cfg.Database = dbname
	}
	cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
	if opts.AppName != "" {
		cfg.RuntimeParams["application_name"] = truncateName(opts.AppName)
	}
	for k, v := range opts.Settings {
		cfg.RuntimeParams[k] = v
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, fail(err)
	}
	if err := SetCheckInterval(ctx, conn, opts.CheckInterval); err != nil {
		_ = conn.Close(context.Background())
		return nil, fail(err)
	}
	return conn, nil
}

// SetCheckInterval sets the session's client_connection_check_interval
// (see ConnectOptions.CheckInterval) when the server has it. RESET ALL
// undoes it, so callers that reset the session call it again.
func SetCheckInterval(ctx context.Context, conn *pgx.Conn, d time.Duration) error {
	if d < 0 || ServerVersion(conn) < 140000 {
		return nil
	}
	_, err := conn.Exec(ctx, CheckIntervalSQL(d))
	if err != nil {
		return fmt.Errorf("setting client_connection_check_interval: %w", err)
	}
	return nil
}

// CheckIntervalSQL returns the SET statement SetCheckInterval runs, for
// callers that send it in a batch. Zero means one second.
func CheckIntervalSQL(d time.Duration) string {
	if d == 0 {
		d = time.Second
	}
	return "SET client_connection_check_interval = " + strconv.FormatInt(max(d.Milliseconds(), 1), 10)
}

// ServerVersion returns the server's version as server_version_num would
// (150004 for 15.4), read from the parameters the server reported at
// startup, or 0 when it cannot be read.
func ServerVersion(conn *pgx.Conn) int {
	s := conn.PgConn().ParameterStatus("server_version")
	major, minor := 0, 0
	i := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		major = major*10 + int(s[i]-'0')
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			minor = minor*10 + int(s[i]-'0')
		}
	}
	if major >= 10 {
		return major*10000 + minor
	}
	return major*10000 + minor*100
}

// AppName returns the application_name of a dbcd session, such as
// "dbcd apply #42 prod": the command, the CI build number when there is one,
// and the stage. Other sessions see it in pg_stat_activity, so a waiting
// dbcd can say which build holds a target.
func AppName(command, buildNumber, stage string) string {
	s := "dbcd " + command
	if buildNumber != "" {
		s += " #" + buildNumber
	}
	if stage != "" {
		s += " " + stage
	}
	return truncateName(s)
}

// truncateName cuts s to the 63 bytes PostgreSQL keeps of a name, at a
// character boundary.
func truncateName(s string) string {
	const limit = 63
	if len(s) <= limit {
		return s
	}
	i := limit
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	return s[:i]
}

// URLWithDatabase returns url pointing at another database of the same
// server, with the same credentials and settings; url is a postgres:// URL
// or a keyword/value connection string.
func URLWithDatabase(url, dbname string) (string, error) {
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		u, err := neturl.Parse(url)
		if err != nil {
			return "", errors.New(RedactSecrets(err.Error(), Passwords(url)...))
		}
		u.Path, u.RawPath = "/"+dbname, ""
		return u.String(), nil
	}
	return strings.TrimSpace(url) + " dbname='" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(dbname) + "'", nil
}
