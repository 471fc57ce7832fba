package bitbucket

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Request limits.
const (
	// maxTries bounds the attempts of one request retried on 429, 5xx or a
	// transport failure.
	maxTries = 3
	// defaultRetryDelay is the first pause between attempts; it doubles.
	defaultRetryDelay = time.Second
	// maxRetryAfter caps how long a Retry-After header can make dbcd wait.
	maxRetryAfter = 30 * time.Second
	// requestTimeout bounds one attempt.
	requestTimeout = 30 * time.Second
	// maxErrorBody is how much of an error response is read.
	maxErrorBody = 64 << 10
)

// Option tunes a client.
type Option func(*options)

type options struct {
	proxyURL   string
	baseURL    string
	retryDelay time.Duration
	logf       func(format string, args ...any)
	userAgent  string
}

// WithProxyURL sends requests through this proxy instead of the pipeline's
// local proxy (tests use it to stand in for localhost:29418).
func WithProxyURL(u string) Option { return func(o *options) { o.proxyURL = u } }

// WithBaseURL sends requests to this API base directly, like
// DBCD_BITBUCKET_API_URL does; it wins over that variable.
func WithBaseURL(u string) Option { return func(o *options) { o.baseURL = u } }

// WithRetryDelay sets the first pause between attempts (default one second);
// it doubles on each retry.
func WithRetryDelay(d time.Duration) Option { return func(o *options) { o.retryDelay = d } }

// WithLogf receives a line for each retried request. Secrets are masked
// before it is called.
func WithLogf(logf func(format string, args ...any)) Option {
	return func(o *options) { o.logf = logf }
}

// WithUserAgent sets the User-Agent header (default "dbcd").
func WithUserAgent(ua string) Option { return func(o *options) { o.userAgent = ua } }

// client is the request machinery shared by the Code Insights client and the
// token API client: JSON in and out, bounded retries, errors naming
// the request, and masking of every secret it knows.
type client struct {
	http       *http.Client
	base       *url.URL
	auth       func(*http.Request) // nil: no credentials are sent
	secrets    []string
	retryDelay time.Duration
	logf       func(format string, args ...any)
	userAgent  string
}

// newClient builds a client for base whose transport picks proxies with
// proxy.
func newClient(base string, proxy func(*http.Request) (*url.URL, error), o options) (*client, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("bitbucket API base %q is not an http(s) URL", redactURL(base))
	}
	if u.User != nil {
		return nil, fmt.Errorf("bitbucket API base %q must not carry credentials", redactURL(base))
	}
	u.RawQuery, u.Fragment = "", ""
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = proxy
	c := &client{
		http:       &http.Client{Transport: tr, Timeout: requestTimeout},
		base:       u,
		retryDelay: o.retryDelay,
		logf:       o.logf,
		userAgent:  o.userAgent,
	}
	if c.retryDelay <= 0 {
		c.retryDelay = defaultRetryDelay
	}
	if c.logf == nil {
		c.logf = func(string, ...any) {}
	}
	if c.userAgent == "" {
		c.userAgent = "dbcd"
	}
	return c, nil
}

// APIError is a non-2xx answer from Bitbucket. It names the request by method
// and URL path (never host, query or credentials) and carries Bitbucket's own
// error message.
type APIError struct {
	Method  string
	Path    string
	Status  int
	Message string
}

// Error formats the error as "METHOD /path: 400 Bad Request: message".
func (e *APIError) Error() string {
	s := fmt.Sprintf("%s %s: %d %s", e.Method, e.Path, e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// do sends one JSON request to path (already escaped, relative to the base)
// and decodes a JSON answer into out when out is not nil. It retries on 429,
// 5xx and transport failures, at most maxTries times in all, so it is only
// for idempotent requests (every Code Insights call is: DELETE, PUT, and the
// annotations POST, which creates or updates by external id).
func (c *client) do(ctx context.Context, method, path string, in, out any) error {
	u, err := c.resolve(path)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	_, err = c.send(ctx, method, u, in, out, retryable)
	return err
}

// resolve returns the URL of path (already escaped, relative to the base).
func (c *client) resolve(path string) (*url.URL, error) {
	u := *c.base
	u.RawPath = c.base.EscapedPath() + path
	p, err := url.PathUnescape(u.RawPath)
	if err != nil {
		return nil, fmt.Errorf("bad path: %w", err)
	}
	u.Path = p
	return &u, nil
}

// send is do for a URL already resolved (its query is sent, never shown in
// errors), retrying the failures retry accepts. It returns the status of the
// last answer, or 0 when there was none. A 202 Accepted means the answer is
// not ready: its body is not decoded, and the caller decides what to do.
func (c *client) send(ctx context.Context, method string, u *url.URL, in, out any, retry func(error) bool) (int, error) {
	var body []byte
	shown := u.EscapedPath()
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return 0, fmt.Errorf("%s %s: encoding request: %w", method, shown, err)
		}
	}
	delay := c.retryDelay
	for try := 1; ; try++ {
		status, retryAfter, err := c.once(ctx, method, u, shown, body, out)
		if err == nil || try == maxTries || !retry(err) || ctx.Err() != nil {
			return status, err
		}
		wait := delay
		if retryAfter > 0 {
			wait = retryAfter
		}
		c.logf("bitbucket: %s; retrying in %s (attempt %d of %d)", c.redact(err.Error()), wait, try+1, maxTries)
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("%s %s: %w", method, shown, ctx.Err())
		case <-time.After(wait):
		}
		delay *= 2
	}
}

// once makes one attempt. It returns the answer's status (0 without one) and
// the wait a 429's Retry-After asks for.
func (c *client) once(ctx context.Context, method string, u *url.URL, shown string, body []byte, out any) (int, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, method, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, 0, fmt.Errorf("%s %s: %s", method, shown, c.redact(err.Error()))
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.auth != nil {
		c.auth(req)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return 0, 0, fmt.Errorf("%s %s: %w", method, shown, ctx.Err())
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // drop the URL: it names the host, and may carry user info
		}
		return 0, 0, &transportError{msg: fmt.Sprintf("%s %s: %s", method, shown, c.redact(err.Error()))}
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 == 2 {
		if out == nil || resp.StatusCode == http.StatusAccepted {
			_, _ = io.Copy(io.Discard, resp.Body)
			return resp.StatusCode, 0, nil
		}
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil && !errors.Is(err, io.EOF) {
			return resp.StatusCode, 0, fmt.Errorf("%s %s: decoding response: %s", method, shown, c.redact(err.Error()))
		}
		return resp.StatusCode, 0, nil
	}
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	apiErr := &APIError{Method: method, Path: shown, Status: resp.StatusCode, Message: c.redact(errorMessage(data))}
	return resp.StatusCode, retryAfter(resp), apiErr
}

// transportError is a request that got no HTTP answer.
type transportError struct{ msg string }

// Error returns the redacted message.
func (e *transportError) Error() string { return e.msg }

// retryable reports whether a failed attempt is worth repeating.
func retryable(err error) bool {
	var te *transportError
	if errors.As(err, &te) {
		return true
	}
	var ae *APIError
	return errors.As(err, &ae) && (ae.Status == http.StatusTooManyRequests || ae.Status >= 500)
}

// retryableRejected reports whether a failed attempt was surely not acted
// upon (429 Too Many Requests), so even a request that is not idempotent,
// like a POST creating a comment, may be repeated.
func retryableRejected(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && ae.Status == http.StatusTooManyRequests
}

// retryAfter reads a 429 or 503's Retry-After seconds, capped.
func retryAfter(resp *http.Response) time.Duration {
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(resp.Header.Get("Retry-After")))
	if err != nil || n <= 0 {
		return 0
	}
	return min(time.Duration(n)*time.Second, maxRetryAfter)
}

// errorMessage extracts Bitbucket's message from an error body: the
// {"type":"error","error":{"message","detail","fields"}} envelope, a
// top-level "message", or else the start of the body as text.
func errorMessage(data []byte) string {
	var env struct {
		Message string `json:"message"`
		Error   struct {
			Message string              `json:"message"`
			Detail  any                 `json:"detail"`
			Fields  map[string][]string `json:"fields"`
		} `json:"error"`
	}
	if json.Unmarshal(data, &env) != nil {
		s := strings.Join(strings.Fields(string(data)), " ")
		return truncate(s, 200)
	}
	msg := env.Error.Message
	if msg == "" {
		msg = env.Message
	}
	if d, ok := env.Error.Detail.(string); ok && d != "" && d != msg {
		msg += " (" + d + ")"
	}
	names := make([]string, 0, len(env.Error.Fields))
	for name := range env.Error.Fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		msg += fmt.Sprintf("; %s: %s", name, strings.Join(env.Error.Fields[name], ", "))
	}
	return strings.TrimPrefix(msg, "; ")
}

// redact masks every secret the client knows in s.
func (c *client) redact(s string) string {
	for _, secret := range c.secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, secretMask)
		}
	}
	return s
}

// redactURL drops the user info from a URL given by the user, for messages.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		if i := strings.LastIndex(raw, "@"); i >= 0 {
			return secretMask + raw[i:]
		}
		return raw
	}
	return u.Redacted()
}

// truncate shortens s to at most n characters, ending with "…" when cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
