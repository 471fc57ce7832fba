package bitbucket

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Code Insights limits. The annotation counts are Bitbucket's documented
// limits and the data count is what Atlas's client enforces. The text lengths
// are conservative choices (Bitbucket Data Center's documented limits), since
// Bitbucket Cloud's reference gives none.
const (
	MaxAnnotations      = 1000 // per report
	AnnotationBatchSize = 100  // per bulk POST
	MaxDataFields       = 10   // per report
	maxTitleLen         = 450
	maxSummaryLen       = 450
	maxDetailsLen       = 2000
)

// Report types, results and data types of the Code Insights API.
const (
	ReportTypeBug      = "BUG"
	ReportTypeTest     = "TEST"
	ReportTypeSecurity = "SECURITY"

	ResultPassed = "PASSED"
	ResultFailed = "FAILED"

	DataNumber  = "NUMBER"
	DataText    = "TEXT"
	DataBoolean = "BOOLEAN"
)

// Annotation types and severities.
const (
	AnnotationBug           = "BUG"
	AnnotationCodeSmell     = "CODE_SMELL"
	AnnotationVulnerability = "VULNERABILITY"

	SeverityCritical = "CRITICAL"
	SeverityHigh     = "HIGH"
	SeverityMedium   = "MEDIUM"
	SeverityLow      = "LOW"
)

// InsightsReport is a Code Insights report on a commit.
type InsightsReport struct {
	// ID is the report's external id in the URL, e.g. "dbcd-review"; a
	// report with the same id on the same commit is replaced.
	ID         string      `json:"-"`
	Title      string      `json:"title"`
	Details    string      `json:"details,omitempty"`
	ReportType string      `json:"report_type"`
	Reporter   string      `json:"reporter"`
	Link       string      `json:"link,omitempty"`
	Result     string      `json:"result,omitempty"`
	Data       []DataField `json:"data,omitempty"`
}

// DataField is one figure shown on the report.
type DataField struct {
	Title string `json:"title"`
	Type  string `json:"type"`
	Value any    `json:"value"`
}

// Annotation is one finding shown on a line of the diff, or in the report
// only when Path is empty.
type Annotation struct {
	// ExternalID must be unique within the report and stable across runs.
	ExternalID     string `json:"external_id"`
	Title          string `json:"title,omitempty"`
	AnnotationType string `json:"annotation_type"`
	Summary        string `json:"summary"`
	Details        string `json:"details,omitempty"`
	Severity       string `json:"severity,omitempty"`
	Result         string `json:"result,omitempty"`
	Path           string `json:"path,omitempty"`
	Line           int    `json:"line,omitempty"`
	Link           string `json:"link,omitempty"`
}

// InsightsClient publishes Code Insights reports on the pipeline's commit.
// It sends no credentials: in Pipelines the local proxy adds them.
type InsightsClient struct {
	c                       *client
	workspace, repo, commit string
}

// NewInsights returns a client for the commit env names.
//
// By default requests go to http://api.bitbucket.org/2.0 through the
// pipeline's local proxy (Env.LocalProxyURL), which authenticates them; the
// proxy is fixed, and HTTP_PROXY, HTTPS_PROXY and NO_PROXY are ignored,
// because the first hop must be that proxy inside the build and a corporate
// proxy could not reach it. With an API base from DBCD_BITBUCKET_API_URL or
// WithBaseURL, requests go straight to that base, still without credentials,
// and honour the standard proxy variables; WithProxyURL then sends them
// through the given proxy.
func NewInsights(env Env, opts ...Option) (*InsightsClient, error) {
	var missing []string
	for _, v := range []struct{ name, value string }{
		{"BITBUCKET_WORKSPACE", env.Workspace},
		{"BITBUCKET_REPO_SLUG", env.RepoSlug},
		{"BITBUCKET_COMMIT", env.Commit},
	} {
		if v.value == "" {
			missing = append(missing, v.name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("code insights need %s", strings.Join(missing, " and "))
	}
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	base, proxy := proxiedAPIURL, o.proxyURL
	if o.baseURL != "" || env.APIURL != "" {
		base = cmp.Or(o.baseURL, env.APIURL)
	} else if proxy == "" {
		proxy = env.LocalProxyURL()
	}
	proxyFunc := http.ProxyFromEnvironment
	if proxy != "" {
		pu, err := url.Parse(proxy)
		if err != nil || pu.Host == "" {
			return nil, fmt.Errorf("bitbucket proxy %q is not a URL", redactURL(proxy))
		}
		proxyFunc = http.ProxyURL(pu)
	}
	c, err := newClient(base, proxyFunc, o)
	if err != nil {
		return nil, err
	}
	c.secrets = []string{env.AccessToken.Value()}
	return &InsightsClient{c: c, workspace: env.Workspace, repo: env.RepoSlug, commit: env.Commit}, nil
}

// Publish replaces the report rep.ID on the commit with rep and anns. It
// deletes the previous report first (which deletes its annotations, so none
// from an earlier run linger), creates the report, then posts the annotations
// in batches of AnnotationBatchSize. Beyond MaxAnnotations the least severe
// annotations are dropped, and the report's details and data say how many.
// Texts longer than the API accepts are shortened.
func (ic *InsightsClient) Publish(ctx context.Context, rep InsightsReport, anns []Annotation) error {
	if rep.ID == "" {
		return errors.New("code insights report has no id")
	}
	kept, dropped := capAnnotations(anns)
	if dropped > 0 {
		rep.Details = strings.TrimSpace(rep.Details + fmt.Sprintf(
			"\n\n%d more findings are not shown here: Bitbucket keeps at most %d annotations per report. The pipeline log lists them all.",
			dropped, MaxAnnotations))
		rep.Data = append(slices.Clip(rep.Data), DataField{Title: "Not shown", Type: DataNumber, Value: dropped})
	}
	if len(rep.Data) > MaxDataFields {
		return fmt.Errorf("code insights report %s has %d data fields, at most %d are allowed", rep.ID, len(rep.Data), MaxDataFields)
	}
	if rep.Reporter == "" {
		rep.Reporter = "dbcd"
	}
	rep.Title = truncate(rep.Title, maxTitleLen)
	rep.Details = truncate(rep.Details, maxDetailsLen)
	if err := checkExternalIDs(kept); err != nil {
		return err
	}

	path := ic.reportPath(rep.ID)
	var apiErr *APIError
	if err := ic.c.do(ctx, http.MethodDelete, path, nil, nil); err != nil && !(errors.As(err, &apiErr) && apiErr.Status == http.StatusNotFound) {
		return fmt.Errorf("replacing code insights report: %w", err)
	}
	if err := ic.c.do(ctx, http.MethodPut, path, rep, nil); err != nil {
		return fmt.Errorf("creating code insights report: %w", err)
	}
	for start := 0; start < len(kept); start += AnnotationBatchSize {
		batch := kept[start:min(start+AnnotationBatchSize, len(kept))]
		if err := ic.c.do(ctx, http.MethodPost, path+"/annotations", batch, nil); err != nil {
			return fmt.Errorf("posting code insights annotations (%d of %d posted): %w", start, len(kept), err)
		}
	}
	return nil
}

// reportPath is the escaped path of a report on the client's commit.
func (ic *InsightsClient) reportPath(id string) string {
	return "/repositories/" + url.PathEscape(ic.workspace) + "/" + url.PathEscape(ic.repo) +
		"/commit/" + url.PathEscape(ic.commit) + "/reports/" + url.PathEscape(id)
}

// severityRank orders annotation severities, most severe first.
var severityRank = map[string]int{SeverityCritical: 0, SeverityHigh: 1, SeverityMedium: 2, SeverityLow: 3}

// capAnnotations keeps at most MaxAnnotations, preferring the most severe,
// and shortens their texts. Kept annotations stay in their given order.
func capAnnotations(anns []Annotation) (kept []Annotation, dropped int) {
	kept = make([]Annotation, len(anns))
	copy(kept, anns)
	if len(kept) > MaxAnnotations {
		rank := func(a Annotation) int {
			if r, ok := severityRank[a.Severity]; ok {
				return r
			}
			return len(severityRank)
		}
		order := make([]int, len(kept))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(i, j int) int { return rank(kept[i]) - rank(kept[j]) })
		keep := order[:MaxAnnotations]
		slices.Sort(keep)
		out := make([]Annotation, 0, MaxAnnotations)
		for _, i := range keep {
			out = append(out, kept[i])
		}
		dropped = len(kept) - MaxAnnotations
		kept = out
	}
	for i := range kept {
		kept[i].Summary = truncate(kept[i].Summary, maxSummaryLen)
		kept[i].Details = truncate(kept[i].Details, maxDetailsLen)
		kept[i].Title = truncate(kept[i].Title, maxTitleLen)
	}
	return kept, dropped
}

// checkExternalIDs rejects annotations without an id or sharing one, which
// Bitbucket would merge.
func checkExternalIDs(anns []Annotation) error {
	seen := make(map[string]bool, len(anns))
	for _, a := range anns {
		if a.ExternalID == "" {
			return fmt.Errorf("code insights annotation %q has no external id", truncate(a.Summary, 60))
		}
		if seen[a.ExternalID] {
			return fmt.Errorf("code insights annotation id %q is used twice", a.ExternalID)
		}
		seen[a.ExternalID] = true
	}
	return nil
}
