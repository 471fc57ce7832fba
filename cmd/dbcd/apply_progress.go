package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/dbcd/dbcd/internal/apply"
)

// newApplyProgress returns the progress callback of `dbcd apply` and a
// function that stops it. With live set (standard error is a terminal and
// --quiet is not given) the targets being worked on are drawn in place,
// each with its current file and elapsed time, under the lines of what
// already happened; otherwise every event is one plain line, as CI logs
// want. color styles the live view.
//
// The events are drawn on a goroutine of their own, fed through a queue,
// so that a slow terminal or a log pipe nobody reads for a while never
// holds the targets back; stop returns once every event is drawn.
func newApplyProgress(w io.Writer, live, color bool) (progress func(apply.Event), stop func()) {
	start := time.Now()
	if !live {
		return decoupled(func(e apply.Event, at time.Time) {
			fmt.Fprintf(w, "[%6.1fs] %s\n", at.Sub(start).Seconds(), progressLine(e))
		}, func() {})
	}
	p := newLiveProgress(w, color, time.Now, 100*time.Millisecond)
	return decoupled(func(e apply.Event, _ time.Time) { p.handle(e) }, p.stop)
}

// progressQueue is how many events may wait to be drawn before the targets
// wait for the terminal after all.
const progressQueue = 4096

// decoupled returns a callback that queues each event with the time it
// happened for handle, which runs on a goroutine of its own, and a stop
// that waits for the queue to drain and then calls done. The callback must
// not be called after stop.
func decoupled(handle func(apply.Event, time.Time), done func()) (progress func(apply.Event), stop func()) {
	type queued struct {
		e  apply.Event
		at time.Time
	}
	q := make(chan queued, progressQueue)
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		for item := range q {
			handle(item.e, item.at)
		}
	}()
	var once sync.Once
	return func(e apply.Event) { q <- queued{e, time.Now()} }, func() {
		once.Do(func() {
			close(q)
			<-drained
			done()
		})
	}
}

// liveProgress draws apply's progress on a terminal. Finished targets,
// warnings and retries become permanent lines; below them a block of one
// line per target being worked on, and a footer with the counts, is
// redrawn in place (the cursor moves up over it and clears to the end of
// the screen). Once no target is being worked on the block is gone, so
// whatever is printed after the run starts on a clean line. The block is
// drawn with line wrapping off, so that a line longer than the terminal
// is cut instead of taking two rows, which would break the count of rows
// to move up.
type liveProgress struct {
	mu    sync.Mutex
	w     io.Writer
	color bool
	now   func() time.Time
	start time.Time
	// interval is how often elapsed times are redrawn while a target is
	// being worked on; zero redraws only on events (tests).
	interval time.Duration

	active []*targetProgress
	// lines are the permanent lines to print before the next block.
	lines []string
	// drawn is the number of rows of the block on the screen.
	drawn               int
	done, failed, nameW int
	ticking, stopped    bool
	stopTick            chan struct{}
	tickWG              sync.WaitGroup
}

// targetProgress is what the block shows of a target.
type targetProgress struct {
	name      string
	start     time.Time
	lockWait  bool
	holder    string
	file      string
	fileStart time.Time
	// files counts the files started, applied those done.
	files, applied int
	failure        string
}

func newLiveProgress(w io.Writer, color bool, now func() time.Time, interval time.Duration) *liveProgress {
	return &liveProgress{w: w, color: color, now: now, start: now(), interval: interval}
}

// ANSI sequences: move to the start of the line, up n rows, clear to the
// end of the screen; line wrapping off and on; styles.
const (
	ansiClearBelow = "\x1b[J"
	ansiWrapOff    = "\x1b[?7l"
	ansiWrapOn     = "\x1b[?7h"
	ansiReset      = "\x1b[0m"
	ansiBold       = "\x1b[1m"
	ansiDim        = "\x1b[2m"
	ansiRed        = "\x1b[31m"
	ansiGreen      = "\x1b[32m"
	ansiYellow     = "\x1b[33m"
)

func ansiUp(n int) string { return fmt.Sprintf("\r\x1b[%dA", n) }

// style wraps s in an ANSI style when colour is on.
func (p *liveProgress) style(code, s string) string {
	if !p.color {
		return s
	}
	return code + s + ansiReset
}

// handle takes one event and redraws.
func (p *liveProgress) handle(e apply.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	now := p.now()
	var t *targetProgress
	if e.Target != "" {
		t = p.target(e.Target, now)
	}
	switch e.Kind {
	case apply.EventWave:
		// Align the names of the whole wave from its start.
		for _, name := range strings.Split(e.Message, ", ") {
			p.nameW = min(max(p.nameW, len(name)), 24)
		}
		p.lines = append(p.lines, p.style(ansiDim, "wave: "+e.Message))
	case apply.EventTarget:
		t.start = now
	case apply.EventLockWait:
		t.lockWait, t.holder = true, e.Message
	case apply.EventFileStart:
		t.lockWait = false
		t.file, t.fileStart = e.File, now
		t.files++
	case apply.EventFileDone:
		t.applied++
		t.file = ""
	case apply.EventFileFailed:
		t.failure = e.File + ": " + firstLineOf(e.Message)
	case apply.EventRetry:
		p.lines = append(p.lines, p.style(ansiYellow, "! ")+p.pad(e.Target)+"  "+e.File+": "+e.Message)
	case apply.EventWarning:
		p.lines = append(p.lines, p.style(ansiYellow, "! ")+p.pad(e.Target)+"  warning: "+firstLineOf(e.Message))
	case apply.EventTargetDone:
		p.finish(t, apply.TargetStatus(e.Message), now)
	}
	p.draw(now)
	p.tick()
}

// target returns the entry of name, adding it to the block if needed.
func (p *liveProgress) target(name string, now time.Time) *targetProgress {
	for _, t := range p.active {
		if t.name == name {
			return t
		}
	}
	t := &targetProgress{name: name, start: now}
	p.active = append(p.active, t)
	p.nameW = min(max(p.nameW, len(name)), 24)
	return t
}

// finish turns t into a permanent line and takes it out of the block.
func (p *liveProgress) finish(t *targetProgress, status apply.TargetStatus, now time.Time) {
	for i, a := range p.active {
		if a == t {
			p.active = append(p.active[:i], p.active[i+1:]...)
			break
		}
	}
	took := fmtElapsed(now.Sub(t.start))
	var line string
	switch status {
	case apply.TargetFailed:
		p.failed++
		what := "failed after " + took
		if t.failure != "" {
			what += " at " + t.failure
		}
		line = p.style(ansiRed, "✗ ") + p.pad(t.name) + "  " + p.style(ansiRed, what)
	case apply.TargetApplied:
		p.done++
		line = p.style(ansiGreen, "✓ ") + p.pad(t.name) + "  " + fmt.Sprintf("%s applied in %s", nFiles(t.applied), took)
	case apply.TargetPending:
		p.done++
		line = "• " + p.pad(t.name) + "  has pending files"
	default:
		p.done++
		line = p.style(ansiGreen, "✓ ") + p.pad(t.name) + "  " + strings.ReplaceAll(string(status), "-", " ")
	}
	p.lines = append(p.lines, line)
}

// draw replaces the block on the screen with the pending permanent lines
// and the current block.
func (p *liveProgress) draw(now time.Time) {
	var b strings.Builder
	if p.drawn > 0 {
		b.WriteString(ansiUp(p.drawn))
	} else {
		b.WriteString("\r")
	}
	b.WriteString(ansiClearBelow)
	for _, l := range p.lines {
		b.WriteString(l + "\n")
	}
	p.lines = p.lines[:0]
	p.drawn = 0
	if len(p.active) > 0 {
		b.WriteString(ansiWrapOff)
		for _, t := range p.active {
			b.WriteString(p.activeLine(t, now) + "\n")
		}
		footer := fmt.Sprintf("%d done", p.done)
		if p.failed > 0 {
			footer += ", " + p.style(ansiRed, fmt.Sprintf("%d failed", p.failed))
		}
		footer += fmt.Sprintf(", %d in progress  %s", len(p.active), fmtElapsed(now.Sub(p.start)))
		b.WriteString(p.style(ansiDim, footer) + "\n")
		b.WriteString(ansiWrapOn)
		p.drawn = len(p.active) + 1
	}
	_, _ = io.WriteString(p.w, b.String())
}

// activeLine is the block's line for a target being worked on.
func (p *liveProgress) activeLine(t *targetProgress, now time.Time) string {
	var what string
	switch {
	case t.lockWait:
		holder := t.holder
		if holder == "" {
			holder = "another session"
		}
		what = p.style(ansiYellow, "waiting for the apply lock, held by "+holder) + "  " + fmtElapsed(now.Sub(t.start))
	case t.file != "":
		what = fmt.Sprintf("file %d  %s  %s", t.files, p.style(ansiBold, t.file), fmtElapsed(now.Sub(t.fileStart)))
	case t.files > 0:
		what = fmt.Sprintf("%s applied  %s", nFiles(t.applied), fmtElapsed(now.Sub(t.start)))
	default:
		what = "connecting  " + fmtElapsed(now.Sub(t.start))
	}
	return "  " + p.pad(t.name) + "  " + what
}

// pad left-aligns a target name in the width of the longest seen.
func (p *liveProgress) pad(name string) string {
	if len(name) >= p.nameW {
		return name
	}
	return name + strings.Repeat(" ", p.nameW-len(name))
}

// tick keeps a goroutine redrawing elapsed times while targets are being
// worked on; it ends when the block is empty. Called with p.mu held.
func (p *liveProgress) tick() {
	if p.interval <= 0 || p.ticking || len(p.active) == 0 {
		return
	}
	p.ticking = true
	p.stopTick = make(chan struct{})
	p.tickWG.Add(1)
	go func(stopc chan struct{}) {
		defer p.tickWG.Done()
		t := time.NewTicker(p.interval)
		defer t.Stop()
		for {
			select {
			case <-stopc:
				return
			case <-t.C:
			}
			p.mu.Lock()
			if p.stopped || len(p.active) == 0 {
				p.ticking = false
				p.mu.Unlock()
				return
			}
			p.draw(p.now())
			p.mu.Unlock()
		}
	}(p.stopTick)
}

// stop ends the redrawing and removes a block still on the screen (after
// a run that ended without finishing every target it started).
func (p *liveProgress) stop() {
	p.mu.Lock()
	if p.stopped {
		p.mu.Unlock()
		return
	}
	p.stopped = true
	if p.ticking {
		close(p.stopTick)
		p.ticking = false
	}
	if p.drawn > 0 || len(p.lines) > 0 {
		p.active = nil
		p.draw(p.now())
	}
	p.mu.Unlock()
	p.tickWG.Wait()
}

// fmtElapsed formats a duration as 0.4s, 12.3s or 2m05s.
func fmtElapsed(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}

func firstLineOf(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// nFiles is "1 file" or "N files".
func nFiles(n int) string {
	if n == 1 {
		return "1 file"
	}
	return fmt.Sprintf("%d files", n)
}
