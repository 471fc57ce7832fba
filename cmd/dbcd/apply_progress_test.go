package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/dbcd/dbcd/internal/apply"
)

// terminal is a minimal VT100 screen for the sequences liveProgress
// writes: printable runes, \r, \n (as a tty with onlcr turns it into
// \r\n), ESC[nA, ESC[J, ESC[?7l/h and SGR styles (ignored).
type terminal struct {
	width    int
	rows     [][]rune
	row, col int
	nowrap   bool
}

func (t *terminal) Write(p []byte) (int, error) {
	s := []rune(string(p))
	for i := 0; i < len(s); i++ {
		switch r := s[i]; r {
		case '\r':
			t.col = 0
		case '\n':
			t.row, t.col = t.row+1, 0
		case '\x1b':
			j := i + 2 // past ESC [
			for j < len(s) && (s[j] < '@' || s[j] > '~') {
				j++
			}
			params, final := string(s[i+2:j]), s[j]
			i = j
			switch {
			case final == 'A':
				n, _ := strconv.Atoi(params)
				t.row = max(t.row-max(n, 1), 0)
			case final == 'J':
				t.grow()
				t.rows[t.row] = t.rows[t.row][:min(t.col, len(t.rows[t.row]))]
				t.rows = t.rows[:t.row+1]
			case params == "?7" && final == 'l':
				t.nowrap = true
			case params == "?7" && final == 'h':
				t.nowrap = false
			}
		default:
			if t.col >= t.width {
				if t.nowrap {
					t.col = t.width - 1
				} else {
					t.row, t.col = t.row+1, 0
				}
			}
			t.grow()
			line := t.rows[t.row]
			for len(line) <= t.col {
				line = append(line, ' ')
			}
			line[t.col] = r
			t.rows[t.row] = line
			t.col++
		}
	}
	return len(p), nil
}

func (t *terminal) grow() {
	for len(t.rows) <= t.row {
		t.rows = append(t.rows, nil)
	}
}

// screen returns the rows, trailing spaces and empty last rows removed.
func (t *terminal) screen() []string {
	var out []string
	for _, r := range t.rows {
		out = append(out, strings.TrimRight(string(r), " "))
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// clock is a settable time source.
type clock struct{ t time.Time }

func (c *clock) now() time.Time                       { return c.t }
func (c *clock) advance(d time.Duration)              { c.t = c.t.Add(d) }
func newClock() *clock                                { return &clock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)} }
func ev(k apply.EventKind, target string) apply.Event { return apply.Event{Kind: k, Target: target} }

func TestLiveProgressDrawsTargetsInPlace(t *testing.T) {
	term := &terminal{width: 80}
	c := newClock()
	p := newLiveProgress(term, false, c.now, 0)
	check := func(step string, want ...string) {
		t.Helper()
		if diff := cmp.Diff(want, term.screen()); diff != "" {
			t.Errorf("%s: screen (-want +got):\n%s", step, diff)
		}
	}
	p.handle(apply.Event{Kind: apply.EventWave, Message: "db-1, db-22"})
	p.handle(ev(apply.EventTarget, "db-1"))
	p.handle(ev(apply.EventTarget, "db-22"))
	c.advance(200 * time.Millisecond)
	p.handle(apply.Event{Kind: apply.EventFileStart, Target: "db-1", File: "migrations/app##1##ddl##a.sql"})
	c.advance(300 * time.Millisecond)
	p.handle(apply.Event{Kind: apply.EventLockWait, Target: "db-22", Message: `pid 42 "dbcd apply #7 prod"`})
	check("first files",
		"wave: db-1, db-22",
		"  db-1   file 1  migrations/app##1##ddl##a.sql  0.3s",
		`  db-22  waiting for the apply lock, held by pid 42 "dbcd apply #7 prod"  0.5s`,
		"0 done, 2 in progress  0.5s")

	p.handle(apply.Event{Kind: apply.EventFileDone, Target: "db-1", File: "migrations/app##1##ddl##a.sql"})
	p.handle(apply.Event{Kind: apply.EventFileStart, Target: "db-1", File: "migrations/app##2##ddl##b.sql"})
	p.handle(apply.Event{Kind: apply.EventRetry, Target: "db-1", File: "migrations/app##2##ddl##b.sql", Message: "lock timeout, retry 1 of 3 in 1s"})
	c.advance(time.Second)
	p.handle(apply.Event{Kind: apply.EventFileDone, Target: "db-1", File: "migrations/app##2##ddl##b.sql"})
	check("between files",
		"wave: db-1, db-22",
		"! db-1   migrations/app##2##ddl##b.sql: lock timeout, retry 1 of 3 in 1s",
		"  db-1   2 files applied  1.5s",
		`  db-22  waiting for the apply lock, held by pid 42 "dbcd apply #7 prod"  1.5s`,
		"0 done, 2 in progress  1.5s")

	p.handle(apply.Event{Kind: apply.EventTargetDone, Target: "db-1", Message: string(apply.TargetApplied)})
	p.handle(apply.Event{Kind: apply.EventFileStart, Target: "db-22", File: "migrations/app##1##ddl##a.sql"})
	p.handle(apply.Event{Kind: apply.EventFileFailed, Target: "db-22", File: "migrations/app##1##ddl##a.sql", Message: "a.sql:3:1: boom\ndetail"})
	c.advance(65 * time.Second)
	p.handle(apply.Event{Kind: apply.EventTargetDone, Target: "db-22", Message: string(apply.TargetFailed)})
	check("all done",
		"wave: db-1, db-22",
		"! db-1   migrations/app##2##ddl##b.sql: lock timeout, retry 1 of 3 in 1s",
		"✓ db-1   2 files applied in 1.5s",
		"✗ db-22  failed after 1m07s at migrations/app##1##ddl##a.sql: a.sql:3:1: boom")
	// The block is gone: what is printed next starts on a fresh line.
	if term.col != 0 || term.row != len(term.screen()) {
		t.Errorf("cursor at row %d col %d, want the start of row %d", term.row, term.col, len(term.screen()))
	}
	p.stop()
	check("after stop",
		"wave: db-1, db-22",
		"! db-1   migrations/app##2##ddl##b.sql: lock timeout, retry 1 of 3 in 1s",
		"✓ db-1   2 files applied in 1.5s",
		"✗ db-22  failed after 1m07s at migrations/app##1##ddl##a.sql: a.sql:3:1: boom")
}

// TestLiveProgressCutsLongLines: with wrapping off, a line wider than the
// terminal takes one row, so redrawing the block keeps its place.
func TestLiveProgressCutsLongLines(t *testing.T) {
	term := &terminal{width: 30}
	c := newClock()
	p := newLiveProgress(term, false, c.now, 0)
	p.handle(ev(apply.EventTarget, "t1"))
	for i := range 3 {
		c.advance(time.Second)
		p.handle(apply.Event{Kind: apply.EventFileStart, Target: "t1", File: "migrations/a-very-long-file-name-" + strconv.Itoa(i) + ".sql"})
	}
	// The terminal keeps overwriting its last column with what follows.
	want := []string{"  t1  file 3  migrations/a-ves", "0 done, 1 in progress  3.0s"}
	if diff := cmp.Diff(want, term.screen()); diff != "" {
		t.Errorf("screen (-want +got):\n%s", diff)
	}
	p.stop()
	if got := term.screen(); len(got) != 0 {
		t.Errorf("after stop the unfinished block should be gone, screen = %q", got)
	}
}

func TestLiveProgressColourAndEscapes(t *testing.T) {
	var plain, colored bytes.Buffer
	for _, c := range []struct {
		buf   *bytes.Buffer
		color bool
	}{{&plain, false}, {&colored, true}} {
		p := newLiveProgress(c.buf, c.color, newClock().now, 0)
		p.handle(ev(apply.EventTarget, "t1"))
		p.handle(apply.Event{Kind: apply.EventTargetDone, Target: "t1", Message: string(apply.TargetUpToDate)})
	}
	for _, seq := range []string{ansiWrapOff, ansiWrapOn, ansiClearBelow, ansiUp(2)} {
		if !strings.Contains(plain.String(), seq) {
			t.Errorf("output lacks %q: %q", seq, plain.String())
		}
	}
	if strings.Contains(plain.String(), "\x1b[3") || strings.Contains(plain.String(), ansiReset) {
		t.Errorf("colour without colour: %q", plain.String())
	}
	if !strings.Contains(colored.String(), ansiGreen+"✓ "+ansiReset+"t1  up to date\n") {
		t.Errorf("coloured output: %q", colored.String())
	}
}

// TestPlainProgressHasNoEscapes: off a terminal each event is one line.
func TestPlainProgressHasNoEscapes(t *testing.T) {
	var buf bytes.Buffer
	progress, stop := newApplyProgress(&buf, false, true)
	progress(ev(apply.EventTarget, "t1"))
	progress(apply.Event{Kind: apply.EventFileStart, Target: "t1", File: "m/1.sql"})
	stop()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 2 || !strings.HasSuffix(lines[0], "] target  t1") || !strings.HasSuffix(lines[1], "] file-start  t1  m/1.sql") ||
		strings.Contains(buf.String(), "\x1b") {
		t.Errorf("plain progress = %q", buf.String())
	}
}

// TestLiveProgressTicks: elapsed times are redrawn without events while a
// target is worked on, and the ticker ends with the block.
func TestLiveProgressTicks(t *testing.T) {
	var mu bytes.Buffer
	w := &lockedBuffer{buf: &mu}
	p := newLiveProgress(w, false, time.Now, 5*time.Millisecond)
	p.handle(ev(apply.EventTarget, "t1"))
	deadline := time.Now().Add(5 * time.Second)
	for w.count() < 4 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if w.count() < 4 {
		t.Fatalf("%d redraws, want the ticker to redraw", w.count())
	}
	p.handle(apply.Event{Kind: apply.EventTargetDone, Target: "t1", Message: string(apply.TargetApplied)})
	p.stop()
	n := w.count()
	time.Sleep(30 * time.Millisecond)
	if w.count() != n {
		t.Errorf("redraws after stop")
	}
}

// lockedBuffer counts writes; the ticker writes from its goroutine.
type lockedBuffer struct {
	mu  sync.Mutex
	buf *bytes.Buffer
	n   int
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	return b.buf.Write(p)
}

func (b *lockedBuffer) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.n
}

// blockingWriter blocks every write until release is closed.
type blockingWriter struct {
	release chan struct{}
	buf     lockedBuffer
}

func (w *blockingWriter) Write(p []byte) (int, error) {
	<-w.release
	return w.buf.Write(p)
}

// TestProgressDoesNotHoldTargets: while the terminal or log pipe blocks,
// the events are queued, not waited for; stop waits until every one is
// written, in order, stamped with the time it happened.
func TestProgressDoesNotHoldTargets(t *testing.T) {
	w := &blockingWriter{release: make(chan struct{}), buf: lockedBuffer{buf: &bytes.Buffer{}}}
	progress, stop := newApplyProgress(w, false, false)
	sent := make(chan struct{})
	go func() {
		for i := range 100 {
			progress(apply.Event{Kind: apply.EventFileStart, Target: "t1", File: fmt.Sprintf("m/%03d.sql", i)})
		}
		close(sent)
	}()
	select {
	case <-sent:
	case <-time.After(5 * time.Second):
		t.Fatal("the progress callback waited for a blocked writer")
	}
	time.Sleep(200 * time.Millisecond)
	close(w.release)
	stop()
	lines := strings.Split(strings.TrimSuffix(w.buf.buf.String(), "\n"), "\n")
	if len(lines) != 100 {
		t.Fatalf("%d lines after stop, want 100", len(lines))
	}
	for i, l := range lines {
		if !strings.HasSuffix(l, fmt.Sprintf("m/%03d.sql", i)) {
			t.Fatalf("line %d = %q: out of order", i, l)
		}
		if !strings.HasPrefix(l, "[   0.0s]") {
			t.Errorf("line %d = %q: stamped when written, not when it happened", i, l)
		}
	}
}
