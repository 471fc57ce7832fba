package sqlparse

import "testing"

func TestConstString(t *testing.T) {
	tests := []struct{ sql, want string }{
		{"SELECT 'abc'", "abc"},
		{"SELECT 0", "0"},
		{"SELECT 42", "42"},
		{"SELECT -5", "-5"},
		{"SELECT 1.5", "1.5"},
		{"SELECT true", "true"},
		{"SELECT false", "false"},
		{"SELECT '5s'::interval", "5s"},
		{"SELECT CAST(10 AS text)", "10"},
		{"SELECT NULL", ""},
		{"SELECT a", ""},
		{"SELECT now()", ""},
	}
	for _, tt := range tests {
		f, err := Parse("t.sql", []byte(tt.sql))
		if err != nil {
			t.Fatalf("%s: %v", tt.sql, err)
		}
		val := f.Statements[0].Node.GetSelectStmt().GetTargetList()[0].GetResTarget().GetVal()
		if got := ConstString(val); got != tt.want {
			t.Errorf("ConstString(%s) = %q, want %q", tt.sql, got, tt.want)
		}
	}
	if got := ConstString(nil); got != "" {
		t.Errorf("ConstString(nil) = %q, want \"\"", got)
	}
}
