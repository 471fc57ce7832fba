package plan

import (
	"strings"
	"testing"
)

func TestRolloutStatus(t *testing.T) {
	roles := map[string][]string{"dba": {"557058:e0e0e0e0-0009"}, "dev": {"{aaaaaaaa-1111-2222-3333-444455556666}"}}
	for _, tc := range []struct {
		name  string
		in    Input
		ok    bool
		role  string
		cause string
	}{
		{"automatic", Input{}, true, "", ""},
		{"nobody", Input{Rollout: Rollout{Manual: true, Roles: []string{"dba"}}}, false, "", "nobody is identified"},
		{"member by account id", Input{Rollout: Rollout{Manual: true, Roles: []string{"dba"}},
			Actor: Actor{ID: "557058:E0E0E0E0-0009", Via: "--i-am"}}, true, "dba", ""},
		{"member through the uuid's account", Input{Rollout: Rollout{Manual: true, Roles: []string{"dba"}},
			Actor: Actor{ID: "{bbbbbbbb-1111-2222-3333-444455556666}", Via: "BITBUCKET_STEP_TRIGGERER_UUID",
				Aliases: []string{"{bbbbbbbb-1111-2222-3333-444455556666}", "557058:e0e0e0e0-0009"}}}, true, "dba", ""},
		{"in another role", Input{Rollout: Rollout{Manual: true, Roles: []string{"dba"}},
			Actor: Actor{ID: "aaaaaaaa-1111-2222-3333-444455556666", Via: "--i-am"}}, false, "", "is not in the rollout roles dba"},
	} {
		tc.in.Roles = roles
		got := rolloutStatus(tc.in)
		if got.Allowed != tc.ok || got.Role != tc.role || !strings.Contains(got.Reason, tc.cause) {
			t.Errorf("%s: %+v", tc.name, got)
		}
	}
}
