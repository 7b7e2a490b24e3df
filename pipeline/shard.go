package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/scenario"
)

// ShardFormat identifies the raw-record files written by `verify exit -out`
// and `-checkpoint`, and read by `verify merge` and `-resume`.
const ShardFormat = "htsgd-exit-records/1"

// Shard selects part Index (0-based) of Count equal parts of the replicas of
// every cell: replicas [Index·S/Count, (Index+1)·S/Count) of S samples.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// Range returns the replicas [first, last) of the shard for S samples.
func (s Shard) Range(samples int) (first, last int) {
	return s.Index * samples / s.Count, (s.Index + 1) * samples / s.Count
}

// Validate reports whether the shard is well formed.
func (s Shard) Validate() error {
	if s.Count < 1 || s.Index < 0 || s.Index >= s.Count {
		return fmt.Errorf("shard: want i/n with 0 ≤ i < n, got %d/%d", s.Index, s.Count)
	}
	return nil
}

// RecordFile holds the raw per-replica records of (part of) a first-exit
// run: a shard, a checkpoint, or their merge. The scenario is stored as TOML
// text so that merging can check every part ran the same scenario.
type RecordFile struct {
	Format   string `json:"format"`
	Scenario string `json:"scenario_toml"`
	// TheorySamples is the number of Monte Carlo paths per minimum set of
	// the R^d prediction the run was made with (verify -theory-samples; 0:
	// the default, and always 0 in 1-D). The records do not depend on it,
	// but the report does, so merging keeps it.
	TheorySamples int          `json:"theory_samples,omitempty"`
	Shard         Shard        `json:"shard"`
	Cells         []RecordCell `json:"cells"`
}

// RecordCell holds the finished records of one cell.
type RecordCell struct {
	EtaIndex   int             `json:"eta_index"`
	StartIndex int             `json:"start_index"`
	Records    []mc.ExitRecord `json:"records"`
}

// NewRecordFile returns the record file of a run of sc restricted to shard.
func NewRecordFile(sc *scenario.Scenario, shard Shard, records map[CellKey][]mc.ExitRecord, b *scenario.Built) (*RecordFile, error) {
	return newRecordFile(sc, shard, records, len(b.Etas), len(b.Starts))
}

// newRecordFile returns the record file of a run of sc with etas × starts
// cells restricted to shard.
func newRecordFile(sc *scenario.Scenario, shard Shard, records map[CellKey][]mc.ExitRecord, etas, starts int) (*RecordFile, error) {
	text, err := sc.TOML()
	if err != nil {
		return nil, err
	}
	f := &RecordFile{Format: ShardFormat, Scenario: string(text), Shard: shard}
	for ei := range etas {
		for si := range starts {
			recs := slices.Clone(records[CellKey{ei, si}])
			slices.SortFunc(recs, func(a, b mc.ExitRecord) int { return a.Replica - b.Replica })
			if recs == nil {
				recs = []mc.ExitRecord{}
			}
			f.Cells = append(f.Cells, RecordCell{EtaIndex: ei, StartIndex: si, Records: recs})
		}
	}
	return f, nil
}

// Records returns the file's records by cell.
func (f *RecordFile) Records() map[CellKey][]mc.ExitRecord {
	m := map[CellKey][]mc.ExitRecord{}
	for _, c := range f.Cells {
		m[CellKey{c.EtaIndex, c.StartIndex}] = c.Records
	}
	return m
}

// WriteFile writes f to path atomically (a temporary file renamed over it),
// so that an interrupted checkpoint never leaves a truncated file.
func (f *RecordFile) WriteFile(path string) error {
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ReadRecordFile reads a record file and parses its scenario.
func ReadRecordFile(path string) (*RecordFile, *scenario.Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var f RecordFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, nil, fmt.Errorf("%s: not a record file: %w", path, err)
	}
	if f.Format != ShardFormat {
		return nil, nil, fmt.Errorf("%s: format %q, want %q", path, f.Format, ShardFormat)
	}
	sc, err := scenario.Parse([]byte(f.Scenario))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return &f, sc, nil
}

// MergeRecordFiles combines shards of one run: every part must hold the same
// scenario, and together they must hold every replica of every cell exactly
// once. The merged records are sorted by replica, so the report computed
// from them is that of the unsharded run with the same seed.
func MergeRecordFiles(files []*RecordFile) (map[CellKey][]mc.ExitRecord, error) {
	if len(files) == 0 {
		return nil, errors.New("merge: no record files")
	}
	sc, err := scenario.Parse([]byte(files[0].Scenario))
	if err != nil {
		return nil, err
	}
	merged := map[CellKey][]mc.ExitRecord{}
	for i, f := range files {
		if f.Scenario != files[0].Scenario {
			return nil, fmt.Errorf("merge: part %d ran a different scenario than part 0", i)
		}
		if f.TheorySamples != files[0].TheorySamples {
			return nil, fmt.Errorf("merge: part %d ran with -theory-samples %d, part 0 with %d", i, f.TheorySamples, files[0].TheorySamples)
		}
		for k, recs := range f.Records() {
			merged[k] = append(merged[k], recs...)
		}
	}
	for k, recs := range merged {
		slices.SortFunc(recs, func(a, b mc.ExitRecord) int { return a.Replica - b.Replica })
		for j, r := range recs {
			if r.Replica != j {
				if j < r.Replica {
					return nil, fmt.Errorf("merge: cell (eta %d, start %d) lacks replica %d: a shard is missing or unfinished", k.EtaIndex, k.StartIndex, j)
				}
				return nil, fmt.Errorf("merge: cell (eta %d, start %d) has replica %d twice: a shard was given twice", k.EtaIndex, k.StartIndex, r.Replica)
			}
		}
		if len(recs) != sc.Run.Samples {
			return nil, fmt.Errorf("merge: cell (eta %d, start %d) has %d of %d replicas: a shard is missing", k.EtaIndex, k.StartIndex, len(recs), sc.Run.Samples)
		}
		merged[k] = recs
	}
	return merged, nil
}

// CellsFromRecords rebuilds the cells of a first-exit run from records.
func CellsFromRecords(sc *scenario.Scenario, b *scenario.Built, records map[CellKey][]mc.ExitRecord) []ExitCell {
	var cells []ExitCell
	for ei, eta := range b.Etas {
		for si, st := range b.Starts {
			exp := exitExperiment(sc, b, eta, st.X)
			recs := records[CellKey{ei, si}]
			cells = append(cells, ExitCell{EtaIndex: ei, StartIndex: si, Experiment: exp,
				Result: mc.ExitResult{Records: recs, Requested: sc.Run.Samples}})
		}
	}
	return cells
}
