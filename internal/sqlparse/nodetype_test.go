package sqlparse

import "testing"

func TestNodeTypes(t *testing.T) {
	f, err := Parse("t.sql", []byte("ALTER TABLE t ADD COLUMN c int;\nCREATE INDEX i ON t (c);\nSELECT 1;\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"AlterTableStmt", "IndexStmt", "SelectStmt"}
	seen := map[NodeType]bool{}
	for i, name := range want {
		nt, ok := NodeTypeNamed(name)
		if !ok {
			t.Fatalf("NodeTypeNamed(%q) not found", name)
		}
		if got := TypeOf(f.Statements[i].Node); got != nt {
			t.Errorf("statement %d: TypeOf = %d, want %s (%d)", i+1, got, name, nt)
		}
		if seen[nt] {
			t.Errorf("%s shares its type with another name", name)
		}
		seen[nt] = true
	}
	for _, bad := range []string{"", "alter_table_stmt", "AlterTable", "Node"} {
		if _, ok := NodeTypeNamed(bad); ok {
			t.Errorf("NodeTypeNamed(%q) is a type", bad)
		}
	}
	if TypeOf(nil) != 0 || TypeOf(&Node{}) != 0 {
		t.Error("a nil or empty node has a type")
	}
}
