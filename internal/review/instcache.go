package review

import "slices"

// instanceCache remembers the rule instances of each set of policies during
// a review: the files reached by the same stages share them, instead of
// building them again (with a string key per rule) for every file.
type instanceCache struct {
	c           *Catalog
	opts        Options
	liveSkipped map[string]bool
	sets        []cachedInstances
}

type cachedInstances struct {
	pols  []*Policy
	insts []*instance
}

// get returns c.instances(pols, ...). The instances are shared: callers
// must not change them.
func (ic *instanceCache) get(pols []*Policy) []*instance {
	for _, e := range ic.sets {
		if slices.Equal(e.pols, pols) {
			return e.insts
		}
	}
	insts := ic.c.instances(pols, ic.opts, ic.liveSkipped)
	ic.sets = append(ic.sets, cachedInstances{pols: slices.Clone(pols), insts: insts})
	return insts
}
