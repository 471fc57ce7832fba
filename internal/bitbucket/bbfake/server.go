package bbfake

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Server is a running fake.
type Server struct {
	statePath, logPath string
	srv                *http.Server
	url                string

	mu          sync.Mutex // guards reports and the log file
	reports     map[string]json.RawMessage
	annotations map[string][]json.RawMessage
}

// Start serves the state in statePath on a free port of 127.0.0.1 and logs
// every request to logPath (appending). The state file must exist.
func Start(statePath, logPath string) (*Server, error) {
	if _, err := Load(statePath); err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("bbfake: %w", err)
	}
	s := &Server{
		statePath:   statePath,
		logPath:     logPath,
		url:         "http://" + l.Addr().String() + "/2.0",
		reports:     map[string]json.RawMessage{},
		annotations: map[string][]json.RawMessage{},
	}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.srv.Serve(l) }()
	return s, nil
}

// URL is the API base to give dbcd as DBCD_BITBUCKET_API_URL.
func (s *Server) URL() string { return s.url }

// Close stops the server.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}

// reply is an answer: a status and a JSON value (nil for no body).
type reply struct {
	status int
	body   any
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	auth := s.authKind(r)
	rep := s.route(r, body, auth)
	var out []byte
	if rep.body != nil {
		out, _ = json.Marshal(rep.body)
		w.Header().Set("Content-Type", "application/json")
	}
	s.log(fmt.Sprintf("%s %s auth=%s %d %s", r.Method, r.URL.Path, auth, rep.status, oneLine(body)))
	w.WriteHeader(rep.status)
	_, _ = w.Write(out)
}

// authKind classifies the request's credentials.
func (s *Server) authKind(r *http.Request) string {
	h := r.Header.Get("Authorization")
	switch {
	case h == "":
		return "none"
	case !strings.HasPrefix(h, "Bearer "):
		return "other"
	}
	st, err := s.state()
	if err == nil && st.Token != "" && strings.TrimPrefix(h, "Bearer ") != st.Token {
		return "bad-bearer"
	}
	return "bearer"
}

func (s *Server) state() (*State, error) {
	fileMu.Lock()
	defer fileMu.Unlock()
	return Load(s.statePath)
}

func (s *Server) log(line string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = f.WriteString(line + "\n")
}

// route answers one request.
func (s *Server) route(r *http.Request, body []byte, auth string) reply {
	path := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/2.0/"), "/")
	seg := strings.Split(path, "/")
	switch {
	case path == "user" && r.Method == http.MethodGet:
		return s.tokenOnly(auth, func(st *State) reply { return userReply(st, st.Me) })
	case len(seg) == 2 && seg[0] == "users" && r.Method == http.MethodGet:
		return s.tokenOnly(auth, func(st *State) reply {
			for name, u := range st.Users {
				if u.UUID == seg[1] || u.AccountID == seg[1] {
					return userReply(st, name)
				}
			}
			return notFound("user " + seg[1])
		})
	case len(seg) < 5 || seg[0] != "repositories":
		return notFound(r.URL.Path)
	}
	ws, repo, rest := seg[1], seg[2], seg[3:]
	switch rest[0] {
	case "commit":
		if len(rest) == 3 && rest[2] == "pullrequests" && r.Method == http.MethodGet {
			return s.tokenOnly(auth, func(st *State) reply { return s.commitPullRequests(st, ws, repo, rest[1]) })
		}
		if len(rest) >= 4 && rest[2] == "reports" {
			return s.insights(r.Method, rest[1]+"/"+rest[3], rest[4:], body)
		}
	case "pullrequests":
		return s.tokenOnly(auth, func(st *State) reply { return s.pullRequests(st, r.Method, ws, repo, rest[1:], body) })
	}
	return notFound(r.URL.Path)
}

// tokenOnly runs f on the current state when the request carries the
// state's token (or any Bearer token when the state names none).
func (s *Server) tokenOnly(auth string, f func(*State) reply) reply {
	if auth != "bearer" {
		return reply{http.StatusUnauthorized, apiError("Unauthorized: this endpoint needs an access token")}
	}
	fileMu.Lock()
	defer fileMu.Unlock()
	st, err := Load(s.statePath)
	if err != nil {
		return reply{http.StatusInternalServerError, apiError(err.Error())}
	}
	rep := f(st)
	if err := st.Save(s.statePath); err != nil {
		return reply{http.StatusInternalServerError, apiError(err.Error())}
	}
	return rep
}

// commitPullRequests answers GET .../commit/{sha}/pullrequests.
func (s *Server) commitPullRequests(st *State, ws, repo, sha string) reply {
	if st.CommitLinksMissing {
		return reply{http.StatusNotFound, apiError("The Pull Request Commit Links app is not installed in this workspace")}
	}
	if st.Indexing > 0 {
		st.Indexing--
		return reply{http.StatusAccepted, map[string]any{"message": "indexing in progress"}}
	}
	seen := map[int]bool{}
	var values []any
	for key, ids := range st.Commits {
		if key != "*" && !sameCommit(key, sha) {
			continue
		}
		for _, id := range ids {
			p, ok := st.PullRequests[strconv.Itoa(id)]
			if !ok || seen[id] {
				continue
			}
			seen[id] = true
			values = append(values, prJSON(st, ws, repo, id, p))
		}
	}
	return reply{http.StatusOK, page(values)}
}

// sameCommit reports whether two hashes name the same commit: equal, or one
// a prefix (of at least 7 digits) of the other.
func sameCommit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 7 && strings.HasPrefix(b, a)
}

// pullRequests answers .../pullrequests/{id}[/comments[/{cid}]].
func (s *Server) pullRequests(st *State, method, ws, repo string, rest []string, body []byte) reply {
	if len(rest) == 0 {
		return notFound("pull request list")
	}
	id, err := strconv.Atoi(rest[0])
	p, ok := st.PullRequests[rest[0]]
	if err != nil || !ok {
		return notFound("pull request " + rest[0])
	}
	if len(rest) == 1 && method == http.MethodGet {
		return reply{http.StatusOK, prJSON(st, ws, repo, id, p)}
	}
	if len(rest) < 2 || rest[1] != "comments" {
		return notFound("pull request " + rest[0] + " " + strings.Join(rest[1:], "/"))
	}
	key := rest[0]
	if st.Comments == nil {
		st.Comments = map[string][]Comment{}
	}
	switch {
	case len(rest) == 2 && method == http.MethodGet:
		var values []any
		for _, c := range st.Comments[key] {
			values = append(values, commentJSON(st, ws, repo, id, c))
		}
		return reply{http.StatusOK, page(values)}
	case len(rest) == 2 && method == http.MethodPost:
		raw, err := commentRaw(body)
		if err != nil {
			return reply{http.StatusBadRequest, apiError(err.Error())}
		}
		c := Comment{ID: nextCommentID(st), Raw: raw}
		st.Comments[key] = append(st.Comments[key], c)
		return reply{http.StatusCreated, commentJSON(st, ws, repo, id, c)}
	case len(rest) == 3:
		cid, _ := strconv.Atoi(rest[2])
		for i, c := range st.Comments[key] {
			if c.ID != cid {
				continue
			}
			switch method {
			case http.MethodGet:
				return reply{http.StatusOK, commentJSON(st, ws, repo, id, c)}
			case http.MethodPut:
				raw, err := commentRaw(body)
				if err != nil {
					return reply{http.StatusBadRequest, apiError(err.Error())}
				}
				st.Comments[key][i].Raw = raw
				return reply{http.StatusOK, commentJSON(st, ws, repo, id, st.Comments[key][i])}
			case http.MethodDelete:
				st.Comments[key] = append(st.Comments[key][:i], st.Comments[key][i+1:]...)
				return reply{http.StatusNoContent, nil}
			}
		}
		return notFound("comment " + rest[2])
	}
	return notFound("pull request " + rest[0] + " " + strings.Join(rest[1:], "/"))
}

func nextCommentID(st *State) int {
	n := 0
	for _, cs := range st.Comments {
		for _, c := range cs {
			n = max(n, c.ID)
		}
	}
	return n + 1
}

// commentRaw takes the markdown out of a comment body
// {"content":{"raw":"..."}}.
func commentRaw(body []byte) (string, error) {
	var in struct {
		Content struct {
			Raw *string `json:"raw"`
		} `json:"content"`
	}
	if err := json.Unmarshal(body, &in); err != nil || in.Content.Raw == nil {
		return "", fmt.Errorf(`a comment body is {"content":{"raw":"..."}}`)
	}
	return *in.Content.Raw, nil
}

// insights answers Code Insights requests on reports/{id}[/annotations]. key
// is "sha/reportID".
func (s *Server) insights(method, key string, rest []string, body []byte) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case len(rest) == 0 && method == http.MethodPut:
		if !json.Valid(body) {
			return reply{http.StatusBadRequest, apiError("the report is not JSON")}
		}
		s.reports[key] = body
		delete(s.annotations, key)
		return reply{http.StatusOK, json.RawMessage(body)}
	case len(rest) == 0 && method == http.MethodGet:
		if rep, ok := s.reports[key]; ok {
			return reply{http.StatusOK, rep}
		}
	case len(rest) == 0 && method == http.MethodDelete:
		delete(s.reports, key)
		delete(s.annotations, key)
		return reply{http.StatusNoContent, nil}
	case len(rest) == 1 && rest[0] == "annotations" && method == http.MethodPost:
		if _, ok := s.reports[key]; !ok {
			return notFound("report " + key)
		}
		var batch []json.RawMessage
		if err := json.Unmarshal(body, &batch); err != nil {
			return reply{http.StatusBadRequest, apiError("annotations are a JSON array")}
		}
		if len(batch) > 100 {
			return reply{http.StatusBadRequest, apiError("at most 100 annotations per request")}
		}
		s.annotations[key] = append(s.annotations[key], batch...)
		if len(s.annotations[key]) > 1000 {
			return reply{http.StatusBadRequest, apiError("a report holds at most 1000 annotations")}
		}
		return reply{http.StatusOK, batch}
	case len(rest) == 1 && rest[0] == "annotations" && method == http.MethodGet:
		return reply{http.StatusOK, page(anySlice(s.annotations[key]))}
	}
	return notFound("report " + key)
}

func anySlice(in []json.RawMessage) []any {
	out := make([]any, len(in))
	for i, v := range in {
		out[i] = v
	}
	return out
}

// The JSON shapes of Bitbucket Cloud.

func page(values []any) map[string]any {
	if values == nil {
		values = []any{}
	}
	return map[string]any{"pagelen": 50, "page": 1, "size": len(values), "values": values}
}

func userJSON(st *State, name string) map[string]any {
	u := st.Users[name]
	return map[string]any{
		"type": "user", "uuid": u.UUID, "account_id": u.AccountID,
		"display_name": cmp.Or(u.DisplayName, name), "nickname": name,
	}
}

func userReply(st *State, name string) reply {
	if _, ok := st.Users[name]; !ok {
		return notFound("user " + name)
	}
	return reply{http.StatusOK, userJSON(st, name)}
}

func prJSON(st *State, ws, repo string, id int, p *PullRequest) map[string]any {
	var participants, reviewers []any
	for _, pa := range p.Participants {
		role := cmp.Or(pa.Role, "REVIEWER")
		entry := map[string]any{
			"type": "participant", "user": userJSON(st, pa.User), "role": role,
			"approved": pa.Approved, "state": nil,
		}
		if pa.Approved {
			entry["state"] = "approved"
			entry["participated_on"] = "2023-11-01T12:00:00.000000+00:00"
		}
		participants = append(participants, entry)
		if role == "REVIEWER" {
			reviewers = append(reviewers, userJSON(st, pa.User))
		}
	}
	if participants == nil {
		participants = []any{}
	}
	if reviewers == nil {
		reviewers = []any{}
	}
	return map[string]any{
		"type": "pullrequest", "id": id, "title": p.Title,
		"state":        cmp.Or(p.State, "OPEN"),
		"author":       userJSON(st, p.Author),
		"source":       map[string]any{"branch": map[string]any{"name": p.Source}},
		"destination":  map[string]any{"branch": map[string]any{"name": cmp.Or(p.Destination, "main")}},
		"participants": participants,
		"reviewers":    reviewers,
		"links": map[string]any{
			"self": map[string]any{"href": fmt.Sprintf("https://api.bitbucket.org/2.0/repositories/%s/%s/pullrequests/%d", ws, repo, id)},
			"html": map[string]any{"href": fmt.Sprintf("https://bitbucket.org/%s/%s/pull-requests/%d", ws, repo, id)},
		},
	}
}

func commentJSON(st *State, ws, repo string, pr int, c Comment) map[string]any {
	return map[string]any{
		"type": "pullrequest_comment", "id": c.ID,
		"content": map[string]any{"raw": c.Raw, "markup": "markdown"},
		"user":    userJSON(st, st.Me),
		"links": map[string]any{
			"html": map[string]any{"href": fmt.Sprintf("https://bitbucket.org/%s/%s/pull-requests/%d#comment-%d", ws, repo, pr, c.ID)},
		},
	}
}

func apiError(msg string) map[string]any {
	return map[string]any{"type": "error", "error": map[string]any{"message": msg}}
}

func notFound(what string) reply {
	return reply{http.StatusNotFound, apiError(what + ": " + errNotFound.Error())}
}

// oneLine returns a request body on one line: compact JSON, or the text
// with line breaks escaped.
func oneLine(body []byte) string {
	if len(body) == 0 {
		return "-"
	}
	var buf bytes.Buffer
	if json.Compact(&buf, body) == nil {
		return buf.String()
	}
	return strings.NewReplacer("\n", `\n`, "\r", `\r`).Replace(string(body))
}
