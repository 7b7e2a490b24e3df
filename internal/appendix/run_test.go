package appendix

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// verifyExit runs a scenario file as `verify exit -scenario <file>
// [-theory-samples n] -json` does: load, build with verify's basin options,
// analyse with pipeline.TheoryOptions, pipeline.RunExits and
// pipeline.ExitReport.
func verifyExit(t *testing.T, path string, theorySamples int) report.ExitReport {
	t.Helper()
	sc, err := scenario.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := sc.Build(scenario.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	a, notes, err := pipeline.Analyse(context.Background(), p, pipeline.TheoryOptions(p, theorySamples))
	if err != nil {
		t.Fatal(err)
	}
	cells, err := pipeline.RunExits(context.Background(), p, pipeline.ExitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := pipeline.ExitReport(p, a, notes, cells)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// resultFiles lists the files of a results directory that must be
// reproducible (everything but meta.json), relative to the directory.
func resultFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel != FileMeta {
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRunReproducible runs the tiny sizes with 1 and with 2 workers: every
// results file but meta.json must be byte-identical (the issue's
// reproducibility requirement), and every cell's scenario file, run through
// pipeline.RunExits and ExitReport as `verify exit` does, must give the
// cell's row.
func TestRunReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates about 10^6 steps twice")
	}
	s := tinySizes()
	if raceEnabled {
		// The R² experiment has its own test
		// (TestRunHimmelblauReproducible), too slow under the race
		// detector.
		s.Himmelblau = HimmelblauSize{}
	}
	dirs := []string{t.TempDir(), t.TempDir()}
	for i, dir := range dirs {
		if err := Run(context.Background(), s, dir, RunOptions{Workers: i + 1}); err != nil {
			t.Fatal(err)
		}
	}
	files := resultFiles(t, dirs[0])
	if len(files) < 10 {
		t.Fatalf("only %d results files: %v", len(files), files)
	}
	for _, f := range files {
		a, err1 := os.ReadFile(filepath.Join(dirs[0], f))
		b, err2 := os.ReadFile(filepath.Join(dirs[1], f))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", f, err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 2 workers", f)
		}
	}
	var meta Meta
	if err := readJSONFile(dirs[1], FileMeta, &meta); err != nil {
		t.Fatal(err)
	}
	if meta.Workers != 2 || meta.Sizes != "tiny" || meta.Steps["exits"] <= 0 || meta.WallTotal <= 0 {
		t.Errorf("meta.json incomplete: %+v", meta)
	}

	var ex ExitsFile
	if err := readJSONFile(dirs[0], FileExits, &ex); err != nil {
		t.Fatal(err)
	}
	for _, se := range ex.Series {
		for _, c := range se.Cells {
			rep := verifyExit(t, filepath.Join(dirs[0], c.Scenario), 0)
			got, _ := json.Marshal(rep.Rows[0])
			want, _ := json.Marshal(c.ExitRow)
			if !bytes.Equal(got, want) {
				t.Errorf("%s: verify-exit row %s, results row %s", c.Scenario, got, want)
			}
		}
	}
}

// TestQuickIsPrefixOfFull checks the claim of Quick's doc comment: every
// quick cell is a cell of the full run with the same seed, so its replicas
// are the full run's first replicas.
func TestQuickIsPrefixOfFull(t *testing.T) {
	q, f := Quick(), Full()
	for _, s := range []Sizes{q, f} {
		if err := s.Validate(); err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
	}
	for i, qs := range q.Exits {
		fs := f.Exits[i]
		seeds := map[int64]bool{}
		for _, c := range fs.Cells {
			if seeds[fs.CellSeed(c.Eta)] {
				t.Errorf("%s: two cells share the seed %d", fs.Label, fs.CellSeed(c.Eta))
			}
			seeds[fs.CellSeed(c.Eta)] = true
		}
		for _, c := range qs.Cells {
			found := false
			for _, fc := range fs.Cells {
				found = found || fc.Eta == c.Eta
			}
			if !found || qs.CellSeed(c.Eta) != fs.CellSeed(c.Eta) {
				t.Errorf("%s: quick cell η=%g is not a full cell with the same seed", qs.Label, c.Eta)
			}
		}
	}
}

// TestQuickHimmelblauIsPrefixOfFull checks the claim of quickHimmelblau's
// doc comment: the quick R² run uses the full run's seed, its first
// replicas and a prefix of their steps (replica k's stream depends on the
// seed, the run and k only), and the full run has the paper's length and
// at least 8 replicas.
func TestQuickHimmelblauIsPrefixOfFull(t *testing.T) {
	q, f := Quick().Himmelblau, Full().Himmelblau
	if q.Seed != f.Seed || q.Replicas > f.Replicas || q.Steps > f.Steps || !q.enabled() {
		t.Errorf("quick R² %+v is not a prefix of full %+v", q, f)
	}
	if f.Steps != 30_000_000 || f.Replicas < 8 || !f.defaultNumerics() {
		t.Errorf("full R²: %d replicas × %d steps, default numerics %v; want ≥ 8 × 3e7 with verify's numerics", f.Replicas, f.Steps, f.defaultNumerics())
	}
}

// TestFullBudget bounds the full run's expected steps by the predicted
// means (upper bounds of the measured ones): at most 5·10^10 1-D-equivalent
// steps, which is under 100 minutes on 2 cores at up to 240 ns/step. The
// measured means are lower: of the 1.9·10^10 1-D-equivalent steps the 2-D
// quadratic exits expect, cmd/rd-demo measured 6·10^9 2-D steps (R ≈ 0.23
// to 0.98), about 1.2·10^10 1-D-equivalent.
func TestFullBudget(t *testing.T) {
	s := Full()
	s.CheckSamples = 2
	th, err := computeTheory(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, e := range s.Exits {
		tc, err := th.caseByLabel(e.Label)
		if err != nil {
			t.Fatal(err)
		}
		total += e.ExpectedSteps(func(eta float64) float64 { return predictedAt(th.EtaGrid, tc.MeanExit, eta) })
	}
	d := s.Dynamics
	total += float64(3+len(pathVariants)) * float64(d.Replicas) * float64(d.Steps)
	// An R² step (gradient of the modified Himmelblau function, a 2-D
	// noise vector, basin labels) costs about twice a 1-D step; so does a
	// step of the 2-D quadratic well (a 2-D noise vector, a matrix product).
	total += 2 * float64(s.Himmelblau.steps())
	rdq := 2 * s.Quadratic.expectedSteps()
	total += rdq
	if total > 5e10 {
		t.Errorf("full run expects %.3g steps, more than the 5e10 budget", total)
	}
	t.Logf("of which 2-D quadratic exits: %.3g (1-D equivalent)", rdq)
	t.Logf("full run: at most %.3g steps", total)
}

// TestTheoryReference compares theory.json with the reference numbers of
// docs/theory.md §10.1 (computed there by the recursion and matched by an
// independent quadrature to about 1e-12): six digits.
func TestTheoryReference(t *testing.T) {
	s := tinySizes()
	th, err := computeTheory(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		q    []float64
		pi   []float64
		jump []int
	}{
		"b=0.5":  {q: []float64{3.225803, 4.080894, 5.525905, 2.968726}, pi: []float64{0.890174, 0.109826}, jump: []int{1, 2, 1, 2}},
		"b=inf":  {q: []float64{3.225803, 1.489569, 5.525905, 0.883778}, pi: []float64{0.143071, 0.421485, 0.050838, 0.384606}, jump: []int{1, 1, 1, 1}},
		"b=0.28": {q: []float64{3.225803, 3.390561, 3.373175, 2.444649}, jump: []int{1, 3, 1, 3}},
	}
	for label, w := range want {
		c, err := th.caseByLabel(label)
		if err != nil {
			t.Fatal(err)
		}
		for i := range w.q {
			if d := c.ExitRate[i] - w.q[i]; d > 5e-7 || d < -5e-7 {
				t.Errorf("%s: q_%d = %.7f, want %.6f", label, i+1, c.ExitRate[i], w.q[i])
			}
			if c.Jump[i] != w.jump[i] {
				t.Errorf("%s: J_%d = %d, want %d", label, i+1, c.Jump[i], w.jump[i])
			}
		}
		if w.pi != nil {
			if len(c.Classes) != 1 {
				t.Fatalf("%s: %d classes, want 1", label, len(c.Classes))
			}
			for k, p := range w.pi {
				if d := c.Classes[0].Stationary[k] - p; d > 5e-7 || d < -5e-7 {
					t.Errorf("%s: π_%d = %.7f, want %.6f", label, k, c.Classes[0].Stationary[k], p)
				}
			}
		}
	}
	// b = 0.28: two absorbing classes {m1, m2}, {m3, m4} (docs/theory.md §10.1).
	c, _ := th.caseByLabel("b=0.28")
	if len(c.Classes) != 2 || !c.Classes[0].Absorbing || !c.Classes[1].Absorbing {
		t.Errorf("b=0.28: classes %+v, want two absorbing", c.Classes)
	}
	if !strings.HasPrefix(th.Landscape, "paper-1d") || th.Alpha != 1.2 {
		t.Errorf("setting %s α=%g, want paper-1d α=1.2", th.Landscape, th.Alpha)
	}
}
