package appendix

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// himmelblauFiles are the files runHimmelblau writes, relative to the results directory.
var himmelblauFiles = []string{FileHimmelblauDynamics, FileHimmelblauDynamicsCSV, FileHimmelblauTheory, FileHimmelblauMap, DirScenarios + "/" + himmelblauName + ".toml"}

// TestRunHimmelblauReproducible runs the tiny R² experiment with 1 and with 2
// workers: every file must be byte-identical; the scenario file, run as
// `verify dynamics -variants truncated,untruncated` runs it (load, build,
// pipeline.RunDynamics with the same theory options, report.WriteJSON),
// must give rd_dynamics.json byte for byte; and the replayed sample paths
// must be replica 0 of the runs.
func TestRunHimmelblauReproducible(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("simulates the R² experiment twice and computes its theory three times")
	}
	s := tinySizes()
	dirs := []string{t.TempDir(), t.TempDir()}
	for i, dir := range dirs {
		if err := runHimmelblau(context.Background(), s, dir, i+1, newProgress(nil, 1)); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range himmelblauFiles {
		a, err1 := os.ReadFile(filepath.Join(dirs[0], f))
		b, err2 := os.ReadFile(filepath.Join(dirs[1], f))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", f, err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between 1 and 2 workers", f)
		}
	}

	path := filepath.Join(dirs[0], DirScenarios, himmelblauName+".toml")
	text, _ := os.ReadFile(path)
	if !strings.Contains(string(text), himmelblauCommand(s.Himmelblau)) {
		t.Errorf("the scenario file does not state its command %q:\n%s", himmelblauCommand(s.Himmelblau), text)
	}
	sc, err := scenario.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := sc.Build(scenario.BuildOptions{Basins: s.Himmelblau.Basins})
	if err != nil {
		t.Fatal(err)
	}
	topt := pipeline.TheoryOptions(p, s.Himmelblau.TheorySamples)
	topt.Directions = s.Himmelblau.TheoryDirections
	rep, err := pipeline.RunDynamics(context.Background(), p, pipeline.DynamicsOptions{Variants: himmelblauVariants, GaussianScale: 1, Theory: topt})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(dirs[0], FileHimmelblauDynamics))
	if !bytes.Equal(buf.Bytes(), want) {
		t.Error("the scenario file run as verify dynamics does not reproduce rd_dynamics.json")
	}

	var m HimmelblauMapFile
	if err := readJSONFile(dirs[0], FileHimmelblauMap, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Paths) != len(himmelblauVariants) {
		t.Fatalf("%d paths, want %d", len(m.Paths), len(himmelblauVariants))
	}
	for _, p := range m.Paths {
		if p.SameAsDynamics == nil || !*p.SameAsDynamics {
			t.Errorf("%s: the replayed path is not replica 0 of the run", p.Variant)
		}
		if n := int64(len(p.X)); n != s.Himmelblau.Steps/p.Stride || len(p.Y) != len(p.X) {
			t.Errorf("%s: %d points, want %d", p.Variant, n, s.Himmelblau.Steps/p.Stride)
		}
	}
	var th HimmelblauTheoryFile
	if err := readJSONFile(dirs[0], FileHimmelblauTheory, &th); err != nil {
		t.Fatal(err)
	}
	if th.Reproducible || th.Clipped.Samples != s.Himmelblau.TheorySamples || th.Landscape != scenario.KindHimmelblau {
		t.Errorf("rd_theory.json: reproducible %v, samples %d, landscape %s", th.Reproducible, th.Clipped.Samples, th.Landscape)
	}
	// The setting in rd_theory.json is the scenario file's.
	if th.Scale != sc.Noise.Scale || th.Eta != sc.SGD.Eta[0] || !slices.Equal(th.Start, sc.SGD.StartX) ||
		th.VisitRadius != sc.Dynamics.Radius || th.Angular != sc.Noise.AngularOf() || th.Steps != sc.Dynamics.Steps {
		t.Errorf("rd_theory.json's setting (scale %g, η %g, start %v, radius %g, angular %q, steps %d) is not the scenario's",
			th.Scale, th.Eta, th.Start, th.VisitRadius, th.Angular, th.Steps)
	}
}

// TestHimmelblauScenarioIsThePapers checks the scenario of the experiment against
// the paper's Appendix A.2: modified Himmelblau on the disc of radius 4.2,
// Z = 0.75·W·Θ with W Pareto(1.2) and Θ isotropic, η = 5·10^−4, b = 2.15,
// X_0 = (2.9, 1.0), visiting radius 0.5, 3·10^7 steps at full size; and the
// paper's basin numbering of the four minimum sets (coarse basin map).
func TestHimmelblauScenarioIsThePapers(t *testing.T) {
	sc := himmelblauScenario(Full().Himmelblau)
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	n := sc.Noise
	if sc.Landscape.Kind != scenario.KindHimmelblau || sc.Landscape.DomainRadiusOf() != 4.2 || n.Law != scenario.LawPareto ||
		*n.Alpha != 1.2 || n.Scale != 0.75 || n.AngularOf() != scenario.AngularIsotropic || sc.SGD.Eta[0] != 5e-4 ||
		sc.SGD.BOf() != 2.15 || sc.SGD.StartX[0] != 2.9 || sc.SGD.StartX[1] != 1.0 || sc.Dynamics.Radius != 0.5 ||
		sc.Dynamics.Steps != 30_000_000 {
		t.Errorf("not the paper's setting: %+v", sc)
	}
	if testing.Short() {
		return
	}
	p, err := sc.Build(scenario.BuildOptions{Basins: tinyHimmelblau().Basins})
	if err != nil {
		t.Fatal(err)
	}
	minima := p.Basins.MinimumSets()
	// The segment is Ω_2, (−0.80, 2.57) Ω_1, (3, 1) Ω_3, (3.22, −0.88) Ω_4.
	names, ok := paperBasins(setsOf(minima))
	if !ok {
		t.Error("the paper's sets are not recognised as the paper's shape")
	}
	for i, s := range minima {
		c := s.Centre()
		var want int
		switch {
		case !s.IsPoint():
			want = 2
		case math.Hypot(c[0]+0.80, c[1]-2.57) < 0.05:
			want = 1
		case math.Hypot(c[0]-3, c[1]-1) < 0.05:
			want = 3
		case math.Hypot(c[0]-3.22, c[1]+0.88) < 0.05:
			want = 4
		}
		if names[i] != want {
			t.Errorf("set %d at %v: paper basin %d, want %d", i, c, names[i], want)
		}
	}
}

// setsOf converts minimum sets to rd_theory.json's sets (as
// himmelblauTheoryFile does, without radii and paper numbers).
func setsOf(ms []landscapes.MinimumSet) []SetResult {
	var out []SetResult
	for i, s := range ms {
		set := SetResult{Index: i, Kind: SetPoint, A: s.A}
		if !s.IsPoint() {
			set.Kind, set.B = SetSegment, s.B
		}
		out = append(out, set)
	}
	return out
}

// TestPaperBasinsFallback checks that sets without the paper's shape are
// numbered in results order and reported as such (the render step then
// does not claim the paper's numbering), and that the paper's shape is
// recognised.
func TestPaperBasinsFallback(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sets   []landscapes.MinimumSet
		want   []int
		wantOK bool
	}{
		{"two points", []landscapes.MinimumSet{landscapes.PointSet([]float64{-1, 0}), landscapes.PointSet([]float64{1, 0})}, []int{1, 2}, false},
		{"two upper right", []landscapes.MinimumSet{
			landscapes.SegmentSet([]float64{-3, -3}, []float64{-1, -3}), landscapes.PointSet([]float64{-1, 2}),
			landscapes.PointSet([]float64{3, 1}), landscapes.PointSet([]float64{3, 2})}, []int{1, 2, 3, 4}, false},
		{"the paper's shape", []landscapes.MinimumSet{
			landscapes.SegmentSet([]float64{-3, -3}, []float64{-1, -3}), landscapes.PointSet([]float64{-1, 2}),
			landscapes.PointSet([]float64{3, 1}), landscapes.PointSet([]float64{3, -1})}, []int{2, 1, 3, 4}, true},
	} {
		got, ok := paperBasins(setsOf(tc.sets))
		if ok != tc.wantOK {
			t.Errorf("%s: paper's shape %v, want %v", tc.name, ok, tc.wantOK)
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
}

// TestStadium checks the visiting neighbourhood drawn around a set: every
// point lies at distance rad from the segment (or the point).
func TestStadium(t *testing.T) {
	for _, tc := range []struct{ a, b []float64 }{
		{[]float64{-3, -2.9}, []float64{-0.5, -2.9}},
		{[]float64{1, 1}, []float64{1, 1}},
		{[]float64{0, 0}, []float64{1, 2}},
	} {
		set := landscapes.SegmentSet(tc.a, tc.b)
		if tc.a[0] == tc.b[0] && tc.a[1] == tc.b[1] {
			set = landscapes.PointSet(tc.a)
		}
		for _, p := range stadium(tc.a, tc.b, 0.5) {
			if d := set.Dist([]float64{p.X, p.Y}); math.Abs(d-0.5) > 1e-9 {
				t.Errorf("%v–%v: point %v at distance %g, want 0.5", tc.a, tc.b, p, d)
				break
			}
		}
	}
}
