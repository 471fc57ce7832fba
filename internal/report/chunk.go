package report

import (
	"bytes"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/dbcd/dbcd/internal/diag"
)

// chunkSize is how much text the findings renderers gather before they
// write it: a review of thousands of files has megabytes of findings, which
// were put together in memory whole before a single write.
const chunkSize = 64 << 10

// chunked gathers a renderer's text and writes it in chunks of about
// chunkSize, reusing one buffer. A chunk ends only where the renderer calls
// boundary: between files or between findings, never inside a line, so that
// the CLI's writer, which masks secrets in each write, always sees a secret
// whole.
type chunked struct {
	bytes.Buffer
	w   io.Writer
	err error
}

func newChunked(w io.Writer) *chunked {
	c := &chunked{w: w}
	c.Grow(chunkSize + chunkSize/4)
	return c
}

// boundary writes the text gathered so far once it reaches chunkSize.
func (c *chunked) boundary() {
	if c.Len() >= chunkSize {
		c.flush()
	}
}

// flush writes the text gathered so far and returns the first write error.
func (c *chunked) flush() error {
	if c.err == nil && c.Len() > 0 {
		_, c.err = c.w.Write(c.Bytes())
	}
	c.Reset()
	return c.err
}

// segmentSize is about how many findings one segment of a report holds.
const segmentSize = 256

// segments splits fs, which is sorted, into ranges [from, to) of about
// segmentSize findings that end between two files.
func segments(fs []diag.Finding) [][2]int {
	var out [][2]int
	from := 0
	for i := 1; i <= len(fs); i++ {
		if i == len(fs) || (i-from >= segmentSize && fs[i].File != fs[i-1].File) {
			out = append(out, [2]int{from, i})
			from = i
		}
	}
	return out
}

// segmentBufs are the buffers of the segments in flight.
var segmentBufs = sync.Pool{New: func() any { return &chunked{} }}

// writeSegments renders the segments of a report, each into a buffer of its
// own, on up to GOMAXPROCS goroutines when parallel is set, and writes them
// to w in order. A few segments are rendered ahead of the one being
// written, so memory stays bounded however long the report.
func writeSegments(w io.Writer, segs [][2]int, parallel bool, render func(dst *chunked, from, to int)) error {
	workers := 1
	if parallel {
		workers = min(runtime.GOMAXPROCS(0), len(segs))
	}
	if workers <= 1 {
		b := newChunked(w)
		for _, s := range segs {
			render(b, s[0], s[1])
			if b.boundary(); b.err != nil {
				return b.err
			}
		}
		return b.flush()
	}
	type result struct {
		buf  *chunked
		done chan struct{}
	}
	results := make([]result, len(segs))
	for i := range results {
		results[i].done = make(chan struct{})
	}
	window := make(chan struct{}, 4*workers)
	stop := make(chan struct{})
	defer close(stop)
	var next atomic.Int64
	for range workers {
		go func() {
			for {
				select {
				case window <- struct{}{}:
				case <-stop:
					return
				}
				i := int(next.Add(1) - 1)
				if i >= len(segs) {
					return
				}
				b := segmentBufs.Get().(*chunked)
				render(b, segs[i][0], segs[i][1])
				results[i].buf = b
				close(results[i].done)
			}
		}()
	}
	for i := range results {
		<-results[i].done
		b := results[i].buf
		if _, err := w.Write(b.Bytes()); err != nil {
			return err
		}
		b.Reset()
		segmentBufs.Put(b)
		results[i].buf = nil
		<-window
	}
	return nil
}
