package review

import (
	"runtime"
	"sync/atomic"

	"github.com/dbcd/dbcd/internal/sqlparse"
)

// prefetchWindow is how many files the parsing workers may run ahead of the
// review: enough to keep them busy, few enough that the parse trees waiting
// for their turn take little memory.
const prefetchWindow = 64

// prefetch parses the files of a review on GOMAXPROCS-1 workers while the
// review replays the files before them: the review itself is the longest
// path and keeps a processor to itself; when it would wait for a file no
// worker has started yet, it parses the file itself. Parsing is independent per file,
// unlike the replay, which must take the files in order: next hands out
// the parse results in that order.
type prefetch struct {
	files []*File
	out   []parsed
	i     int // the next file to hand out
	// slots limits how far the workers run ahead; nil when the files are
	// parsed by next itself.
	slots chan struct{}
	stop  chan struct{}
	// taken is how many files the workers and next have started on.
	taken atomic.Int64
}

type parsed struct {
	file *sqlparse.File
	err  error
	done chan struct{}
	// slot is set when a worker parsed the file: it holds a slot until
	// next hands the file out.
	slot bool
}

// startPrefetch starts parsing the files of histories, in review order.
// Call next once for each file, in that order, and stop when done.
func startPrefetch(histories []History) *prefetch {
	p := &prefetch{}
	for hi := range histories {
		for fi := range histories[hi].Files {
			p.files = append(p.files, &histories[hi].Files[fi])
		}
	}
	workers := min(runtime.GOMAXPROCS(0)-1, len(p.files)-1)
	if workers < 1 {
		return p
	}
	p.out = make([]parsed, len(p.files))
	for i := range p.out {
		p.out[i].done = make(chan struct{})
	}
	p.slots = make(chan struct{}, prefetchWindow)
	p.stop = make(chan struct{})
	for range workers {
		go func() {
			for {
				// Take a slot before a file, so that files are taken in
				// order and the file next waits for always gets a worker.
				select {
				case p.slots <- struct{}{}:
				case <-p.stop:
					return
				}
				i := int(p.taken.Add(1) - 1)
				if i >= len(p.files) {
					return
				}
				p.out[i].slot = true
				p.parse(i)
			}
		}()
	}
	return p
}

// next returns the parse of the next file.
func (p *prefetch) next() (*sqlparse.File, error) {
	i := p.i
	p.i++
	if p.slots == nil {
		f := p.files[i]
		return sqlparse.Parse(f.Path, f.Content)
	}
	if p.taken.CompareAndSwap(int64(i), int64(i+1)) {
		// No worker has started on the file: waiting would leave this
		// processor idle.
		f := p.files[i]
		return sqlparse.Parse(f.Path, f.Content)
	}
	// While a worker parses the file, parse the next files nobody has
	// started on, rather than wait idle.
	for {
		select {
		case <-p.out[i].done:
		default:
			if j := p.taken.Load(); j < int64(len(p.files)) && j < int64(i+prefetchWindow) && p.taken.CompareAndSwap(j, j+1) {
				p.parse(int(j))
				continue
			}
			<-p.out[i].done
		}
		break
	}
	r := p.out[i]
	p.out[i] = parsed{}
	if r.slot {
		<-p.slots
	}
	return r.file, r.err
}

// parse parses file i into its result.
func (p *prefetch) parse(i int) {
	f := p.files[i]
	p.out[i].file, p.out[i].err = sqlparse.Parse(f.Path, f.Content)
	close(p.out[i].done)
}

// close ends the workers; files not handed out yet are not parsed.
func (p *prefetch) close() {
	if p.stop != nil {
		close(p.stop)
	}
}
