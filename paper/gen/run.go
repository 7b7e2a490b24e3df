package gen

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/htsgd/htsgd/report"
)

// RunOptions control Run.
type RunOptions struct {
	// Workers is the number of goroutines (GOMAXPROCS when ≤ 0).
	Workers int
	// Log receives the progress lines (nil: none).
	Log io.Writer
}

// Run simulates every experiment of s and writes the results directory dir
// (created if needed): theory.json, theory_rates.csv, exits.json,
// exits.csv, exit_samples.csv, scenarios/*.toml, dynamics.json,
// dynamics.csv, paths.json, the R² experiment's rd_dynamics.json|csv,
// rd_theory.json and rd_map.json (when s.Rd is enabled; stale ones are
// removed otherwise), the 2-D quadratic exits' rd_exits.json|csv (when
// s.RdExits is enabled; likewise), then fits.json and fits.csv (Fit) and
// meta.json. All files but meta.json
// depend only on s (seeds included): rerunning reproduces them byte for
// byte, for any number of workers.
func Run(ctx context.Context, s Sizes, dir string, opt RunOptions) error {
	started, cpu0 := time.Now(), cpuSeconds()
	if err := s.Validate(); err != nil {
		return err
	}
	if err := checkPaperSetting(); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	meta := machineMeta(s.Name, opt.Workers, started)
	lap := func(name string, t time.Time) { meta.WallSec[name] = time.Since(t).Seconds() }

	t := time.Now()
	th, err := computeTheory(s)
	if err != nil {
		return err
	}
	if err := writeJSONFile(dir, FileTheory, th); err != nil {
		return err
	}
	if err := writeFile(dir, FileRatesCSV, func(w io.Writer) error { return writeRatesCSV(w, th) }); err != nil {
		return err
	}
	lap("theory", t)

	expected := float64(0)
	for _, e := range s.Exits {
		tc, err := th.caseByLabel(e.Label)
		if err != nil {
			return err
		}
		expected += e.ExpectedSteps(func(eta float64) float64 { return predictedAt(th, tc, eta) })
	}
	d := s.Dynamics
	expected += float64(3+len(pathVariants))*float64(d.Replicas)*float64(d.Steps) + float64(s.Rd.steps()) + s.RdExits.expectedSteps()
	p := newProgress(opt.Log, expected)
	p.note("%s run: at most %s steps expected (predicted means; measured means are lower), %d workers", s.Name, sci(expected), meta.Workers)

	t = time.Now()
	ex, samples, err := runExits(ctx, s, &th, dir, opt.Workers, p)
	if err != nil {
		return err
	}
	for _, se := range ex.Series {
		for _, c := range se.Cells {
			meta.Steps["exits"] += c.TotalSteps
		}
	}
	if err := writeJSONFile(dir, FileExits, ex); err != nil {
		return err
	}
	if err := writeFile(dir, FileExitsCSV, func(w io.Writer) error { return writeExitsCSV(w, ex) }); err != nil {
		return err
	}
	if err := writeFile(dir, FileSamples, func(w io.Writer) error { return writeSamplesCSV(w, samples) }); err != nil {
		return err
	}
	lap("exits", t)

	t = time.Now()
	dyn, err := runDynamics(ctx, d, opt.Workers, p)
	if err != nil {
		return err
	}
	if err := writeJSONFile(dir, FileDynamics, dyn); err != nil {
		return err
	}
	if err := writeFile(dir, FileDynamicsCSV, func(w io.Writer) error { return writeDynamicsCSV(w, dyn) }); err != nil {
		return err
	}
	meta.Steps["dynamics"] = 3 * int64(d.Replicas) * d.Steps
	lap("dynamics", t)

	t = time.Now()
	paths, err := runPaths(ctx, d, dyn, opt.Workers, p)
	if err != nil {
		return err
	}
	if err := writeJSONFile(dir, FilePaths, paths); err != nil {
		return err
	}
	meta.Steps["paths"] = int64(len(pathVariants)) * int64(d.Replicas) * d.Steps
	lap("paths", t)

	t = time.Now()
	if err := removeFiles(dir, FileRdDynamics, FileRdDynamicsCSV, FileRdTheory, FileRdMap); err != nil {
		return err
	}
	if s.Rd.enabled() {
		if err := runRd(ctx, s, dir, opt.Workers, p); err != nil {
			return err
		}
		meta.Steps["rd"] = s.Rd.steps()
		lap("rd", t)
	}

	t = time.Now()
	if err := removeFiles(dir, FileRdExits, FileRdExitsCSV); err != nil {
		return err
	}
	if s.RdExits.enabled() {
		n, err := runRdExits(ctx, s, dir, opt.Workers, p)
		if err != nil {
			return err
		}
		meta.Steps["rd_exits"] = n
		lap("rd_exits", t)
	}

	t = time.Now()
	if err := Fit(dir); err != nil {
		return err
	}
	lap("fits", t)

	meta.WallTotal = time.Since(started).Seconds()
	var steps int64
	for _, n := range meta.Steps {
		steps += n
	}
	simWall := meta.WallSec["exits"] + meta.WallSec["dynamics"] + meta.WallSec["paths"] + meta.WallSec["rd"] + meta.WallSec["rd_exits"]
	cpu := cpuSeconds() - cpu0
	meta.CPUSec = report.Num(cpu)
	if steps > 0 {
		meta.NsPerStep = simWall * 1e9 * float64(meta.Workers) / float64(steps)
		meta.CPUNsPerStep = report.Num(cpu * 1e9 / float64(steps))
	}
	p.note("%s run done in %s: %s steps, %.1f wall ns/step per worker, %.1f CPU ns/step", s.Name,
		time.Duration(meta.WallTotal*float64(time.Second)).Round(time.Second), sci(float64(steps)), meta.NsPerStep, cpu*1e9/float64(max(steps, 1)))
	return writeJSONFile(dir, FileMeta, meta)
}

// predictedAt interpolates the predicted mean exit time of a case at η
// from theory.json's grid, linearly in (log η, log E τ) — exact for the
// Pareto law, where E τ is a power of η once η ≤ 1/c (THEORY.md section 1).
// Outside the grid it extrapolates the nearest segment.
func predictedAt(th TheoryFile, tc *TheoryCase, eta float64) float64 {
	g := th.EtaGrid
	i := 1
	for i < len(g)-1 && g[i] < eta {
		i++
	}
	x0, x1 := math.Log(g[i-1]), math.Log(g[i])
	y0, y1 := math.Log(tc.MeanExit[i-1]), math.Log(tc.MeanExit[i])
	return math.Exp(y0 + (y1-y0)*(math.Log(eta)-x0)/(x1-x0))
}

// readAll reads the results files the render step needs.
type resultsSet struct {
	meta     *Meta
	theory   TheoryFile
	exits    ExitsFile
	fits     FitsFile
	dynamics report.DynamicsReport
	paths    PathsFile
	samples  []Sample
	// rd is the R² experiment, nil when the directory has none.
	rd *rdResults
	// rdExits is the 2-D quadratic exit experiment, nil when the directory
	// has none.
	rdExits *RdExitsFile
}

// readResults reads a results directory; meta.json is optional (a test
// fixture need not have one), and so are the R² files (all or none) and
// the 2-D quadratic exits.
func readResults(dir string) (*resultsSet, error) {
	var r resultsSet
	for name, v := range map[string]any{FileTheory: &r.theory, FileExits: &r.exits, FileFits: &r.fits,
		FileDynamics: &r.dynamics, FilePaths: &r.paths} {
		if err := readJSONFile(dir, name, v); err != nil {
			return nil, fmt.Errorf("results: %w", err)
		}
	}
	var m Meta
	if err := readJSONFile(dir, FileMeta, &m); err == nil {
		r.meta = &m
	}
	s, err := readSamples(dir)
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	r.samples = s
	if r.rd, err = readRd(dir); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	if r.rdExits, err = readRdExits(dir); err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	return &r, nil
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
