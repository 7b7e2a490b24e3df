package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// RecordFormat identifies the record files written by `verify exit -out`
// and -checkpoint, and read by `verify merge` and -resume. Version 2 added
// the content hash (RecordFile.Digest); files of version 1 are refused.
const RecordFormat = "htsgd-exit-records/2"

// recordFormatV1 is the format before the content hash.
const recordFormatV1 = "htsgd-exit-records/1"

// MaxRecordFileSize bounds the size of a record file that ReadRecordFile
// reads (1 GiB): MaxRecords records take about 60 bytes each in JSON, well
// under it, and a larger file is refused before it is read into memory.
const MaxRecordFileSize = 1 << 30

// RecordFile is the file of the raw per-replica records of a first-exit run
// or of a part of it: a shard, a checkpoint, or their merge. Its JSON form
// is the format RecordFormat; the same type is written (Records.File,
// WriteFile) and read (ReadRecordFile), and a file of any other shape is
// refused on reading.
//
// Integrity. The file carries a SHA-256 hash of its content (Digest: the
// scenario with its seed, the shard, the theory samples and every record),
// written by WriteFile and checked by ReadRecordFile, so that an edited or
// corrupted file (a changed step count, a flipped bit) is refused rather
// than merged or resumed. Its values are checked too (CheckRecordFile, and
// against the plan of the run by Records.Resume): every replica within its
// shard and at most once, in replica order; 1 ≤ steps ≤ run.max_steps, a
// censored replica at the cap with no landing, an exit landing in a basin
// (or outside all, where the landscape allows it) other than its start's;
// and every cell of the run present once, η-major.
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
	// Digest is the hexadecimal SHA-256 of the file's JSON encoding with
	// Digest empty (Seal); "" for a file not sealed yet.
	Digest string `json:"sha256"`
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

// contentDigest returns the SHA-256 of f's JSON encoding with Digest empty.
func (f *RecordFile) contentDigest() (string, error) {
	g := *f
	g.Digest = ""
	data, err := json.Marshal(&g)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:]), nil
}

// Seal sets Digest to the hash of f's content.
func (f *RecordFile) Seal() error {
	d, err := f.contentDigest()
	if err != nil {
		return err
	}
	f.Digest = d
	return nil
}

// WriteFile seals f and writes it to path atomically: a temporary file in
// the same directory, synced to disk, made readable by all (mode 0644,
// like any output file) and renamed over path, so that an interrupted
// checkpoint never leaves a truncated file; a failure at any step removes
// the temporary file.
func (f *RecordFile) WriteFile(path string) error {
	if err := f.Seal(); err != nil {
		return err
	}
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return report.WriteFileAtomic(path, append(data, '\n'))
}

// ReadRecordFile reads the record file at path and checks it: its format,
// its content hash (an edited or corrupted file is refused), its scenario,
// and its values (CheckRecordFile). A file of another format or shape (an
// unknown key, a value of the wrong type, trailing data), a directory, or
// a file larger than MaxRecordFileSize is an error; every error names the
// path and, for a bad value, its place in the file
// ("cells[2].records[17].steps").
func ReadRecordFile(path string) (*RecordFile, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a record file: not a regular file", path)
	}
	data, err := io.ReadAll(io.LimitReader(fh, MaxRecordFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > MaxRecordFileSize {
		return nil, fmt.Errorf("%s: not a record file: larger than %d bytes (pipeline.MaxRecordFileSize)", path, MaxRecordFileSize)
	}
	f, err := decodeRecordFile(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// decodeRecordFile decodes and checks the bytes of a record file (see
// ReadRecordFile).
func decodeRecordFile(data []byte) (*RecordFile, error) {
	var f RecordFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		// A file of the first format has no sha256 key: say so rather
		// than report an unknown key elsewhere.
		if bytes.Contains(data, []byte(`"`+recordFormatV1+`"`)) {
			return nil, errors.New("format " + recordFormatV1 + " (written before record files carried a content hash): run the part again")
		}
		return nil, fmt.Errorf("not a record file: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("not a record file: data after the JSON value")
	}
	switch f.Format {
	case RecordFormat:
	case recordFormatV1:
		return nil, errors.New("format " + recordFormatV1 + " (written before record files carried a content hash): run the part again")
	default:
		return nil, fmt.Errorf("format %q, want %q", f.Format, RecordFormat)
	}
	want, err := f.contentDigest()
	if err != nil {
		return nil, err
	}
	if f.Digest != want {
		return nil, errors.New("sha256: the content hash does not match the content: the file was edited or corrupted after it was written")
	}
	if err := CheckRecordFile(&f); err != nil {
		return nil, err
	}
	return &f, nil
}

// CheckRecordFile checks the values of a record file that do not need the
// plan of its run: the scenario parses; the shard is well formed; cells are
// in η-major order, each at most once, with indices in range of the
// scenario's step sizes; every record's replica lies in the shard
// (Shard.Range of run.samples), strictly increasing; 1 ≤ steps ≤
// run.max_steps; a censored replica has steps = run.max_steps and landing
// mc.NoLanding; an exit has a landing ≥ −1 (a basin, or landscapes.Below /
// NoBasin). Records.Resume checks the rest against the plan. Errors name
// the place in the file ("cells[1].records[4].landing").
func CheckRecordFile(f *RecordFile) error {
	sc, err := f.Scenario()
	if err != nil {
		return fmt.Errorf("scenario_toml: %w", err)
	}
	if err := f.Shard.Validate(); err != nil {
		return fmt.Errorf("shard: %w", err)
	}
	first, last := f.Shard.Range(sc.Run.Samples)
	cap := sc.Run.MaxSteps
	for i, c := range f.Cells {
		at := fmt.Sprintf("cells[%d]", i)
		switch {
		case c.EtaIndex < 0 || c.EtaIndex >= len(sc.SGD.Eta):
			return fmt.Errorf("%s.eta_index: %d is not an index of the scenario's %d step sizes", at, c.EtaIndex, len(sc.SGD.Eta))
		case c.StartIndex < 0:
			return fmt.Errorf("%s.start_index: must be ≥ 0, got %d", at, c.StartIndex)
		case i > 0 && !cellBefore(f.Cells[i-1], c):
			return fmt.Errorf("%s: cell (eta %d, start %d) is repeated or out of η-major order", at, c.EtaIndex, c.StartIndex)
		}
		for j, r := range c.Records {
			rat := fmt.Sprintf("%s.records[%d]", at, j)
			switch {
			case r.Replica < first || r.Replica >= last:
				return fmt.Errorf("%s.replica: %d is outside the shard %d/%d, replicas [%d, %d)", rat, r.Replica, f.Shard.Index, f.Shard.Count, first, last)
			case j > 0 && r.Replica <= c.Records[j-1].Replica:
				return fmt.Errorf("%s.replica: %d is repeated or out of order (after %d)", rat, r.Replica, c.Records[j-1].Replica)
			case r.Steps < 1 || r.Steps > cap:
				return fmt.Errorf("%s.steps: must be in [1, %d] (run.max_steps), got %d", rat, cap, r.Steps)
			case r.Censored && r.Steps != cap:
				return fmt.Errorf("%s.steps: a censored replica stops at the cap %d (run.max_steps), got %d", rat, cap, r.Steps)
			case r.Censored && r.Landing != mc.NoLanding:
				return fmt.Errorf("%s.landing: a censored replica has no landing (%d), got %d", rat, mc.NoLanding, r.Landing)
			case !r.Censored && r.Landing < -1:
				return fmt.Errorf("%s.landing: an exit lands in a basin (≥ 0) or outside all (−1), got %d", rat, r.Landing)
			}
		}
	}
	return nil
}

// cellBefore reports whether cell a comes strictly before cell b in
// η-major order.
func cellBefore(a, b RecordCell) bool {
	return a.EtaIndex < b.EtaIndex || a.EtaIndex == b.EtaIndex && a.StartIndex < b.StartIndex
}

// MergeRecordFiles combines the record files of the shards of one run into
// the record file of the whole run (shard 0/1). The parts must record the
// same run (the scenario in canonical form and the effective number of
// theory samples; see Records.Resume), be shards i/n of the same n with
// distinct i, each pass CheckRecordFile, have the same cells, and together
// hold every replica of every cell exactly once. The merged records are in
// replica order, so the report made from them is that of the unsharded run
// with the same seed. The result is sealed.
func MergeRecordFiles(files []*RecordFile) (*RecordFile, error) {
	if len(files) == 0 {
		return nil, errors.New("merge: no record files")
	}
	sc, err := files[0].Scenario()
	if err != nil {
		return nil, fmt.Errorf("merge: part 0: %w", err)
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
	if len(keys) == 0 {
		return nil, errors.New("merge: part 0 has no cells")
	}
	shards := map[int]int{}
	for i, f := range files {
		if err := CheckRecordFile(f); err != nil {
			return nil, fmt.Errorf("merge: part %d: %w", i, err)
		}
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
		if f.Shard.Count != files[0].Shard.Count {
			return nil, fmt.Errorf("merge: part %d is shard %d/%d, part 0 one of %d shards: the parts of a run are the shards i/n of one n",
				i, f.Shard.Index, f.Shard.Count, files[0].Shard.Count)
		}
		if j, seen := shards[f.Shard.Index]; seen {
			return nil, fmt.Errorf("merge: parts %d and %d are both shard %d/%d: a shard was given twice", j, i, f.Shard.Index, f.Shard.Count)
		}
		shards[f.Shard.Index] = i
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
		out.Cells = append(out.Cells, RecordCell{EtaIndex: k.EtaIndex, StartIndex: k.StartIndex, Records: recs})
	}
	if err := out.Seal(); err != nil {
		return nil, err
	}
	return out, nil
}
