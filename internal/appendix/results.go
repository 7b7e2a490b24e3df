package appendix

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// A results directory holds every number of the appendix, one file per
// format below; each format is one Go type, written by the run step and
// read back by the render step (and by Fit) through the same type. Readers
// are strict: a field the type does not have, or a file that does not
// decode, is an error naming the file, never a silently dropped number.
const (
	FileMeta        = "meta.json"        // Meta
	FileTheory      = "theory.json"      // TheoryFile
	FileRatesCSV    = "theory_rates.csv" // rows of TheoryFile's rates
	FileExits       = "exits.json"       // ExitsFile
	FileExitsCSV    = "exits.csv"        // rows of ExitsFile
	FileSamples     = "exit_samples.csv" // SampleRow
	FileFits        = "fits.json"        // FitsFile
	FileFitsCSV     = "fits.csv"         // rows of FitsFile
	FileDynamics    = "dynamics.json"    // report.DynamicsReport
	FileDynamicsCSV = "dynamics.csv"     // rows of the dynamics report
	FilePaths       = "paths.json"       // PathsFile
	// The paper's two-dimensional experiment (Himmelblau). The names keep
	// the prefix rd_ of the files written before the restructuring.
	FileHimmelblauDynamics    = "rd_dynamics.json" // report.DynamicsReportRd
	FileHimmelblauDynamicsCSV = "rd_dynamics.csv"  // rows of it, per minimum set
	FileHimmelblauTheory      = "rd_theory.json"   // HimmelblauTheoryFile
	FileHimmelblauMap         = "rd_map.json"      // HimmelblauMapFile
	// The first exits from the 2-D quadratic well.
	FileQuadraticExits    = "rd_exits.json" // QuadraticExitsFile
	FileQuadraticExitsCSV = "rd_exits.csv"  // rows of it
	// DirRare holds rare-event estimates (RarePattern); DirScenarios the
	// scenario file of every run, which `verify` reruns.
	DirRare      = "rare"
	DirScenarios = "scenarios"
)

// writeJSONFile writes v as indented JSON to dir/name.
func writeJSONFile(dir, name string, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
}

// writeCompactJSONFile writes v as one line of JSON to dir/name.
func writeCompactJSONFile(dir, name string, v any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
}

// writeFile writes what fill writes to dir/name.
func writeFile(dir, name string, fill func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644)
}

// readJSONFile decodes dir/name into v, strictly: a field v's type does not
// have, or anything after the value, is an error.
func readJSONFile(dir, name string, v any) error {
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	if err := decodeStrict(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// decodeStrict decodes one JSON value into v, refusing unknown fields and
// trailing data.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("data after the JSON value")
	}
	return nil
}

// exists reports whether dir/name exists.
func exists(dir, name string) (bool, error) {
	_, err := os.Stat(filepath.Join(dir, name))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	}
	return false, err
}

// removeFiles removes dir/name for each name; a missing file is no error.
func removeFiles(dir string, names ...string) error {
	for _, n := range names {
		if err := os.Remove(filepath.Join(dir, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// csvTable writes a CSV file: a header and its records.
func csvTable(w io.Writer, header []string, records func(emit func([]string) error) error) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := records(cw.Write); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// csvNum formats an optional number exactly, or an empty field for null.
func csvNum(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'g', -1, 64)
}

// fmtExact formats x with the shortest exact representation.
func fmtExact(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
