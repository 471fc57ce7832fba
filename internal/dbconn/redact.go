package dbconn

import (
	"net/url"
	"sort"
	"strings"
)

// Mask replaces every password and secret that the Redact functions find.
const Mask = "xxxxx"

// Redact masks the passwords in free text: the password of any URL with
// user information (postgres://user:secret@host/db, also other schemes such
// as https://user:token@host), URL query parameters whose name ends in
// "password" (?password=secret, &sslpassword=secret) and keyword/value
// settings whose keyword ends in "password" (password=secret,
// password='se cr et', PGPASSWORD=secret, "password": "secret"). Everything
// else is left as it was. It errs on the side of masking too much when a
// password would make a URL ambiguous.
func Redact(s string) string {
	if !strings.Contains(s, "://") && !containsPassword(s) {
		return s // nothing to mask: no copy of a large report
	}
	lower := asciiLower(s)
	var b strings.Builder
	// The next setting and the next URL are looked for again only once the
	// text before them is done, which keeps the scan linear.
	keyStart, valStart, valEnd, keyOK := nextKeyword(s, lower, 0)
	urlStart, urlEnd, urlOK := nextURL(s, 0)
	done := 0 // s[:done] is written to b
	for keyOK || urlOK {
		if urlOK && (!keyOK || urlStart < keyStart) {
			// A URL's query parameters are its own business.
			b.WriteString(s[done:urlStart])
			b.WriteString(redactURL(s[urlStart:urlEnd]))
			done = urlEnd
		} else {
			// A value masks whatever it holds, a URL included.
			b.WriteString(s[done:valStart])
			b.WriteString(Mask)
			done = valEnd
		}
		if keyOK && keyStart < done {
			keyStart, valStart, valEnd, keyOK = nextKeyword(s, lower, done)
		}
		if urlOK && urlStart < done {
			urlStart, urlEnd, urlOK = nextURL(s, done)
		}
	}
	b.WriteString(s[done:])
	return b.String()
}

// RedactURL masks the password of one connection string: a URL, whose
// password may then contain any character, or a keyword/value string.
func RedactURL(connString string) string {
	if i := strings.Index(connString, "://"); i > 0 && schemeStart(connString, i) == 0 {
		return redactURL(connString)
	}
	return Redact(connString)
}

// RedactSecrets masks every occurrence of the given secrets in s, also in
// their percent-encoded and SQL-quoted forms, then applies Redact. Secrets
// shorter than 3 bytes are ignored: masking them would garble the text
// without protecting much.
func RedactSecrets(s string, secrets ...string) string {
	var forms []string
	for _, secret := range secrets {
		if len(secret) < 3 {
			continue
		}
		forms = append(forms, secretForms(secret)...)
	}
	// Longest first, so that a secret containing another is masked whole.
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, Mask)
	}
	return Redact(s)
}

// secretForms returns the ways secret may be spelled in a message.
func secretForms(secret string) []string {
	userinfo := strings.TrimPrefix(url.UserPassword("", secret).String(), ":")
	candidates := []string{
		secret,
		url.QueryEscape(secret),
		url.PathEscape(secret),
		userinfo,
		strings.ReplaceAll(secret, "'", "''"),
		strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(secret),
	}
	seen := map[string]bool{}
	var forms []string
	for _, c := range candidates {
		for _, f := range []string{c, lowerHexEscapes(c)} {
			if !seen[f] {
				seen[f] = true
				forms = append(forms, f)
			}
		}
	}
	return forms
}

// lowerHexEscapes spells the percent escapes of s with lower-case hex digits.
func lowerHexEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = lowerASCII(b[i+1]), lowerASCII(b[i+2])
		}
	}
	return string(b)
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// nextURL finds the first URL in s at or after from: from its scheme up to
// the first whitespace, quote or angle bracket.
func nextURL(s string, from int) (start, end int, ok bool) {
	for from < len(s) {
		i := strings.Index(s[from:], "://")
		if i < 0 {
			return 0, 0, false
		}
		i += from
		if start = schemeStart(s, i); start >= from {
			end = i + 3
			for end < len(s) && !endsURL(s[end]) {
				end++
			}
			return start, end, true
		}
		from = i + 3
	}
	return 0, 0, false
}

// schemeStart returns where the scheme that ends at s[i] begins, or -1 when
// no valid scheme precedes "://".
func schemeStart(s string, i int) int {
	j := i
	for j > 0 && isSchemeChar(s[j-1]) {
		j--
	}
	for j < i && !isLetter(s[j]) { // a scheme starts with a letter
		j++
	}
	if j == i {
		return -1
	}
	return j
}

func endsURL(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', '\v', '"', '\'', '`', '<', '>':
		return true
	}
	return false
}

// redactURL masks the password and the password query parameters of one
// URL.
func redactURL(u string) string {
	i := strings.Index(u, "://") + 3
	scheme, rest := u[:i], u[i:]

	// The user information ends at the last '@' before the query. A raw '?'
	// or '#' in a password would end the search early; then the last '@' of
	// the URL is taken, when the text before it looks like user:password.
	q := strings.IndexAny(rest, "?#")
	if q < 0 {
		q = len(rest)
	}
	at := strings.LastIndexByte(rest[:q], '@')
	if at < 0 {
		if a := strings.LastIndexByte(rest, '@'); a >= 0 {
			if c := strings.IndexByte(rest[:a], ':'); c >= 0 && c < q && !strings.Contains(rest[c:q], "/") {
				at = a
			}
		}
	}
	var b strings.Builder
	b.WriteString(scheme)
	if at >= 0 {
		if c := strings.IndexByte(rest[:at], ':'); c >= 0 && c+1 < at {
			b.WriteString(rest[:c+1])
			b.WriteString(Mask)
		} else {
			b.WriteString(rest[:at])
		}
		rest = rest[at:]
	}
	b.WriteString(redactQuery(rest))
	return b.String()
}

// redactQuery masks the values of query parameters named *password in the
// host, path and query part of a URL.
func redactQuery(s string) string {
	q := strings.IndexByte(s, '?')
	if q < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:q+1])
	query, fragment := s[q+1:], ""
	if h := strings.IndexByte(query, '#'); h >= 0 {
		query, fragment = query[:h], query[h:]
	}
	for i, param := range strings.Split(query, "&") {
		if i > 0 {
			b.WriteByte('&')
		}
		key, _, hasValue := strings.Cut(param, "=")
		if name, err := url.QueryUnescape(key); err == nil {
			key = name
		}
		if hasValue && isPasswordKey(key) {
			b.WriteString(param[:strings.IndexByte(param, '=')+1])
			b.WriteString(Mask)
			continue
		}
		b.WriteString(param)
	}
	b.WriteString(fragment)
	return b.String()
}

// isPasswordKey reports whether a setting or parameter name holds a
// password: password, sslpassword, PGPASSWORD and the like.
func isPasswordKey(key string) bool {
	return strings.HasSuffix(strings.ToLower(key), "password")
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isSchemeChar(c byte) bool {
	return isLetter(c) || isDigit(c) || c == '+' || c == '-' || c == '.'
}

func isIdentChar(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' }

// containsPassword reports whether s contains "password" in any ASCII case,
// which every setting that Redact masks does; it does not allocate.
func containsPassword(s string) bool {
	const word = "password"
	for i := 0; i+len(word) <= len(s); i++ {
		j := strings.IndexAny(s[i:len(s)-len(word)+1], "pP")
		if j < 0 {
			return false
		}
		i += j
		if strings.EqualFold(s[i:i+len(word)], word) {
			return true
		}
	}
	return false
}
