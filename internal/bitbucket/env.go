// Package bitbucket is dbcd's link to Bitbucket Cloud: the pipeline context
// read from Bitbucket Pipelines' variables, the REST client that publishes
// Code Insights reports, and the token client for pull requests, approvals,
// accounts and PR comments. It is the only home of net/http.
//
// Code Insights go through the pipeline's local authenticating proxy and never
// carry credentials; the token client (NewAPI, Bearer BITBUCKET_ACCESS_TOKEN
// against DBCD_BITBUCKET_API_URL) shares the same request, retry and error
// machinery (see client.go).
package bitbucket

import (
	"log/slog"
	"strings"
)

// DefaultAPIURL is the Bitbucket Cloud REST API base used with a token.
const DefaultAPIURL = "https://api.bitbucket.org/2.0"

// The pipeline's local proxy adds credentials to plain-HTTP API requests sent
// through it. A pipe runs in its own container and reaches the same proxy on
// the Docker host.
const (
	localProxyURL = "http://localhost:29418"
	pipeProxyURL  = "http://host.docker.internal:29418"
	// proxiedAPIURL is the API base requests take through the local proxy:
	// it must be plain http, for the proxy to see and sign the request.
	proxiedAPIURL = "http://api.bitbucket.org/2.0"
)

// Secret is a credential. Printing it with any fmt verb, logging it with
// slog or marshalling it as text or JSON shows a mask, never the value.
type Secret string

const secretMask = "****"

// Value returns the secret itself, for the one place that must send it.
func (s Secret) Value() string { return string(s) }

// String returns a mask, or "" for an empty secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return secretMask
}

// GoString returns the mask for %#v.
func (s Secret) GoString() string { return `"` + s.String() + `"` }

// MarshalText returns the mask, so JSON and YAML encoders never see the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// LogValue returns the mask for log/slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// Env is the pipeline context taken from Bitbucket Pipelines' variables. Every
// field is empty outside Pipelines unless the user set the variable.
type Env struct {
	BuildNumber           string // BITBUCKET_BUILD_NUMBER
	Commit                string // BITBUCKET_COMMIT
	RepoFullName          string // BITBUCKET_REPO_FULL_NAME, "workspace/repo"
	Workspace             string // BITBUCKET_WORKSPACE, or the first half of RepoFullName
	RepoSlug              string // BITBUCKET_REPO_SLUG, or the second half of RepoFullName
	RepoUUID              string // BITBUCKET_REPO_UUID
	Branch                string // BITBUCKET_BRANCH; empty for tag builds
	PRID                  string // BITBUCKET_PR_ID; set in pull-request pipelines only
	PRDestinationBranch   string // BITBUCKET_PR_DESTINATION_BRANCH
	PipelineUUID          string // BITBUCKET_PIPELINE_UUID
	StepUUID              string // BITBUCKET_STEP_UUID
	StepTriggererUUID     string // BITBUCKET_STEP_TRIGGERER_UUID
	DeploymentEnvironment string // BITBUCKET_DEPLOYMENT_ENVIRONMENT
	GitHTTPOrigin         string // BITBUCKET_GIT_HTTP_ORIGIN
	CloneDir              string // BITBUCKET_CLONE_DIR
	// PipeStorageDir is BITBUCKET_PIPE_STORAGE_DIR, which is set only inside
	// a pipe's container.
	PipeStorageDir string
	// AccessToken is BITBUCKET_ACCESS_TOKEN, the Bearer token for pull
	// request and approval look-ups. Code Insights never use it.
	AccessToken Secret
	// APIURL is DBCD_BITBUCKET_API_URL, an override of the API base.
	APIURL string
}

// FromEnv reads the pipeline context through getenv (os.Getenv in the CLI, a
// map in tests). Values are trimmed of surrounding white space.
func FromEnv(getenv func(string) string) Env {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	e := Env{
		BuildNumber:           get("BITBUCKET_BUILD_NUMBER"),
		Commit:                get("BITBUCKET_COMMIT"),
		RepoFullName:          get("BITBUCKET_REPO_FULL_NAME"),
		Workspace:             get("BITBUCKET_WORKSPACE"),
		RepoSlug:              get("BITBUCKET_REPO_SLUG"),
		RepoUUID:              get("BITBUCKET_REPO_UUID"),
		Branch:                get("BITBUCKET_BRANCH"),
		PRID:                  get("BITBUCKET_PR_ID"),
		PRDestinationBranch:   get("BITBUCKET_PR_DESTINATION_BRANCH"),
		PipelineUUID:          get("BITBUCKET_PIPELINE_UUID"),
		StepUUID:              get("BITBUCKET_STEP_UUID"),
		StepTriggererUUID:     get("BITBUCKET_STEP_TRIGGERER_UUID"),
		DeploymentEnvironment: get("BITBUCKET_DEPLOYMENT_ENVIRONMENT"),
		GitHTTPOrigin:         get("BITBUCKET_GIT_HTTP_ORIGIN"),
		CloneDir:              get("BITBUCKET_CLONE_DIR"),
		PipeStorageDir:        get("BITBUCKET_PIPE_STORAGE_DIR"),
		AccessToken:           Secret(get("BITBUCKET_ACCESS_TOKEN")),
		APIURL:                get("DBCD_BITBUCKET_API_URL"),
	}
	if ws, slug, ok := strings.Cut(e.RepoFullName, "/"); ok {
		if e.Workspace == "" {
			e.Workspace = ws
		}
		if e.RepoSlug == "" {
			e.RepoSlug = slug
		}
	}
	return e
}

// InPipelines reports whether dbcd runs in a Bitbucket Pipelines step
// (BITBUCKET_BUILD_NUMBER is set; CI alone is too generic).
func (e Env) InPipelines() bool { return e.BuildNumber != "" }

// InPipe reports whether dbcd runs inside a pipe's container, where
// BITBUCKET_PIPE_STORAGE_DIR is set (the test reviewdog uses, confirmed to
// them by Atlassian). There the local proxy is on host.docker.internal.
func (e Env) InPipe() bool { return e.PipeStorageDir != "" }

// InPullRequest reports whether the pipeline was started by a pull request.
func (e Env) InPullRequest() bool { return e.PRID != "" }

// LocalProxyURL is the pipeline's authenticating proxy: localhost:29418 in a
// step, host.docker.internal:29418 inside a pipe.
func (e Env) LocalProxyURL() string {
	if e.InPipe() {
		return pipeProxyURL
	}
	return localProxyURL
}

// APIBaseURL is the API base for token requests: DBCD_BITBUCKET_API_URL, or
// https://api.bitbucket.org/2.0.
func (e Env) APIBaseURL() string {
	if e.APIURL != "" {
		return e.APIURL
	}
	return DefaultAPIURL
}
