package scenario

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/htsgd/htsgd/landscapes"
)

// basinCacheSize bounds the number of basin maps kept by cachedBasinMap.
const basinCacheSize = 8

// basinCache memoises landscapes.NewBasinMap for Build: building the
// map of himmelblau-modified takes seconds, and a process (a command that
// builds a scenario and its variants, a test suite) often builds the same
// landscape several times. A BasinMap is immutable after construction (its
// lazily filled 2-D label cache is safe for concurrent use), so sharing one
// between builds changes no result.
var basinCache = struct {
	sync.Mutex
	entries map[string]*basinEntry
	order   []string // keys, oldest first
}{entries: map[string]*basinEntry{}}

// basinEntry is one memoised NewBasinMap call; once guards its computation
// so that concurrent builds of the same key compute it once.
type basinEntry struct {
	once sync.Once
	bm   *landscapes.BasinMap
	err  error
}

// cachedBasinMap returns landscapes.NewBasinMap(ctx, f, opt) for the
// landscape table l (whose keys determine f), computing it at most once per
// process for each key and options while it stays among the basinCacheSize
// most recent. A computation stopped by the cancellation of ctx is not
// kept: the next call computes it again (a concurrent call waiting for the
// same computation gets the cancellation too).
func cachedBasinMap(ctx context.Context, l *Landscape, f landscapes.Landscape, opt landscapes.BasinMapOptions) (*landscapes.BasinMap, error) {
	// %v prints every float64 in its shortest round-trip form, so equal
	// keys mean equal landscapes and options.
	key := fmt.Sprintf("%s|%v|%v|%v|%v|%v|%+v", l.Kind, l.Centers, l.Depths, l.Widths, ptrVal(l.Confinement), l.dim(), opt)
	if l.Kind == KindHimmelblau {
		key += fmt.Sprintf("|%+v", landscapes.PaperHimmelblau())
	}
	basinCache.Lock()
	e, ok := basinCache.entries[key]
	if !ok {
		e = new(basinEntry)
		basinCache.entries[key] = e
		basinCache.order = append(basinCache.order, key)
		if len(basinCache.order) > basinCacheSize {
			delete(basinCache.entries, basinCache.order[0])
			basinCache.order = basinCache.order[1:]
		}
	}
	basinCache.Unlock()
	e.once.Do(func() { e.bm, e.err = landscapes.NewBasinMap(ctx, f, opt) })
	if e.err != nil && (errors.Is(e.err, context.Canceled) || errors.Is(e.err, context.DeadlineExceeded)) {
		basinCache.Lock()
		if basinCache.entries[key] == e {
			delete(basinCache.entries, key)
			basinCache.order = slices.DeleteFunc(basinCache.order, func(k string) bool { return k == key })
		}
		basinCache.Unlock()
	}
	return e.bm, e.err
}

// ptrVal returns *p, or nil.
func ptrVal[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
