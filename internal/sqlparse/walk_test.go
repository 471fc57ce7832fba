package sqlparse

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	pg_query "github.com/pganalyze/pg_query_go/v5"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
)

// refWalk is the reflective walker walkTree replaces, with the fields taken
// in declaration order (protoreflect's Range may swap two of them).
func refWalk(m protoreflect.Message, fn func(any) bool) {
	if !fn(m.Interface()) {
		return
	}
	fields := m.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if fd.Message() == nil || !m.Has(fd) {
			continue
		}
		if fd.IsList() {
			l := m.Get(fd).List()
			for j := 0; j < l.Len(); j++ {
				refWalk(l.Get(j).Message(), fn)
			}
			continue
		}
		refWalk(m.Get(fd).Message(), fn)
	}
}

// visits returns the messages walk visits below m, in order.
func visits(walk func(fn func(any) bool)) []any {
	var out []any
	walk(func(m any) bool {
		out = append(out, m)
		return true
	})
	return out
}

func sameVisits(t *testing.T, what string, m protoreflect.Message) {
	t.Helper()
	got := visits(func(fn func(any) bool) { walkTree(m.Interface(), fn) })
	want := visits(func(fn func(any) bool) { refWalk(m, fn) })
	if len(got) != len(want) {
		t.Fatalf("%s: walkTree visits %d messages, the reflective walker %d", what, len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s: visit %d: walkTree visits %T, the reflective walker %T", what, i, got[i], want[i])
		}
	}
}

// TestWalkTreeEveryField checks walkTree against the reflective walker on
// every message type of pg_query.proto, with every message field set (one
// oneof member at a time), so that walk_gen.go cannot miss a field.
func TestWalkTreeEveryField(t *testing.T) {
	msgs := pg_query.File_pg_query_proto.Messages()
	for i := 0; i < msgs.Len(); i++ {
		md := msgs.Get(i)
		mt, err := protoregistry.GlobalTypes.FindMessageByName(md.FullName())
		if err != nil {
			t.Fatal(err)
		}
		newSub := func(fd protoreflect.FieldDescriptor) protoreflect.Value {
			st, err := protoregistry.GlobalTypes.FindMessageByName(fd.Message().FullName())
			if err != nil {
				t.Fatal(err)
			}
			return protoreflect.ValueOfMessage(st.New())
		}
		// Every field outside oneofs, and then each oneof member alone.
		m := mt.New()
		var oneofs []protoreflect.FieldDescriptor
		fields := md.Fields()
		for j := 0; j < fields.Len(); j++ {
			fd := fields.Get(j)
			switch {
			case fd.Message() == nil:
			case fd.ContainingOneof() != nil:
				oneofs = append(oneofs, fd)
			case fd.IsList():
				l := m.Mutable(fd).List()
				l.Append(newSub(fd))
				l.Append(newSub(fd))
			default:
				m.Set(fd, newSub(fd))
			}
		}
		sameVisits(t, string(md.FullName()), m)
		for _, fd := range oneofs {
			m := mt.New()
			m.Set(fd, newSub(fd))
			sameVisits(t, string(fd.FullName()), m)
		}
	}
}

// TestWalkTreeCorpus checks walkTree against the reflective walker on the
// parse trees of the SQL files of the repository's test data.
func TestWalkTreeCorpus(t *testing.T) {
	var files []string
	for _, root := range []string{"testdata", "../../testdata", "../review"} {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error { // missing roots are fine
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".sql") {
				files = append(files, path)
			}
			return nil
		})
	}
	if len(files) < 10 {
		t.Fatalf("found %d SQL files", len(files))
	}
	stmts := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := Parse(path, src)
		for _, s := range f.Statements {
			sameVisits(t, path, s.Node.ProtoReflect())
			stmts++
		}
	}
	t.Logf("%d files, %d statements", len(files), stmts)
}

// TestStatementIdentifiers checks that Statement.Identifiers, which reads
// the tokens of the file's scan, agrees with scanning the statement's text.
func TestStatementIdentifiers(t *testing.T) {
	srcs := seeds(t)
	for _, root := range []string{"testdata", "../../testdata", "../review"} {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error { // missing roots are fine
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".sql") {
				if b, err := os.ReadFile(path); err == nil {
					srcs = append(srcs, string(b))
				}
			}
			return nil
		})
	}
	srcs = append(srcs, "CREATE TABLE \"Quoted\"\"Name\" (Mixed_Case int, \"x y\" text); -- c\nSELECT a /* b */ FROM c.d;\n\ufeffSELECT 1")
	stmts, fromScan := 0, 0
	for _, src := range srcs {
		f, _ := Parse("f.sql", []byte(src))
		for i := range f.Statements {
			s := &f.Statements[i]
			got, want := s.Identifiers(), Identifiers(s.Text)
			if len(got) != len(want) {
				t.Fatalf("%q: Identifiers() = %v, Identifiers(Text) = %v", s.Text, got, want)
			}
			for j := range got {
				if got[j] != want[j] {
					t.Fatalf("%q: Identifiers() = %v, Identifiers(Text) = %v", s.Text, got, want)
				}
			}
			stmts++
			if s.scanned {
				fromScan++
			}
		}
	}
	if fromScan < stmts*9/10 {
		t.Errorf("only %d of %d statements kept their tokens", fromScan, stmts)
	}
}
