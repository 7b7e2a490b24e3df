package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/scenario"
)

// ErrOtherRun reports a record file that belongs to another run than the
// one it is given to: another scenario (or seed), or another shard.
var ErrOtherRun = errors.New("the records belong to another run")

// MaxRecords bounds the number of replicas whose records a Records keeps
// (10^7): a run that writes a record file (-out) or checkpoints keeps
// every record in memory (32 bytes each, 320 MB at the limit) and writes
// it (about 60 bytes each in JSON, 600 MB). A streamed run keeps none and
// has no such limit; a larger recorded run is split into shards
// (-shard i/n), each under the limit.
const MaxRecords = 10_000_000

// ErrTooManyRecords reports a Records of more than MaxRecords replicas.
var ErrTooManyRecords = errors.New("too many records to keep")

// Records holds the finished replicas of a first-exit run of a plan, or of
// one shard of it, by cell: what a checkpoint saves, -resume restores and
// a record file stores. RunExits adds every replica that finishes
// (ExitOptions.Records) and skips those already held. Records is safe for
// concurrent use: a checkpoint may be written while replicas finish.
//
// A run is identified by its scenario in canonical form (every default
// filled in, the seed included), its shard, and the number of Monte Carlo
// paths of the theory it is reported with (TheorySamples): Resume refuses
// the records of another run, so that a resumed run is the run it
// continues, replica for replica.
type Records struct {
	plan          *scenario.Plan
	shard         Shard
	first, last   int
	theorySamples int

	mu    sync.Mutex
	cells map[CellKey][]mc.ExitRecord
	n     int
}

// NewRecords returns empty records of the replicas of shard of the plan's
// first-exit run, to be reported with theorySamples Monte Carlo paths per
// minimum set (0: the default; see TheorySamples). The shard must be valid
// and hold at least one replica of Run.Samples.
func NewRecords(p *scenario.Plan, shard Shard, theorySamples int) (*Records, error) {
	if err := shard.Validate(); err != nil {
		return nil, err
	}
	first, last := shard.Range(p.Run.Samples)
	if first == last {
		return nil, fmt.Errorf("pipeline: shard %d/%d of %d samples is empty", shard.Index, shard.Count, p.Run.Samples)
	}
	r := &Records{plan: p, shard: shard, first: first, last: last, theorySamples: theorySamples,
		cells: map[CellKey][]mc.ExitRecord{}}
	if n := r.Replicas(); n > MaxRecords {
		return nil, fmt.Errorf("%w: %d replicas (%d per cell × %d cells) would take %.1f GB, above the %d of pipeline.MaxRecords: split the run with -shard i/n (at least %d shards), or run it without record files",
			ErrTooManyRecords, n, last-first, len(p.Etas)*len(p.Starts), float64(n)*32/1e9, MaxRecords, (n+MaxRecords-1)/MaxRecords*int64(shard.Count))
	}
	return r, nil
}

// Shard returns the shard the records cover.
func (r *Records) Shard() Shard { return r.shard }

// Replicas returns the number of replicas of the run the records cover:
// the shard's share of every cell, summed over the cells.
func (r *Records) Replicas() int64 {
	return int64(r.last-r.first) * int64(len(r.plan.Etas)*len(r.plan.Starts))
}

// Len returns the number of finished replicas held.
func (r *Records) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

// Held returns the number of finished replicas of cell k held.
func (r *Records) Held(k CellKey) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.cells[k])
}

// Add stores a finished replica of cell k.
func (r *Records) Add(k CellKey, rec mc.ExitRecord) {
	r.mu.Lock()
	r.cells[k] = append(r.cells[k], rec)
	r.n++
	r.mu.Unlock()
}

// Resume adds the records of f, a checkpoint or record file of the same
// run: the same scenario in canonical form (so the same seed), the same
// shard, and the same effective number of theory samples (a
// *param.Error named theory.Options.Samples otherwise). Its values must
// pass CheckRecordFile and agree with the plan: every cell of the plan
// once, η-major, and every exit landing in a basin of the plan other than
// its start's (or outside all of them, where the basins allow it).
func (r *Records) Resume(f *RecordFile) error {
	if err := r.sameRun(f); err != nil {
		return err
	}
	if err := CheckRecordFile(f); err != nil {
		return fmt.Errorf("record file: %w", err)
	}
	if err := r.checkCells(f); err != nil {
		return fmt.Errorf("record file: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.n > 0 {
		return errors.New("pipeline: Records.Resume: records already held")
	}
	for _, c := range f.Cells {
		k := CellKey{c.EtaIndex, c.StartIndex}
		r.cells[k] = append(r.cells[k], c.Records...)
		r.n += len(c.Records)
	}
	return nil
}

// checkCells checks the cells of f against the plan: every cell once in
// η-major order, and the landing of every exit a label of the plan's
// basins other than the start's (Resume).
func (r *Records) checkCells(f *RecordFile) error {
	p := r.plan
	want := len(p.Etas) * len(p.Starts)
	if len(f.Cells) != want {
		return fmt.Errorf("cells: %d cells, the run has %d (%d step sizes × %d starts)", len(f.Cells), want, len(p.Etas), len(p.Starts))
	}
	valid := landingLabels(p)
	for i, c := range f.Cells {
		ei, si := i/len(p.Starts), i%len(p.Starts)
		if c.EtaIndex != ei || c.StartIndex != si {
			return fmt.Errorf("cells[%d]: cell (eta %d, start %d), want (eta %d, start %d)", i, c.EtaIndex, c.StartIndex, ei, si)
		}
		basin := p.Starts[si].Basin
		for j, rec := range c.Records {
			if !rec.Censored && (!valid[rec.Landing] || rec.Landing == basin) {
				return fmt.Errorf("cells[%d].records[%d].landing: %d is not a basin an exit from basin %d can land in", i, j, rec.Landing, basin)
			}
		}
	}
	return nil
}

// landingLabels returns the labels an exit of a plan can land in: the
// basins 0..n−1 and, for basins with an outside (landscapes.Below and
// Above() beyond the open ends of a Structure, landscapes.NoBasin in R^d),
// those.
func landingLabels(p *scenario.Plan) map[int]bool {
	n := len(p.Basins.MinimumSets())
	valid := map[int]bool{}
	for j := range n {
		valid[j] = true
	}
	if st, ok := p.Basins.(landscapes.Structure); ok {
		valid[landscapes.Below] = st.OpenLo
		valid[st.Above()] = st.OpenHi
	} else {
		valid[landscapes.NoBasin] = true
	}
	return valid
}

// sameRun checks that f records the run of r (see Resume).
func (r *Records) sameRun(f *RecordFile) error {
	if r.plan.Source == nil {
		return errors.New("pipeline: the plan has no scenario (Plan.Source) to compare a record file with")
	}
	sc, err := f.Scenario()
	if err != nil {
		return err
	}
	theirs, err := json.Marshal(sc)
	if err != nil {
		return err
	}
	mine, err := json.Marshal(r.plan.Source)
	if err != nil {
		return err
	}
	switch {
	case !bytes.Equal(mine, theirs):
		return fmt.Errorf("%w: another scenario or seed", ErrOtherRun)
	case f.Shard != r.shard:
		return fmt.Errorf("%w: shard %d/%d, this run %d/%d", ErrOtherRun, f.Shard.Index, f.Shard.Count, r.shard.Index, r.shard.Count)
	}
	return checkTheorySamples(f.TheorySamples, r.theorySamples)
}

// missing returns the replicas of the shard that cell k lacks, in
// increasing order: the whole range (which costs no memory) when it has
// none.
func (r *Records) missing(k CellKey) mc.ReplicaSet {
	r.mu.Lock()
	defer r.mu.Unlock()
	have := r.cells[k]
	if len(have) == 0 {
		return mc.ReplicaRange(r.first, r.last)
	}
	done := make(map[int]bool, len(have))
	for _, rec := range have {
		done[rec.Replica] = true
	}
	todo := make([]int, 0, r.last-r.first-len(done))
	for k := r.first; k < r.last; k++ {
		if !done[k] {
			todo = append(todo, k)
		}
	}
	return mc.ReplicaIndices(todo)
}

// sorted returns a copy of the records of cell k in replica order.
func (r *Records) sorted(k CellKey) []mc.ExitRecord {
	r.mu.Lock()
	recs := slices.Clone(r.cells[k])
	r.mu.Unlock()
	slices.SortFunc(recs, func(a, b mc.ExitRecord) int { return a.Replica - b.Replica })
	return recs
}

// cell returns cell k with the records held, in replica order, and their
// summary.
func (r *Records) cell(k CellKey) ExitCell {
	recs := r.sorted(k)
	return ExitCell{EtaIndex: k.EtaIndex, StartIndex: k.StartIndex, Basin: r.plan.Starts[k.StartIndex].Basin,
		Experiment: exitExperiment(r.plan, k.EtaIndex, k.StartIndex), Summary: summarise(recs, r.first),
		Records: recs, Requested: r.last - r.first}
}

// Cells returns every cell of the run, η-major, with the records held (a
// merge of shards: the cells of the whole run).
func (r *Records) Cells() []ExitCell {
	var cells []ExitCell
	for ei := range r.plan.Etas {
		for si := range r.plan.Starts {
			cells = append(cells, r.cell(CellKey{ei, si}))
		}
	}
	return cells
}

// File returns the record file of the records held: every cell of the
// plan, η-major, its records in replica order. The plan must have its
// scenario (Plan.Source), which the file quotes.
func (r *Records) File() (*RecordFile, error) {
	if r.plan.Source == nil {
		return nil, errors.New("pipeline: a record file quotes the scenario of its plan, and this plan has none (Plan.Source)")
	}
	text, err := r.plan.Source.TOML()
	if err != nil {
		return nil, err
	}
	f := &RecordFile{Format: RecordFormat, ScenarioTOML: string(text), TheorySamples: r.theorySamples, Shard: r.shard}
	for ei := range r.plan.Etas {
		for si := range r.plan.Starts {
			recs := r.sorted(CellKey{ei, si})
			if recs == nil {
				recs = []mc.ExitRecord{}
			}
			f.Cells = append(f.Cells, RecordCell{EtaIndex: ei, StartIndex: si, Records: recs})
		}
	}
	if err := f.Seal(); err != nil {
		return nil, err
	}
	return f, nil
}

// WriteFile writes the records held to path as a record file, atomically
// (RecordFile.WriteFile).
func (r *Records) WriteFile(path string) error {
	f, err := r.File()
	if err != nil {
		return err
	}
	return f.WriteFile(path)
}

// Checkpoint writes the records held to path every interval, in the
// background, until the returned stop is called (stop waits for a write in
// progress). A failed write is handed to onError (nil: ignored) and the
// next one is tried on time.
func (r *Records) Checkpoint(path string, every time.Duration, onError func(error)) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if err := r.WriteFile(path); err != nil && onError != nil {
					onError(err)
				}
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(done) })
		wg.Wait()
	}
}
