package dbconn

import (
	"net/url"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"url", "postgres://app:secret@db.example.com:5432/employee",
			"postgres://app:xxxxx@db.example.com:5432/employee"},
		{"postgresql scheme", "dial postgresql://app:secret@h/db failed",
			"dial postgresql://app:xxxxx@h/db failed"},
		{"upper-case scheme", "POSTGRES://app:secret@h/db", "POSTGRES://app:xxxxx@h/db"},
		{"percent-encoded password", "postgres://app:p%40ss%3Aw%2Frd@h/db?sslmode=require",
			"postgres://app:xxxxx@h/db?sslmode=require"},
		{"raw @ in password", "postgres://app:p@ss@h:5432/db", "postgres://app:xxxxx@h:5432/db"},
		{"raw : in password", "postgres://app:pa:ss:wd@h/db", "postgres://app:xxxxx@h/db"},
		{"raw ? in password", "postgres://app:pa?ss@h/db", "postgres://app:xxxxx@h/db"},
		{"no password", "postgres://app@h:5432/db?sslmode=disable", "postgres://app@h:5432/db?sslmode=disable"},
		{"no user", "postgres://h:5432/db", "postgres://h:5432/db"},
		{"empty password", "postgres://app:@h/db", "postgres://app:@h/db"},
		{"@ in query only", "postgres://h:5432/db?application_name=a@b", "postgres://h:5432/db?application_name=a@b"},
		{"query password", "postgres://app@h/db?password=secret&sslmode=disable",
			"postgres://app@h/db?password=xxxxx&sslmode=disable"},
		{"query sslpassword", "postgres://h/db?sslmode=verify-full&sslpassword=k3y#frag",
			"postgres://h/db?sslmode=verify-full&sslpassword=xxxxx#frag"},
		{"both password forms", "postgres://u:one@h/db?password=two", "postgres://u:xxxxx@h/db?password=xxxxx"},
		{"multi-host", "postgres://u:secret@h1:5432,h2:5433/db", "postgres://u:xxxxx@h1:5432,h2:5433/db"},
		{"socket host in query", "postgres://u:secret@/db?host=/tmp", "postgres://u:xxxxx@/db?host=/tmp"},
		{"quoted url", `cannot connect to "postgres://u:secret@h/db": refused`,
			`cannot connect to "postgres://u:xxxxx@h/db": refused`},
		{"two urls", "from postgres://a:one@h/x to postgres://b:two@h/y",
			"from postgres://a:xxxxx@h/x to postgres://b:xxxxx@h/y"},
		{"https token", "push to https://x-token-auth:tok3n@bitbucket.org/w/r.git refused",
			"push to https://x-token-auth:xxxxx@bitbucket.org/w/r.git refused"},
		{"keyword", "host=db user=app password=secret dbname=employee",
			"host=db user=app password=xxxxx dbname=employee"},
		{"keyword quoted", "host=db password='se cr et' user=app", "host=db password='xxxxx' user=app"},
		{"keyword quoted escape", `password='it\'s secret' user=app`, `password='xxxxx' user=app`},
		{"keyword spaces", "password = secret user=app", "password = xxxxx user=app"},
		{"keyword unterminated quote", "password='secret", "password='xxxxx"},
		{"keyword empty", "password='' user=app", "password='' user=app"},
		{"sslpassword keyword", "sslkey=/k sslpassword=secret", "sslkey=/k sslpassword=xxxxx"},
		{"environment variable", "PGPASSWORD=secret psql", "PGPASSWORD=xxxxx psql"},
		{"query outside url", "GET /x?password=secret&y=1", "GET /x?password=xxxxx&y=1"},
		{"json", `{"user":"app","password": "se\"cret"}`, `{"user":"app","password": "xxxxx"}`},
		{"go struct", "{User:app Password:secret Port:5432}", "{User:app Password:xxxxx Port:5432}"},
		{"url-like quoted value", "password='A://x' user=u", "password='xxxxx' user=u"},
		{"url as value", "password=postgres://u:p@h/db next", "password=xxxxx next"},
		{"prose unchanged", "FATAL: password authentication failed for user \"app\"",
			"FATAL: password authentication failed for user \"app\""},
		{"similar keyword unchanged", "password_encryption=scram-sha-256", "password_encryption=scram-sha-256"},
		{"plain text unchanged", "ftp:// is no url, nor is ://x", "ftp:// is no url, nor is ://x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRedactURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://app:secret@h/db", "postgres://app:xxxxx@h/db"},
		// One connection string: a raw space cannot end it.
		{"postgres://app:se cret@h/db", "postgres://app:xxxxx@h/db"},
		{"postgres://app@h/db", "postgres://app@h/db"},
		{"host=h password=secret", "host=h password=xxxxx"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := RedactURL(tt.in); got != tt.want {
			t.Errorf("RedactURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRedactSecrets(t *testing.T) {
	tests := []struct {
		name, in string
		secrets  []string
		want     string
	}{
		{"raw", "token abc123 rejected", []string{"abc123"}, "token xxxxx rejected"},
		{"percent-encoded", "dial tcp h: user=app p%40ss%2Fw0rd", []string{"p@ss/w0rd"}, "dial tcp h: user=app xxxxx"},
		{"lower-case hex", "p%40ss%2fw0rd", []string{"p@ss/w0rd"}, "xxxxx"},
		{"query-escaped space", "se+cr+et and se%20cr%20et", []string{"se cr et"}, "xxxxx and xxxxx"},
		{"sql-quoted", "ALTER ROLE app PASSWORD 'it''s'", []string{"it's"}, "ALTER ROLE app PASSWORD 'xxxxx'"},
		{"longest first", "abcdef", []string{"abc", "abcdef"}, "xxxxx"},
		{"short secret ignored", "a ab abc", []string{"ab"}, "a ab abc"},
		{"also redacts urls", "postgres://u:other@h/db tok", []string{"tok"}, "postgres://u:xxxxx@h/db xxxxx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := RedactSecrets(tt.in, tt.secrets...); got != tt.want {
				t.Errorf("RedactSecrets(%q, %q) = %q, want %q", tt.in, tt.secrets, got, tt.want)
			}
		})
	}
}

// urlParts keeps fuzzed host and database names from changing the shape of
// the URL they are put into.
var urlParts = strings.NewReplacer("/", "", "?", "", "#", "", "@", "", ":", "",
	" ", "", "\t", "", "\n", "", "\r", "", "\f", "", "\v", "", "'", "", `"`, "", "`", "", "<", "", ">", "")

func FuzzRedactURL(f *testing.F) {
	f.Add("app", "secret", "db.example.com", "employee")
	f.Add("app", "p@ss:w/rd?#", "h", "d")
	f.Add("", "password=x", "h:5432", "db")
	f.Add("a:b", "xxxxx@", "h", "d")
	f.Fuzz(func(t *testing.T, user, password, host, db string) {
		host, db = urlParts.Replace(host), urlParts.Replace(db)
		u := "postgres://" + url.UserPassword(user, password).String() + "@" + host + "/" + db + "?sslmode=disable"
		want := u
		if password != "" {
			want = "postgres://" + url.User(user).String() + ":" + Mask + "@" + host + "/" + db + "?sslmode=disable"
		}
		if got := RedactURL(u); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", u, got, want)
		}
		if got := Redact("connecting to " + u + ": refused"); got != "connecting to "+want+": refused" {
			t.Errorf("Redact(%q) = %q, want the URL %q", u, got, want)
		}
	})
}

func FuzzRedactKeyword(f *testing.F) {
	f.Add("secret")
	f.Add(`it's \ secret`)
	f.Add("a b c")
	f.Fuzz(func(t *testing.T, password string) {
		if password == "" {
			return
		}
		quoted := strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(password)
		in := "host=h user=u password='" + quoted + "' dbname=d"
		if got, want := Redact(in), "host=h user=u password='"+Mask+"' dbname=d"; got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
		if strings.ContainsAny(password, " \t\n\r\f\v") || password[0] == '\'' || password[0] == '"' {
			return
		}
		in = "host=h password=" + password + " dbname=d"
		if got, want := Redact(in), "host=h password="+Mask+" dbname=d"; got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	})
}

func FuzzRedact(f *testing.F) {
	f.Add("postgres://u:p@h/db?password=x host=h password='y'")
	f.Add(`{"password": "x"} Password:y ?sslpassword=z&`)
	f.Add("password='")
	f.Fuzz(func(t *testing.T, s string) {
		got := Redact(s)
		if !strings.ContainsAny(s, "=:") && got != s {
			t.Errorf("Redact(%q) = %q changed text without '=' or ':'", s, got)
		}
		_ = RedactURL(s)
		_ = RedactSecrets(s, s)
	})
}

func BenchmarkRedact(b *testing.B) {
	msg := strings.Repeat(`applying employee##202311012500##ddl##add_nickname.sql to `+
		`postgres://app:s3cr3t@db.example.com:5432/employee?sslmode=require: `+
		`ERROR: relation "employee" already exists (SQLSTATE 42P07) host=db password='x y' `, 20)
	b.SetBytes(int64(len(msg)))
	for b.Loop() {
		Redact(msg)
	}
}
