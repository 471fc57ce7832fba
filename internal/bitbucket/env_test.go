package bitbucket

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFromEnv(t *testing.T) {
	vars := map[string]string{
		"BITBUCKET_BUILD_NUMBER":           "17",
		"BITBUCKET_COMMIT":                 "0123abcd",
		"BITBUCKET_REPO_FULL_NAME":         "acme/db",
		"BITBUCKET_WORKSPACE":              "acme-ws",
		"BITBUCKET_REPO_SLUG":              "db-repo",
		"BITBUCKET_REPO_UUID":              "{repo-uuid}",
		"BITBUCKET_BRANCH":                 "feature/x",
		"BITBUCKET_PR_ID":                  "12",
		"BITBUCKET_PR_DESTINATION_BRANCH":  "main",
		"BITBUCKET_PIPELINE_UUID":          "{pipeline}",
		"BITBUCKET_STEP_UUID":              "{step}",
		"BITBUCKET_STEP_TRIGGERER_UUID":    "{user}",
		"BITBUCKET_DEPLOYMENT_ENVIRONMENT": "production",
		"BITBUCKET_GIT_HTTP_ORIGIN":        "http://bitbucket.org/acme/db",
		"BITBUCKET_CLONE_DIR":              "/opt/atlassian/pipelines/agent/build",
		"BITBUCKET_PIPE_STORAGE_DIR":       "/pipes",
		"BITBUCKET_ACCESS_TOKEN":           " tok \n",
		"DBCD_BITBUCKET_API_URL":           "https://bitbucket.example/2.0",
	}
	got := FromEnv(func(k string) string { return vars[k] })
	want := Env{
		BuildNumber: "17", Commit: "0123abcd", RepoFullName: "acme/db", Workspace: "acme-ws", RepoSlug: "db-repo",
		RepoUUID: "{repo-uuid}", Branch: "feature/x", PRID: "12", PRDestinationBranch: "main",
		PipelineUUID: "{pipeline}", StepUUID: "{step}", StepTriggererUUID: "{user}",
		DeploymentEnvironment: "production", GitHTTPOrigin: "http://bitbucket.org/acme/db",
		CloneDir: "/opt/atlassian/pipelines/agent/build", PipeStorageDir: "/pipes",
		AccessToken: "tok", APIURL: "https://bitbucket.example/2.0",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("FromEnv (-want +got):\n%s", d)
	}
	if !got.InPipelines() || !got.InPipe() || !got.InPullRequest() {
		t.Error("InPipelines/InPipe/InPullRequest should all be true")
	}
	if got.LocalProxyURL() != "http://host.docker.internal:29418" || got.APIBaseURL() != "https://bitbucket.example/2.0" {
		t.Errorf("LocalProxyURL = %s, APIBaseURL = %s", got.LocalProxyURL(), got.APIBaseURL())
	}
}

func TestFromEnvDefaults(t *testing.T) {
	got := FromEnv(func(k string) string {
		if k == "BITBUCKET_REPO_FULL_NAME" {
			return "acme/db"
		}
		return ""
	})
	if got.Workspace != "acme" || got.RepoSlug != "db" {
		t.Errorf("workspace/slug from full name = %q/%q", got.Workspace, got.RepoSlug)
	}
	if got.InPipelines() || got.InPipe() || got.InPullRequest() {
		t.Error("not in Pipelines, a pipe or a pull request")
	}
	if got.LocalProxyURL() != "http://localhost:29418" || got.APIBaseURL() != DefaultAPIURL {
		t.Errorf("LocalProxyURL = %s, APIBaseURL = %s", got.LocalProxyURL(), got.APIBaseURL())
	}
}
