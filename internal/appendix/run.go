package appendix

import (
	"context"
	"io"
	"os"
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
// dynamics.csv, paths.json, the Himmelblau experiment's rd_dynamics.json|csv,
// rd_theory.json and rd_map.json (when s.Himmelblau is enabled; stale ones
// are removed otherwise), the 2-D quadratic exits' rd_exits.json|csv (when
// s.Quadratic is enabled; likewise), then fits.json and fits.csv (Fit) and
// meta.json. All files but meta.json depend only on s (seeds included):
// rerunning reproduces them byte for byte, for any number of workers.
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
	th, err := computeTheory(ctx, s)
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
		expected += e.ExpectedSteps(func(eta float64) float64 { return predictedAt(th.EtaGrid, tc.MeanExit, eta) })
	}
	d := s.Dynamics
	expected += float64(3+len(pathVariants))*float64(d.Replicas)*float64(d.Steps) + float64(s.Himmelblau.steps()) + s.Quadratic.expectedSteps()
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
	if err := removeFiles(dir, FileHimmelblauDynamics, FileHimmelblauDynamicsCSV, FileHimmelblauTheory, FileHimmelblauMap); err != nil {
		return err
	}
	if s.Himmelblau.enabled() {
		if err := runHimmelblau(ctx, s, dir, opt.Workers, p); err != nil {
			return err
		}
		meta.Steps["rd"] = s.Himmelblau.steps()
		lap("rd", t)
	}

	t = time.Now()
	if err := removeFiles(dir, FileQuadraticExits, FileQuadraticExitsCSV); err != nil {
		return err
	}
	if s.Quadratic.enabled() {
		n, err := runQuadratic(ctx, s, dir, opt.Workers, p)
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
	fit := checkout(time.Now())
	meta.FitStep = &fit
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
