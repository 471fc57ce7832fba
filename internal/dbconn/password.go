package dbconn

import (
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Passwords returns the password a connection string carries, in every
// spelling it may be printed in (as written and percent-decoded), so callers
// can mask it wherever it turns up. It works on strings that do not parse.
func Passwords(connString string) []string {
	var out []string
	add := func(s string) {
		if s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	if cfg, err := pgconn.ParseConfig(connString); err == nil && strings.Contains(connString, cfg.Password) {
		add(cfg.Password)
	}
	if i := strings.Index(connString, "://"); i >= 0 {
		rest := connString[i+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if _, pw, ok := strings.Cut(rest[:at], ":"); ok {
				add(pw)
				if dec, err := url.PathUnescape(pw); err == nil {
					add(dec)
				}
			}
		}
		if q := strings.Index(rest, "?"); q >= 0 {
			if vals, err := url.ParseQuery(rest[q+1:]); err == nil {
				add(vals.Get("password"))
				add(url.QueryEscape(vals.Get("password")))
			}
		}
	}
	for _, f := range strings.Fields(connString) {
		if v, ok := strings.CutPrefix(f, "password="); ok {
			add(strings.Trim(v, "'"))
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
