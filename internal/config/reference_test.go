package config

import (
	"strings"
	"testing"
)

// TestReference checks that every key of dbcd.yaml is documented (and only
// those), with the defaults and overriding variables Load really uses.
func TestReference(t *testing.T) {
	keys, err := Reference()
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]KeyDoc{}
	for _, k := range keys {
		byKey[k.Key] = k
		if k.Doc == "" || k.Type == "" {
			t.Errorf("%s: incomplete: %+v", k.Key, k)
		}
	}
	for key, want := range map[string]KeyDoc{
		"apply.lock_timeout":                    {Type: "duration", Default: "`5s`", Env: "DBCD_APPLY_LOCK_TIMEOUT"},
		"stages[].targets[].url":                {Type: "string"},
		"roles.<role>":                          {Type: "list of strings"},
		"review.policies.<policy>.rules.<rule>": {Type: "level or mapping"},
		"stages[].rollout.manual":               {Type: "boolean", Default: "`false`"},
		"stages":                                {Type: "list of mappings"},
	} {
		got, ok := byKey[key]
		if !ok {
			t.Errorf("%s missing", key)
			continue
		}
		if got.Type != want.Type || got.Default != want.Default || got.Env != want.Env {
			t.Errorf("%s = %q %q %q, want %q %q %q", key, got.Type, got.Default, got.Env, want.Type, want.Default, want.Env)
		}
	}
	// Every default Load applies is shown.
	for k := range defaults {
		key := strings.ReplaceAll(k, keyDelim, ".")
		if byKey[key].Default == "" {
			t.Errorf("%s has a default that the reference does not show", key)
		}
	}
}
