package appendix

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/htsgd/htsgd/report"
)

// The ladders of `verify converge` (docs/converge.md) under
// results/converge/: the cases of the section "the limit, verified"
// (converge/*.json), the ladders of its figure of 1 − R against λ(η)
// (converge/figure/*.json), the slack study (converge/slack/*.json) and
// the occupation file computed from it (FileSlackOccupation). Each report
// is read with report.ReadConvergeFile, the reader of the format
// `verify converge -out` writes: the appendix has no type of its own for
// it.

// Directories of the converge results under the results directory.
const (
	ConvergeDir       = "converge"
	convergeFigureDir = "converge/figure"
	convergeSlackDir  = "converge/slack"
)

// convergeCase is one stored ladder: its file (relative to the results
// directory) and the report.
type convergeCase struct {
	File string
	Rep  *report.ConvergeReport
}

// basin is the case's first start (every case of the section has one).
func (c convergeCase) basin() report.ConvergeBasin { return c.Rep.Basins[0] }

// wallSeconds is the wall time of the case's rungs.
func (c convergeCase) wallSeconds() float64 {
	s := 0.0
	for _, b := range c.Rep.Basins {
		for _, r := range b.Rungs {
			s += r.Seconds
		}
	}
	return s
}

// convergeResults are the converge ladders of a results directory.
type convergeResults struct {
	Main, Figure, Slack []convergeCase
	// Occupation is the slack study's occupation file, nil without one.
	Occupation *SlackOccupationFile
}

// readConverge reads results/converge; nil (no error) when the directory
// has no converge/ (a quick run: the section then says so). A file that
// is not a converge report is an error naming it.
func readConverge(dir string) (*convergeResults, error) {
	info, err := os.Stat(filepath.Join(dir, ConvergeDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", filepath.Join(dir, ConvergeDir))
	}
	var c convergeResults
	for _, d := range []struct {
		sub  string
		dest *[]convergeCase
	}{{ConvergeDir, &c.Main}, {convergeFigureDir, &c.Figure}, {convergeSlackDir, &c.Slack}} {
		if *d.dest, err = readConvergeCases(dir, d.sub); err != nil {
			return nil, err
		}
	}
	if len(c.Main) == 0 {
		return nil, fmt.Errorf("%s: no ladder (*.json)", filepath.Join(dir, ConvergeDir))
	}
	if ok, err := exists(dir, FileSlackOccupation); err != nil {
		return nil, err
	} else if ok {
		c.Occupation = new(SlackOccupationFile)
		if err := readJSONFile(dir, FileSlackOccupation, c.Occupation); err != nil {
			return nil, err
		}
		if err := c.Occupation.check(); err != nil {
			return nil, fmt.Errorf("%s: %w", FileSlackOccupation, err)
		}
	}
	return &c, nil
}

// readConvergeCases reads the reports dir/sub/*.json (none if sub is
// absent), in the order of their names; the occupation file is not one.
func readConvergeCases(dir, sub string) ([]convergeCase, error) {
	paths, err := filepath.Glob(filepath.Join(dir, sub, "*.json"))
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)
	var out []convergeCase
	for _, p := range paths {
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return nil, err
		}
		rel = filepath.ToSlash(rel)
		if rel == FileSlackOccupation {
			continue
		}
		rep, err := report.ReadConvergeFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, convergeCase{File: rel, Rep: rep})
	}
	return out, nil
}
