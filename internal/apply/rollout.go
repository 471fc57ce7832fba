package apply

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/dbcd/dbcd/internal/history"
)

// Run applies the stage described by opts. Before anything runs it parses
// every file (ErrBadFile), selects the targets (filter, shard) and checks
// after: gating (*GateError). It then works through the waves, at most
// opts.Parallel targets at once, and starts a wave only when every target
// of the earlier ones succeeded.
//
// The Result is returned whenever the rollout started, also with an error.
// The error is nil when every target succeeded, a *PartialError listing the
// failed targets otherwise (match ErrLockTimeout, ErrMigration, ... with
// errors.Is), or the error that stopped the rollout before it started.
func Run(ctx context.Context, opts Options) (*Result, error) {
	table, err := history.ParseTable(opts.HistoryTable)
	if err != nil {
		return nil, err
	}
	targets, err := selectTargets(&opts)
	if err != nil {
		return nil, err
	}
	units, err := prepare(opts.Files, &opts)
	if err != nil {
		return nil, err
	}
	waves, err := planWaves(opts.Waves, len(targets))
	if err != nil {
		return nil, err
	}
	emit := serialise(opts.Progress)
	res := &Result{Stage: opts.Stage, DryRun: opts.DryRun, Targets: make([]TargetResult, len(targets))}
	if err := gate(ctx, &opts, table, targets, units); err != nil {
		var ge *GateError
		if !opts.DryRun || !opts.GateInResult || !errors.As(err, &ge) {
			return nil, err
		}
		res.Gate = ge
	}
	parallel := max(opts.Parallel, 1)
	from := 0
	failed := false
	for _, upto := range waves {
		if failed {
			for i := from; i < len(targets); i++ {
				res.Targets[i] = TargetResult{Name: targets[i].Name, DB: targets[i].DB, Status: TargetNotStarted}
			}
			break
		}
		names := make([]string, 0, upto-from)
		for _, t := range targets[from:upto] {
			names = append(names, t.Name)
		}
		emit(Event{Kind: EventWave, Message: strings.Join(names, ", ")})
		sem := make(chan struct{}, parallel)
		var wg sync.WaitGroup
		for i := from; i < upto; i++ {
			wg.Add(1)
			sem <- struct{}{}
			go func(i int) {
				defer wg.Done()
				defer func() { <-sem }()
				res.Targets[i] = runTarget(ctx, &opts, table, targets[i], units, emit)
			}(i)
		}
		wg.Wait()
		for i := from; i < upto; i++ {
			failed = failed || res.Targets[i].Err != nil
		}
		from = upto
	}
	var errs []error
	for _, t := range res.Targets {
		if t.Err != nil {
			errs = append(errs, fmt.Errorf("target %s: %w", t.Name, t.Err))
		}
	}
	if len(errs) > 0 {
		return res, &PartialError{Result: res, Errs: errs}
	}
	return res, nil
}

// Selected returns the targets Run would work on: the --target filter or
// the shard applied to Targets.
func (o Options) Selected() ([]Target, error) { return selectTargets(&o) }

// selectTargets applies the target filter and the shard.
func selectTargets(opts *Options) ([]Target, error) {
	var out []Target
	if opts.Target != "" {
		var names []string
		for _, t := range opts.Targets {
			names = append(names, t.Name)
			if t.Name == opts.Target {
				out = append(out, t)
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("stage %s has no target %q (targets: %s)", opts.Stage, opts.Target, strings.Join(names, ", "))
		}
		return out, nil
	}
	sh := opts.Shard
	if sh.Count == 0 {
		return opts.Targets, nil
	}
	if sh.Count < 1 || sh.Index < 1 || sh.Index > sh.Count {
		return nil, fmt.Errorf("shard %d/%d: use I/N with 1 <= I <= N", sh.Index, sh.Count)
	}
	for i, t := range opts.Targets {
		if i%sh.Count == sh.Index-1 {
			out = append(out, t)
		}
	}
	return out, nil
}

// planWaves turns wave sizes ("1", "25%", "100%") into cumulative target
// counts over n targets. A count is at least one more than the last wave's
// (a wave that would add nothing is dropped), and the last wave always
// takes every remaining target.
func planWaves(specs []string, n int) ([]int, error) {
	var out []int
	last := 0
	for _, s := range specs {
		var upto int
		if p, ok := strings.CutSuffix(strings.TrimSpace(s), "%"); ok {
			f, err := strconv.ParseFloat(p, 64)
			if err != nil || f <= 0 || f > 100 {
				return nil, fmt.Errorf("wave %q: use a target count or a percentage from 1%% to 100%%", s)
			}
			upto = int(math.Ceil(f * float64(n) / 100))
		} else {
			c, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || c < 1 {
				return nil, fmt.Errorf("wave %q: use a target count or a percentage from 1%% to 100%%", s)
			}
			upto = c
		}
		upto = min(upto, n)
		if upto > last {
			out = append(out, upto)
			last = upto
		}
	}
	if last < n {
		out = append(out, n)
	}
	return out, nil
}

// serialise wraps a progress callback so that calls never overlap.
func serialise(f func(Event)) func(Event) {
	if f == nil {
		return func(Event) {}
	}
	var mu sync.Mutex
	return func(e Event) {
		mu.Lock()
		defer mu.Unlock()
		f(e)
	}
}
