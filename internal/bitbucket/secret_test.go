package bitbucket

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestTokenNeverLeaks checks that BITBUCKET_ACCESS_TOKEN appears in no
// request to the proxy, no error and no log line, even when Bitbucket echoes
// it back.
func TestTokenNeverLeaks(t *testing.T) {
	fake := newFake(t)
	echo := `{"type":"error","error":{"message":"bad token ` + testToken + `","detail":"Bearer ` + testToken + `"}}`
	fake.intercept = func(n int, r recorded) (int, string, bool) {
		switch {
		case r.Method == http.MethodPut:
			return 500, echo, true
		case r.Method == http.MethodDelete && n == 1:
			return 502, "proxy says " + testToken, true
		}
		return 0, "", false
	}
	var logs bytes.Buffer
	c := fake.client(testEnv(), WithLogf(func(format string, args ...any) { fmt.Fprintf(&logs, format+"\n", args...) }))
	err := publish(t, c, manyFindings(3, 1))
	if err == nil {
		t.Fatal("publish succeeded against a failing server")
	}
	if !strings.Contains(err.Error(), "bad token ****") {
		t.Errorf("error does not carry the masked API message: %v", err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("error leaks the token: %v", err)
	}
	if logs.Len() == 0 || strings.Contains(logs.String(), testToken) {
		t.Errorf("logs leak the token or are empty:\n%s", logs.String())
	}
	for _, r := range fake.reqs() {
		dump := fmt.Sprintf("%s %s %v %s", r.Method, r.URI, r.Header, r.Body)
		if strings.Contains(dump, testToken) {
			t.Errorf("request carries the token: %s", dump)
		}
	}
}

// TestBearerClientMasksToken drives the shared client as the future token
// client will (Bearer auth): the token goes in the header and nowhere else.
func TestBearerClientMasksToken(t *testing.T) {
	fake := newFake(t)
	fake.intercept = func(int, recorded) (int, string, bool) {
		return 401, `{"type":"error","error":{"message":"token ` + testToken + ` expired"}}`, true
	}
	c, err := newClient(fake.srv.URL+"/2.0", http.ProxyFromEnvironment, options{retryDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv()
	c.secrets = []string{env.AccessToken.Value()}
	c.auth = func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+env.AccessToken.Value()) }
	err = c.do(context.Background(), http.MethodGet, "/user", nil, nil)
	if err == nil || strings.Contains(err.Error(), testToken) || !strings.Contains(err.Error(), "GET /2.0/user: 401 Unauthorized: token **** expired") {
		t.Errorf("error = %v", err)
	}
	if got := fake.reqs()[0].Header.Get("Authorization"); got != "Bearer "+testToken {
		t.Errorf("Authorization = %q", got)
	}
}

func TestSecretIsMasked(t *testing.T) {
	env := testEnv()
	if env.AccessToken.Value() != testToken {
		t.Fatalf("token not read: %q", env.AccessToken.Value())
	}
	var out bytes.Buffer
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		fmt.Fprintf(&out, verb+"\n", env)
		fmt.Fprintf(&out, verb+"\n", env.AccessToken)
	}
	data, err := json.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	out.Write(data)
	slog.New(slog.NewTextHandler(&out, nil)).Info("env", "token", env.AccessToken, "env", env)
	if strings.Contains(out.String(), testToken) {
		t.Errorf("token printed:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "****") {
		t.Errorf("no mask printed:\n%s", out.String())
	}
	if Secret("").String() != "" {
		t.Error("an empty secret should print as empty")
	}
}
