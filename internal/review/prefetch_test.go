package review

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

func prefetchHistories(n int) []History {
	hs := make([]History, 3)
	for i := range n {
		src := fmt.Sprintf("CREATE TABLE t%d (id int);\nSELECT %d;\n", i, i)
		if i%7 == 3 {
			src = fmt.Sprintf("CREATE TABLE t%d (;\n", i)
		}
		h := &hs[i%len(hs)]
		h.Files = append(h.Files, File{Path: fmt.Sprintf("f%d.sql", i), Content: []byte(src)})
	}
	return hs
}

// TestPrefetchOrder checks that the parallel parse hands out the parse of
// each file in review order, parse errors included.
func TestPrefetchOrder(t *testing.T) {
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	hs := prefetchHistories(500)
	p := startPrefetch(hs)
	defer p.close()
	if p.slots == nil {
		t.Fatal("no workers started")
	}
	for _, h := range hs {
		for _, f := range h.Files {
			got, gerr := p.next()
			want, werr := sqlparse.Parse(f.Path, f.Content)
			if got.Name != f.Path || len(got.Statements) != len(want.Statements) || fmt.Sprint(gerr) != fmt.Sprint(werr) {
				t.Fatalf("%s: got %s with %d statements (%v), want %d statements (%v)", f.Path, got.Name, len(got.Statements), gerr, len(want.Statements), werr)
			}
			for i := range got.Statements {
				if got.Statements[i].Text != want.Statements[i].Text {
					t.Fatalf("%s: statement %d is %q, want %q", f.Path, i, got.Statements[i].Text, want.Statements[i].Text)
				}
			}
		}
	}
}

// TestPrefetchStop checks that the workers end when the review stops early.
func TestPrefetchStop(t *testing.T) {
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	before := runtime.NumGoroutine()
	p := startPrefetch(prefetchHistories(1000))
	_, _ = p.next()
	_, _ = p.next()
	p.close()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after close, %d before", runtime.NumGoroutine(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
