package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/scenario"
)

// RecordFormat identifies the record files written by `verify exit -out`
// and -checkpoint, and read by `verify merge` and -resume.
const RecordFormat = "htsgd-exit-records/1"

// RecordFile is the file of the raw per-replica records of a first-exit run
// or of a part of it: a shard, a checkpoint, or their merge. Its JSON form
// is the format RecordFormat; the same type is written (Records.File,
// WriteFile) and read (ReadRecordFile), and a file of any other shape is
// refused on reading.
type RecordFile struct {
	// Format is RecordFormat.
	Format string `json:"format"`
	// ScenarioTOML is the scenario of the run as a scenario file, so
	// that the file says what it records and can be checked against the
	// run it is resumed or merged with.
	ScenarioTOML string `json:"scenario_toml"`
	// TheorySamples is the number of Monte Carlo paths per minimum set of
	// the prediction the run was reported with (verify -theory-samples; 0:
	// the default, and always 0 in 1-D). The records do not depend on it,
	// but the report does, so resuming and merging keep it.
	TheorySamples int `json:"theory_samples,omitempty"`
	// Shard is the part of the replicas of every cell the file covers.
	Shard Shard `json:"shard"`
	// Cells holds the finished records of every cell, η-major.
	Cells []RecordCell `json:"cells"`
}

// RecordCell holds the finished records of one cell.
type RecordCell struct {
	EtaIndex   int             `json:"eta_index"`
	StartIndex int             `json:"start_index"`
	Records    []mc.ExitRecord `json:"records"`
}

// Scenario parses the file's scenario.
func (f *RecordFile) Scenario() (*scenario.Scenario, error) {
	return scenario.Parse([]byte(f.ScenarioTOML))
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

// ReadRecordFile reads the record file at path. A file of another format
// or shape (an unknown key, a value of the wrong type, trailing data) or
// whose scenario does not parse is an error naming the path.
func ReadRecordFile(path string) (*RecordFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f RecordFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: not a record file: %w", path, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: not a record file: data after the JSON value", path)
	}
	if f.Format != RecordFormat {
		return nil, fmt.Errorf("%s: format %q, want %q", path, f.Format, RecordFormat)
	}
	if _, err := f.Scenario(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &f, nil
}

// MergeRecordFiles combines the record files of the shards of one run into
// the record file of the whole run (shard 0/1). The parts must record the
// same run (the scenario in canonical form and the effective number of
// theory samples; see Records.Resume) and the same cells, and together
// hold every replica of every cell exactly once. The merged records are
// in replica order, so the report made from them is that of the unsharded
// run with the same seed.
func MergeRecordFiles(files []*RecordFile) (*RecordFile, error) {
	if len(files) == 0 {
		return nil, errors.New("merge: no record files")
	}
	sc, err := files[0].Scenario()
	if err != nil {
		return nil, err
	}
	canon, err := json.Marshal(sc)
	if err != nil {
		return nil, err
	}
	merged := map[CellKey][]mc.ExitRecord{}
	var keys []CellKey
	for _, c := range files[0].Cells {
		keys = append(keys, CellKey{c.EtaIndex, c.StartIndex})
	}
	for i, f := range files {
		s, err := f.Scenario()
		if err != nil {
			return nil, fmt.Errorf("merge: part %d: %w", i, err)
		}
		if other, err := json.Marshal(s); err != nil || !bytes.Equal(other, canon) {
			return nil, fmt.Errorf("merge: part %d ran a different scenario than part 0", i)
		}
		if TheorySamples(f.TheorySamples) != TheorySamples(files[0].TheorySamples) {
			return nil, fmt.Errorf("merge: part %d ran with -theory-samples %d, part 0 with %d", i, f.TheorySamples, files[0].TheorySamples)
		}
		if len(f.Cells) != len(keys) {
			return nil, fmt.Errorf("merge: part %d has %d cells, part 0 %d", i, len(f.Cells), len(keys))
		}
		for j, c := range f.Cells {
			k := CellKey{c.EtaIndex, c.StartIndex}
			if k != keys[j] {
				return nil, fmt.Errorf("merge: part %d has cell (eta %d, start %d) where part 0 has (eta %d, start %d)",
					i, k.EtaIndex, k.StartIndex, keys[j].EtaIndex, keys[j].StartIndex)
			}
			merged[k] = append(merged[k], c.Records...)
		}
	}
	out := &RecordFile{Format: RecordFormat, ScenarioTOML: files[0].ScenarioTOML, TheorySamples: files[0].TheorySamples, Shard: WholeRun}
	for _, k := range keys {
		recs := merged[k]
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
		if recs == nil {
			recs = []mc.ExitRecord{}
		}
		out.Cells = append(out.Cells, RecordCell{EtaIndex: k.EtaIndex, StartIndex: k.StartIndex, Records: recs})
	}
	return out, nil
}
