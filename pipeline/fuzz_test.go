package pipeline

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/scenario"
)

// The fuzz tests of record files, merge and resume. Their property: no
// input panics, and no input is accepted unless it is consistent, as
// judged by consistent (written independently of CheckRecordFile and
// Records.Resume): every replica of the file's shard at most once (merge:
// exactly once), steps in [1, run.max_steps], a censored replica at the
// cap with no landing, an exit landing in a basin of the plan other than
// its start's, every cell of the plan once; and a report can be made of
// what was accepted.

// fuzzRun is the small run the fuzzers start from: fastExit with 12
// samples, its three shards and a checkpoint (shard 0/2 half done).
var fuzzRun struct {
	once       sync.Once
	plan       *scenario.Plan
	shards     []*RecordFile // 0/3, 1/3, 2/3
	checkpoint *RecordFile   // 0/2 with some records missing
	err        error
}

// fuzzText is the scenario of fuzzRun (fastExit with 12 samples and a cap
// that censors some replicas).
var fuzzText = strings.NewReplacer(`name = "fast"`, `name = "fuzz"`,
	"samples = 24", "samples = 12", "max_steps = 1000000", "max_steps = 3000").Replace(fastExit)

// fuzzSetup makes fuzzRun once.
func fuzzSetup(tb testing.TB) {
	tb.Helper()
	fuzzRun.once.Do(func() {
		sc, err := scenario.Parse([]byte(fuzzText))
		if err != nil {
			fuzzRun.err = err
			return
		}
		if fuzzRun.plan, err = sc.Build(scenario.BuildOptions{}); err != nil {
			fuzzRun.err = err
			return
		}
		p := fuzzRun.plan
		for i := range 3 {
			rec, err := NewRecords(p, Shard{i, 3}, 0)
			if err == nil {
				_, err = RunExits(context.Background(), p, ExitOptions{Records: rec, Workers: 1})
			}
			var f *RecordFile
			if err == nil {
				f, err = rec.File()
			}
			if err != nil {
				fuzzRun.err = err
				return
			}
			fuzzRun.shards = append(fuzzRun.shards, f)
		}
		rec, err := NewRecords(p, Shard{0, 2}, 0)
		if err != nil {
			fuzzRun.err = err
			return
		}
		first, last := Shard{0, 2}.Range(p.Run.Samples)
		for ei := range p.Etas {
			for si := range p.Starts {
				exp := exitExperiment(p, ei, si)
				for k := first; k < last; k += 2 {
					r, err := exp.Run(context.Background(), mc.ExitKey(p.Run.Seed, ei, si).Rand(k))
					if err != nil {
						fuzzRun.err = err
						return
					}
					r.Replica = k
					rec.Add(CellKey{ei, si}, r)
				}
			}
		}
		fuzzRun.checkpoint, fuzzRun.err = rec.File()
	})
	if fuzzRun.err != nil {
		tb.Fatal(fuzzRun.err)
	}
}

// addCorpus adds the files of dir matching glob as seeds.
func addCorpus(f *testing.F, glob string) {
	files, err := filepath.Glob(glob)
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// FuzzRecordFile feeds arbitrary bytes to the reader of record files, as
// they are (the content hash must match) and resealed (so that the value
// checks are reached), and resumes the plan's run from what it accepts.
func FuzzRecordFile(f *testing.F) {
	fuzzSetup(f)
	for _, rf := range append(slices.Clone(fuzzRun.shards), fuzzRun.checkpoint) {
		data, err := json.Marshal(rf)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	addCorpus(f, "../cmd/verify/testdata/corpus/records/*.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		if rf, err := decodeRecordFile(data); err == nil {
			checkAccepted(t, rf, false)
		}
		// Resealed: the same bytes with the hash they would have.
		var raw RecordFile
		if json.Unmarshal(data, &raw) != nil {
			return
		}
		if err := raw.Seal(); err != nil {
			return
		}
		sealed, err := json.Marshal(&raw)
		if err != nil {
			return
		}
		rf, err := decodeRecordFile(sealed)
		if err != nil {
			return
		}
		checkAccepted(t, rf, false)
	})
}

// FuzzMerge edits the three shards of fuzzRun with the operations the
// input encodes (fuzzEdit) and merges them: a merge that is accepted, and
// resumed into the plan's whole run, must be the complete, consistent run.
func FuzzMerge(f *testing.F) {
	fuzzSetup(f)
	f.Add([]byte{})
	f.Add([]byte{0, 1, 0, 3})
	f.Add([]byte{6, 2, 0, 0})
	f.Add([]byte{7, 0, 0, 0, 6, 2, 0, 0})
	f.Add([]byte{2, 0, 5, 200, 9, 1, 0, 4})
	f.Fuzz(func(t *testing.T, ops []byte) {
		parts := make([]*RecordFile, len(fuzzRun.shards))
		for i, p := range fuzzRun.shards {
			parts[i] = cloneRecordFile(p)
		}
		parts = fuzzEdit(parts, ops)
		merged, err := MergeRecordFiles(parts)
		if err != nil {
			return
		}
		checkAccepted(t, merged, true)
	})
}

// FuzzResume edits the checkpoint of fuzzRun (shard 0/2, half done) with
// the operations the input encodes and resumes the run from it: what is
// accepted must be consistent, and the run resumed from it must finish
// with every replica of the shard once.
func FuzzResume(f *testing.F) {
	fuzzSetup(f)
	f.Add([]byte{})
	f.Add([]byte{1, 0, 0, 0})
	f.Add([]byte{5, 0, 1, 11})
	f.Add([]byte{3, 0, 2, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		parts := fuzzEdit([]*RecordFile{cloneRecordFile(fuzzRun.checkpoint)}, ops)
		if len(parts) == 0 {
			return
		}
		rf := parts[0]
		p := fuzzRun.plan
		rec, err := NewRecords(p, Shard{0, 2}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := rec.Resume(rf); err != nil {
			return
		}
		held, err := rec.File()
		if err != nil {
			t.Fatal(err)
		}
		consistent(t, p, held, false)
		if _, err := RunExits(context.Background(), p, ExitOptions{Records: rec, Workers: 1}); err != nil {
			t.Fatal(err)
		}
		done, err := rec.File()
		if err != nil {
			t.Fatal(err)
		}
		consistent(t, p, done, true)
	})
}

// checkAccepted checks a record file a reader or merge accepted: it must
// be consistent with the plan of its scenario (when that plan is quick to
// build: the 1-D and quadratic kinds), complete if whole, and a report
// must be made of it.
func checkAccepted(t *testing.T, rf *RecordFile, whole bool) {
	t.Helper()
	sc, err := rf.Scenario()
	if err != nil {
		t.Fatalf("accepted a record file whose scenario does not parse: %v", err)
	}
	if sc.Dimension() > 1 && sc.Landscape.Kind != scenario.KindQuadratic {
		return
	}
	p, err := sc.Build(scenario.BuildOptions{})
	if err != nil {
		return // a scenario of no plan: Resume cannot take it
	}
	rec, err := NewRecords(p, rf.Shard, rf.TheorySamples)
	if err != nil {
		return
	}
	if err := rec.Resume(rf); err != nil {
		return
	}
	consistent(t, p, rf, whole)
	if _, err := ExitReport(p, nil, nil, rec.Cells()); err != nil {
		t.Fatalf("no report of accepted records: %v", err)
	}
}

// consistent fails unless rf is a consistent record file of a run of p:
// every cell of p once, η-major; every replica within the shard, at most
// once (exactly once when complete); values as a run makes them.
func consistent(t *testing.T, p *scenario.Plan, rf *RecordFile, complete bool) {
	t.Helper()
	if len(rf.Cells) != len(p.Etas)*len(p.Starts) {
		t.Fatalf("accepted %d cells, the run has %d", len(rf.Cells), len(p.Etas)*len(p.Starts))
	}
	first, last := rf.Shard.Range(p.Run.Samples)
	n := len(p.Basins.MinimumSets())
	st, line := p.Basins.(landscapes.Structure)
	for i, c := range rf.Cells {
		if c.EtaIndex != i/len(p.Starts) || c.StartIndex != i%len(p.Starts) {
			t.Fatalf("accepted cell %d as (η %d, start %d)", i, c.EtaIndex, c.StartIndex)
		}
		basin := p.Starts[c.StartIndex].Basin
		seen := map[int]bool{}
		for _, r := range c.Records {
			switch {
			case r.Replica < first || r.Replica >= last || seen[r.Replica]:
				t.Fatalf("accepted replica %d of cell %d (shard [%d, %d), seen %v)", r.Replica, i, first, last, seen[r.Replica])
			case r.Steps < 1 || r.Steps > p.Run.MaxSteps:
				t.Fatalf("accepted steps %d (cap %d)", r.Steps, p.Run.MaxSteps)
			case r.Censored && (r.Steps != p.Run.MaxSteps || r.Landing != mc.NoLanding):
				t.Fatalf("accepted a censored replica %+v (cap %d)", r, p.Run.MaxSteps)
			case !r.Censored && r.Landing == basin:
				t.Fatalf("accepted an exit landing in its start's basin %+v", r)
			case !r.Censored && (r.Landing < -1 || r.Landing > n):
				t.Fatalf("accepted a landing %d of %d basins", r.Landing, n)
			case !r.Censored && line && (r.Landing == landscapes.Below && !st.OpenLo || r.Landing == n && !st.OpenHi):
				t.Fatalf("accepted a landing %d beyond a closed end", r.Landing)
			case !r.Censored && !line && r.Landing == n:
				t.Fatalf("accepted a landing %d in R^d", r.Landing)
			}
			seen[r.Replica] = true
		}
		if complete && len(seen) != last-first {
			t.Fatalf("accepted %d of the %d replicas of cell %d as complete", len(seen), last-first, i)
		}
	}
}

// cloneRecordFile returns a deep copy of f.
func cloneRecordFile(f *RecordFile) *RecordFile {
	g := *f
	g.Cells = make([]RecordCell, len(f.Cells))
	for i, c := range f.Cells {
		g.Cells[i] = RecordCell{EtaIndex: c.EtaIndex, StartIndex: c.StartIndex, Records: slices.Clone(c.Records)}
	}
	return &g
}

// fuzzEdit applies the operations encoded in ops to the parts, 4 bytes
// each: (operation, part, index, value). The operations drop, duplicate
// or change a record (replica, steps, landing, censoring), drop, repeat or
// reorder a cell or a part, and change a part's shard, theory samples or
// scenario (its seed).
func fuzzEdit(parts []*RecordFile, ops []byte) []*RecordFile {
	for len(ops) >= 4 && len(parts) > 0 {
		op, pi, idx, val := ops[0]%16, int(ops[1])%len(parts), int(ops[2]), ops[3]
		ops = ops[4:]
		f := parts[pi]
		// rec returns the record at idx across the cells, or nil.
		rec := func() *mc.ExitRecord {
			k := idx
			for ci := range f.Cells {
				if k < len(f.Cells[ci].Records) {
					return &f.Cells[ci].Records[k]
				}
				k -= len(f.Cells[ci].Records)
			}
			return nil
		}
		cell := func() *RecordCell {
			if len(f.Cells) == 0 {
				return nil
			}
			return &f.Cells[idx%len(f.Cells)]
		}
		switch op {
		case 0: // drop a record
			if c := cell(); c != nil && len(c.Records) > 0 {
				k := int(val) % len(c.Records)
				c.Records = slices.Delete(c.Records, k, k+1)
			}
		case 1: // duplicate a record
			if c := cell(); c != nil && len(c.Records) > 0 {
				k := int(val) % len(c.Records)
				c.Records = slices.Insert(c.Records, k, c.Records[k])
			}
		case 2: // steps
			if r := rec(); r != nil {
				r.Steps = int64(int8(val)) * int64(binary.BigEndian.Uint16([]byte{val, byte(idx)}))
			}
		case 3: // landing
			if r := rec(); r != nil {
				r.Landing = int(int8(val)) % 5
			}
		case 4: // censoring
			if r := rec(); r != nil {
				r.Censored = !r.Censored
			}
		case 5: // replica
			if r := rec(); r != nil {
				r.Replica = int(int8(val))
			}
		case 6: // drop a part
			parts = slices.Delete(parts, pi, pi+1)
		case 7: // repeat a part
			parts = append(parts, cloneRecordFile(f))
		case 8: // shard index
			f.Shard.Index = int(int8(val))
		case 9: // shard count
			f.Shard.Count = int(int8(val))
		case 10: // drop a cell
			if len(f.Cells) > 0 {
				k := idx % len(f.Cells)
				f.Cells = slices.Delete(f.Cells, k, k+1)
			}
		case 11: // swap two cells
			if len(f.Cells) > 1 {
				a, b := idx%len(f.Cells), int(val)%len(f.Cells)
				f.Cells[a], f.Cells[b] = f.Cells[b], f.Cells[a]
			}
		case 12: // cell indices
			if c := cell(); c != nil {
				c.EtaIndex, c.StartIndex = int(int8(val))%4, int(int8(val>>4))%4
			}
		case 13: // theory samples
			f.TheorySamples = int(int8(val)) * 1000
		case 14: // another seed
			f.ScenarioTOML = fmt.Sprintf("%s\n", replaceSeed(f.ScenarioTOML, int(val)))
		case 15: // records of another cell
			if len(f.Cells) > 1 {
				a, b := idx%len(f.Cells), int(val)%len(f.Cells)
				f.Cells[a].Records = slices.Clone(f.Cells[b].Records)
			}
		}
	}
	return parts
}

// replaceSeed returns the scenario text with run.seed = seed.
func replaceSeed(text string, seed int) string {
	sc, err := scenario.Parse([]byte(text))
	if err != nil {
		return text
	}
	sc.Run.Seed = int64(seed)
	out, err := sc.TOML()
	if err != nil {
		return text
	}
	return string(out)
}

// TestFuzzSetup checks the starting point of the fuzzers: the shards merge
// into the whole run, and the checkpoint resumes and finishes.
func TestFuzzSetup(t *testing.T) {
	fuzzSetup(t)
	merged, err := MergeRecordFiles(fuzzRun.shards)
	if err != nil {
		t.Fatal(err)
	}
	checkAccepted(t, merged, true)
	rec, err := NewRecords(fuzzRun.plan, Shard{0, 2}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.Resume(cloneRecordFile(fuzzRun.checkpoint)); err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(fuzzRun.checkpoint.Cells[0].Records, fuzzRun.shards[0].Cells[0].Records) {
		t.Error("the checkpoint is not partial")
	}
}
