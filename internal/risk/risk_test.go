package risk

import (
	"strings"
	"testing"
)

func TestCompileAndEval(t *testing.T) {
	p, err := Compile(`environment_id == "prod" && sql_type in ["UPDATE","DELETE"] && affected_rows > 10000`)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		vars map[string]any
		want bool
	}{
		{map[string]any{"environment_id": "prod", "sql_type": "UPDATE", "affected_rows": int64(20000)}, true},
		{map[string]any{"environment_id": "prod", "sql_type": "UPDATE", "affected_rows": int64(5)}, false},
		{map[string]any{"environment_id": "test", "sql_type": "DELETE", "affected_rows": int64(20000)}, false},
		{map[string]any{}, false},
	} {
		got, err := p.Eval(tt.vars)
		if err != nil || got != tt.want {
			t.Errorf("Eval(%v) = %v, %v; want %v", tt.vars, got, err, tt.want)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	for expr, want := range map[string]string{
		"":                        "empty",
		`environment_id == `:      "Syntax error",
		`environmentid == "prod"`: "undeclared reference",
		`affected_rows + 1`:       "must be a condition",
		`table_rows > "many"`:     "no matching overload",
	} {
		_, err := Compile(expr)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Compile(%q) error = %v, want it to contain %q", expr, err, want)
		}
	}
}

func TestLevels(t *testing.T) {
	for _, name := range Levels {
		l, err := ParseLevel(strings.ToUpper(name))
		if err != nil || l.String() != name {
			t.Errorf("ParseLevel(%q) = %v, %v", name, l, err)
		}
	}
	if _, err := ParseLevel("critical"); err == nil {
		t.Error("ParseLevel(critical) succeeded")
	}
	if !(Low < Moderate && Moderate < High) {
		t.Error("levels not ordered")
	}
}
