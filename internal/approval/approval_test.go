package approval

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var (
	alice  = Person{UUID: "{aaaaaaaa-0000-0000-0000-000000000001}", AccountID: "557058:alice", Name: "Alice"}
	bob    = Person{UUID: "{bbbbbbbb-0000-0000-0000-000000000002}", AccountID: "557058:bob", Name: "Bob"}
	carol  = Person{UUID: "{cccccccc-0000-0000-0000-000000000003}", AccountID: "557058:carol", Name: "Carol"}
	author = Person{UUID: "{dddddddd-0000-0000-0000-000000000004}", AccountID: "557058:author", Name: "Author"}
	bot    = Person{UUID: "{eeeeeeee-0000-0000-0000-000000000005}", AccountID: "557058:bot", Name: "CI bot"}
)

// roles: alice owns, bob is a DBA, carol is both; author and bot are in both
// roles too, so only their exclusion keeps them out.
var roles = map[string][]string{
	"owner": {"557058:alice", "{CCCCCCCC-0000-0000-0000-000000000003}", "557058:author", "557058:bot"},
	"dba":   {"bbbbbbbb-0000-0000-0000-000000000002", "557058:Carol", "{dddddddd-0000-0000-0000-000000000004}", "557058:bot"},
}

var flow = []string{"owner", "dba"}

func step(role string, by *Person, members int) StepResult {
	return StepResult{Role: role, Approver: by, Members: members}
}

func evaluate(t *testing.T, steps []string, approvers, excluded []Person) Result {
	t.Helper()
	res, err := Evaluate(steps, roles, approvers, excluded)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestTwoPeopleSatisfyOwnerThenDBA(t *testing.T) {
	res := evaluate(t, flow, []Person{bob, alice}, []Person{author})
	want := Result{Steps: []StepResult{step("owner", &alice, 4), step("dba", &bob, 4)}, Satisfied: true}
	if d := cmp.Diff(want, res); d != "" {
		t.Errorf("result (-want +got):\n%s", d)
	}
}

func TestAuthorsOwnApprovalDoesNotCount(t *testing.T) {
	res := evaluate(t, flow, []Person{author, bob}, []Person{author})
	want := Result{
		Steps:   []StepResult{step("owner", nil, 4), step("dba", &bob, 4)},
		Missing: []string{"owner"},
		Ignored: []Person{author},
	}
	if d := cmp.Diff(want, res); d != "" {
		t.Errorf("result (-want +got):\n%s", d)
	}
}

func TestTokensOwnAccountIsExcluded(t *testing.T) {
	// The token's account is known by UUID only, without braces, in capitals.
	tokenAccount := Person{UUID: strings.ToUpper("eeeeeeee-0000-0000-0000-000000000005")}
	res := evaluate(t, flow, []Person{bot, alice}, []Person{author, tokenAccount})
	if res.Satisfied || !slices.Equal(res.Missing, []string{"dba"}) {
		t.Errorf("the token's approval counted: %+v", res)
	}
	if len(res.Ignored) != 1 || res.Ignored[0].Name != "CI bot" {
		t.Errorf("ignored = %+v", res.Ignored)
	}
}

func TestOnePersonCannotSatisfyTwoRoles(t *testing.T) {
	res := evaluate(t, flow, []Person{carol}, nil)
	want := Result{Steps: []StepResult{step("owner", &carol, 4), step("dba", nil, 4)}, Missing: []string{"dba"}}
	if d := cmp.Diff(want, res); d != "" {
		t.Errorf("result (-want +got):\n%s", d)
	}

	// Listed twice, once by UUID alone, Carol is still one person.
	res = evaluate(t, flow, []Person{{UUID: "CCCCCCCC-0000-0000-0000-000000000003"}, carol}, nil)
	if res.Satisfied {
		t.Errorf("one person listed twice satisfied two steps: %+v", res)
	}

	// Two steps of the same role need two members.
	res = evaluate(t, []string{"dba", "dba"}, []Person{bob}, nil)
	if !slices.Equal(res.Missing, []string{"dba"}) {
		t.Errorf("missing = %v, want one dba", res.Missing)
	}
}

func TestMatchingDoesNotDependOnOrder(t *testing.T) {
	// Carol can be owner or DBA, Alice only owner: the only full assignment
	// is Alice owner, Carol DBA, whichever order Bitbucket lists them in.
	want := Result{Steps: []StepResult{step("owner", &alice, 4), step("dba", &carol, 4)}, Satisfied: true}
	for _, approvers := range [][]Person{{carol, alice}, {alice, carol}} {
		if d := cmp.Diff(want, evaluate(t, flow, approvers, nil)); d != "" {
			t.Errorf("approvers %v (-want +got):\n%s", approvers, d)
		}
	}

	// Any order of the same people gives the same result.
	people := []Person{author, carol, bob, alice, bot, {Name: "no ids"}}
	first := evaluate(t, []string{"dba", "owner", "owner"}, people, []Person{author})
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		rng.Shuffle(len(people), func(i, j int) { people[i], people[j] = people[j], people[i] })
		if d := cmp.Diff(first, evaluate(t, []string{"dba", "owner", "owner"}, people, []Person{author})); d != "" {
			t.Fatalf("order %v changes the result (-first +now):\n%s", people, d)
		}
	}
	if !first.Satisfied {
		t.Errorf("dba, owner, owner not satisfied by bob, alice, carol, bot: %+v", first)
	}
}

func TestEarliestStepsWinWhenShort(t *testing.T) {
	res := evaluate(t, []string{"dba", "owner"}, []Person{carol}, nil)
	if !slices.Equal(res.Missing, []string{"owner"}) || res.Steps[0].Approver == nil {
		t.Errorf("result = %+v, want dba satisfied and owner missing", res)
	}
}

func TestIDsMatchWithoutBracesOrCase(t *testing.T) {
	// Carol is "{CCCCCCCC-…}" under owner and "557058:Carol" under dba.
	for _, p := range []Person{
		{UUID: "{cccccccc-0000-0000-0000-000000000003}", AccountID: "557058:CAROL"},
		{UUID: "cccccccc-0000-0000-0000-000000000003", AccountID: " 557058:carol "},
	} {
		for _, role := range []string{"owner", "dba"} {
			if res := evaluate(t, []string{role}, []Person{p}, nil); !res.Satisfied {
				t.Errorf("%+v does not match carol's %s entry", p, role)
			}
		}
	}
	// Known by UUID alone, she matches only where her UUID is listed.
	byUUID := Person{UUID: "CCCCCCCC-0000-0000-0000-000000000003"}
	if !evaluate(t, []string{"owner"}, []Person{byUUID}, nil).Satisfied || evaluate(t, []string{"dba"}, []Person{byUUID}, nil).Satisfied {
		t.Error("a UUID must match the role entry with that UUID, and only it")
	}
}

func TestEmptyFlowIsSatisfied(t *testing.T) {
	res := evaluate(t, nil, []Person{alice}, nil)
	if !res.Satisfied || len(res.Steps) != 0 {
		t.Errorf("result = %+v", res)
	}
}

func TestUnknownRole(t *testing.T) {
	_, err := Evaluate([]string{"owner", "security"}, roles, nil, nil)
	if err == nil || err.Error() != `approval step 2 needs role "security", which is not defined under roles` {
		t.Errorf("error = %v", err)
	}
}

func TestMemberOf(t *testing.T) {
	dbaFirst, ownerFirst := []string{"dba", "owner", "undefined"}, []string{"owner", "dba"}
	for _, tc := range []struct {
		id    string
		names []string
		role  string
		ok    bool
	}{
		{"{BBBBBBBB-0000-0000-0000-000000000002}", dbaFirst, "dba", true},
		{"cccccccc-0000-0000-0000-000000000003", ownerFirst, "owner", true},
		{"557058:carol", dbaFirst, "dba", true},
		{"557058:author", ownerFirst, "owner", true}, // the first listed role that has the id
		{"557058:author", dbaFirst, "owner", true},
		{"557058:nobody", dbaFirst, "", false},
		{"557058:alice", []string{"dba"}, "", false},
		{"", dbaFirst, "", false},
		{"{}", dbaFirst, "", false},
	} {
		role, ok := MemberOf(tc.id, tc.names, roles)
		if role != tc.role || ok != tc.ok {
			t.Errorf("MemberOf(%q, %v) = %q, %v; want %q, %v", tc.id, tc.names, role, ok, tc.role, tc.ok)
		}
	}
}

func TestPersonString(t *testing.T) {
	for p, want := range map[Person]string{alice: "Alice", {AccountID: "557058:x"}: "557058:x", {UUID: "{u}"}: "{u}", {}: "unknown account"} {
		if got := p.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", p, got, want)
		}
	}
}
