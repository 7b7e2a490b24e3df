package scenario

import (
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// TestDefaultBuilds checks that Default validates and builds, that it equals
// scenarios/paper-1d.toml, and that its structure is the paper-1d structure
// of docs/theory.md §4.2.
func TestDefaultBuilds(t *testing.T) {
	d := Default()
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	f, err := Load(filepath.Join(scenariosDir, "paper-1d.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, f) {
		t.Errorf("Default() differs from scenarios/paper-1d.toml:\n%+v\n%+v", d, f)
	}
	b, err := d.Build(BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Validate(); err != nil {
		t.Fatalf("the built plan fails Validate: %v", err)
	}
	st := b.Basins.(landscapes.Structure)
	// docs/theory.md §4.2: m = (−1.51148, −0.69927, 0.49624, 1.32209),
	// s = (−1.3, 0.2, 0.7), printed to 5 decimals.
	wantM := []float64{-1.51148, -0.69927, 0.49624, 1.32209}
	wantS := []float64{-1.3, 0.2, 0.7}
	if !near(st.Minima, wantM, 1e-5) || !near(st.Saddles, wantS, 1e-5) {
		t.Errorf("structure %v / %v, want %v / %v", st.Minima, st.Saddles, wantM, wantS)
	}
	if len(b.Starts) != 4 {
		t.Fatalf("Starts = %v, want every minimum", b.Starts)
	}
	for i, start := range b.Starts {
		if start.Basin != i || len(start.X) != 1 || start.X[0] != st.Minima[i] {
			t.Errorf("Starts[%d] = %+v, want {%d [%g]}", i, start, i, st.Minima[i])
		}
	}
	if b.B != 0.5 || !reflect.DeepEqual(b.Etas, []float64{0.002, 0.001}) {
		t.Errorf("B = %g, Etas = %v", b.B, b.Etas)
	}
	law := b.Noise.(noise.Scalar).Law
	if law.Name() != LawPareto || law.Alpha() != 1.2 || law.PPlus() != 0.5 {
		t.Errorf("law %s α=%g p+=%g", law.Name(), law.Alpha(), law.PPlus())
	}
	if b.Domain != (landscapes.Interval{Lo: -1.6, Hi: 1.6}) || b.Dim() != 1 {
		t.Errorf("domain %v, dimension %d", b.Domain, b.Dim())
	}
	want := RunPlan{Samples: 400, MaxSteps: 100_000_000, Seed: 1}
	if b.Run != want || !reflect.DeepEqual(b.Dynamics, &DynamicsPlan{Replicas: 10, Steps: 10_000_000, Radius: 0.05, Times: []float64{0.5, 1, 2}}) {
		t.Errorf("run %+v, dynamics %+v", b.Run, b.Dynamics)
	}
	if b.Name != d.Name || b.Source.Name() != d.Name || !reflect.DeepEqual(b.Source.Scenario(), d) {
		t.Errorf("name %q, source %+v", b.Name, b.Source.Scenario())
	}
	// f″(m) ≈ (163.4, 2.18, 446.3, 7.73) (docs/theory.md §2.3): the
	// largest η·f″ is 0.002·446.3 = 0.89 < 1, so no stability warning.
	if len(b.Warnings) != 0 {
		t.Errorf("Warnings = %q, want none", b.Warnings)
	}
	// η = 0.004 has η·f″(m_2) = 1.785 > 1 (0-based m_2): a warning.
	d.SGD.Eta = []float64{0.004}
	b, err = d.Build(BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Warnings) != 1 || !strings.HasPrefix(b.Warnings[0], "sgd.eta[0]: ") || !strings.Contains(b.Warnings[0], "m_2") {
		t.Errorf("Warnings = %q, want one for sgd.eta[0] at m_2", b.Warnings)
	}
}

// near reports whether a and b have equal lengths and differ by ≤ tol.
func near(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > tol {
			return false
		}
	}
	return true
}

// TestExampleFilesBuild loads and builds every file in scenarios/ and
// testdata/, and checks that each plan passes Validate and describes its
// dimension consistently.
func TestExampleFilesBuild(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(scenariosDir, "*.toml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("scenario files: %v, %v", files, err)
	}
	more, err := filepath.Glob("testdata/*.toml")
	if err != nil || len(more) < 3 {
		t.Fatalf("testdata files: %v, %v", more, err)
	}
	for _, f := range append(files, more...) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			b, err := s.Build(testBuildOpts)
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Validate(); err != nil {
				t.Fatalf("the built plan fails Validate: %v", err)
			}
			d := s.Dimension()
			if b.Dim() != d || b.Noise.Dim() != d || len(b.Starts[0].X) != d {
				t.Errorf("dimension %d: landscape %d, noise %d, start %v", d, b.Dim(), b.Noise.Dim(), b.Starts[0].X)
			}
			_, line := b.Landscape.(landscapes.Line)
			_, st := b.Basins.(landscapes.Structure)
			_, scalar := b.Noise.(noise.Scalar)
			if oneD := d == 1; line != oneD || st != oneD || scalar != oneD {
				t.Errorf("d = %d: landscape %T, basins %T, noise %T", d, b.Landscape, b.Basins, b.Noise)
			}
		})
	}
}

// TestBuildThreeWells checks the objects of scenarios/three-wells.toml:
// f'(x) = (x+1)·x·(x−1.5) has minima −1, 1.5 and the saddle 0, and every
// minimum is a start; f″(1.5) = (1.5+1)(1.5−0) = 3.75 and f″(−1) = 2.5, so
// the largest η = 0.05 gives η·f″ ≤ 0.19 (no warning).
func TestBuildThreeWells(t *testing.T) {
	s, err := Load(filepath.Join(scenariosDir, "three-wells.toml"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Build(BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st := b.Basins.(landscapes.Structure)
	if !reflect.DeepEqual(st.Minima, []float64{-1, 1.5}) || !reflect.DeepEqual(st.Saddles, []float64{0}) {
		t.Errorf("structure %+v", st)
	}
	line := b.Landscape.(landscapes.Line)
	if lo, hi := line.Domain(); lo != -2 || hi != 2.5 || line.Name() != KindCriticalPoints {
		t.Errorf("line %s on [%g, %g]", line.Name(), lo, hi)
	}
	if b.Domain != (landscapes.Interval{Lo: -2, Hi: 2.5}) {
		t.Errorf("domain %v", b.Domain)
	}
	if !reflect.DeepEqual(b.Starts, []Start{{Basin: 0, X: []float64{-1}}, {Basin: 1, X: []float64{1.5}}}) {
		t.Errorf("Starts = %+v", b.Starts)
	}
	if len(b.Warnings) != 0 {
		t.Errorf("Warnings = %q", b.Warnings)
	}
	if got := landscapes.SecondDeriv(line, 1.5); math.Abs(got-3.75) > 1e-12 {
		t.Errorf("f''(1.5) = %g, want 3.75", got)
	}
}

// TestBuildQuadratic checks scenarios/quadratic.toml (docs/theory.md §10.2).
func TestBuildQuadratic(t *testing.T) {
	s, err := Load(filepath.Join(scenariosDir, "quadratic.toml"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Build(BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := landscapes.Structure{Minima: []float64{0}, Lo: -2.1, Hi: 1.5, OpenLo: true, OpenHi: true}
	if !reflect.DeepEqual(b.Basins, want) {
		t.Errorf("structure %+v, want %+v", b.Basins, want)
	}
	if !reflect.DeepEqual(b.Starts, []Start{{Basin: 0, X: []float64{0}}}) || b.B != 1 || b.Noise.Alpha() != 1.5 {
		t.Errorf("Starts %v, B %g, α %g", b.Starts, b.B, b.Noise.Alpha())
	}
	// The quadratic well is not projected: no domain.
	if b.Domain != nil {
		t.Errorf("domain %v, want none", b.Domain)
	}
}

// TestBuildVariants covers starting points, no truncation, the laws and the
// warnings, from scenarios/three-wells.toml with the start m_1 and b = 0.5.
func TestBuildVariants(t *testing.T) {
	base := apply(readScenario(t, "three-wells.toml"), set("sgd.start", "1"), set("sgd.b", "0.5"))
	tests := []struct {
		name     string
		edits    []edit
		starts   []Start
		b        float64
		law      string
		warnings []string // required prefixes, in order
	}{
		{"every minimum", []edit{del("sgd.start")}, []Start{{0, []float64{-1}}, {1, []float64{1.5}}}, 0.5, LawPareto, nil},
		{"start 0", []edit{set("sgd.start", "0")}, []Start{{0, []float64{-1}}}, 0.5, LawPareto, nil},
		{"start_x right of saddle", []edit{del("sgd.start"), set("sgd.start_x", "0.3")}, []Start{{1, []float64{0.3}}}, 0.5, LawPareto, nil},
		{"start_x left edge", []edit{del("sgd.start"), set("sgd.start_x", "-2.0")}, []Start{{0, []float64{-2}}}, 0.5, LawPareto, nil},
		{"b omitted", []edit{del("sgd.b")}, []Start{{1, []float64{1.5}}}, math.Inf(1), LawPareto, nil},
		{"b inf", []edit{set("sgd.b", "inf")}, []Start{{1, []float64{1.5}}}, math.Inf(1), LawPareto, nil},
		{"lomax", []edit{set("noise.law", `"lomax"`)}, []Start{{1, []float64{1.5}}}, 0.5, LawLomax, nil},
		{"student-t", []edit{set("noise.law", `"student-t"`), del("noise.p_plus")}, []Start{{1, []float64{1.5}}}, 0.5, LawStudentT, nil},
		{"stable", []edit{set("noise.law", `"stable"`), del("noise.p_plus")}, []Start{{1, []float64{1.5}}}, 0.5, LawStable, nil},
		{"gaussian", []edit{set("noise.law", `"gaussian"`), del("noise.p_plus"), del("noise.alpha")}, []Start{{1, []float64{1.5}}}, 0.5, LawGaussian, nil},
		// f″(1.5) = 3.75: η = 0.4 gives 1.5 > 1, a warning; η = 0.1 gives 0.375.
		{"warning", []edit{set("sgd.eta", "[0.1, 0.4]")}, []Start{{1, []float64{1.5}}}, 0.5, LawPareto, []string{"sgd.eta[1]: "}},
		// f″(−1) = (−1−0)(−1−1.5) = 2.5: η = 0.5 gives 1.25 at m_0, 1.875 at m_1.
		// Without [dynamics] only the start m_0 is checked: 0.6·2.5 = 1.5.
		{"other minimum unchecked without dynamics", []edit{set("sgd.start", "0"), set("sgd.eta", "[0.6]"), del("dynamics")}, []Start{{0, []float64{-1}}}, 0.5, LawPareto, []string{"sgd.eta[0]: η·f''(m_0)"}},
		{"warnings at two minima", []edit{del("sgd.start"), set("sgd.eta", "[0.5]")}, []Start{{0, []float64{-1}}, {1, []float64{1.5}}}, 0.5, LawPareto, []string{"sgd.eta[0]: η·f''(m_0)", "sgd.eta[0]: η·f''(m_1)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(apply(base, tt.edits...)))
			if err != nil {
				t.Fatal(err)
			}
			b, err := s.Build(BuildOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(b.Starts, tt.starts) {
				t.Errorf("Starts = %v, want %v", b.Starts, tt.starts)
			}
			if b.B != tt.b {
				t.Errorf("B = %g, want %g", b.B, tt.b)
			}
			if b.Noise.Name() != tt.law {
				t.Errorf("law %q, want %q", b.Noise.Name(), tt.law)
			}
			if len(b.Warnings) != len(tt.warnings) {
				t.Fatalf("Warnings = %q, want %d", b.Warnings, len(tt.warnings))
			}
			for i, w := range tt.warnings {
				if !strings.HasPrefix(b.Warnings[i], w) {
					t.Errorf("Warnings[%d] = %q, want prefix %q", i, b.Warnings[i], w)
				}
			}
		})
	}
}

// TestBuildBadInput checks the errors that need the critical-point
// structure.
func TestBuildBadInput(t *testing.T) {
	base := readScenario(t, "three-wells.toml")
	quad := readScenario(t, "quadratic.toml")
	tests := []struct {
		name  string
		text  string
		field string
	}{
		{"start out of range", apply(base, set("sgd.start", "2")), "sgd.start"},
		{"start out of range quadratic", apply(quad, set("sgd.start", "1")), "sgd.start"},
		// f″(1.5) = 3.75: η = 0.6 gives 2.25 ≥ 2.
		{"eta unstable", apply(base, set("sgd.eta", "[0.01, 0.6]")), "sgd.eta[1]"},
		// Exactly at the bound: η·f″ = 0.8·2.5 = 2 at m_0 is rejected.
		{"eta at the bound", apply(base, del("sgd.start"), set("sgd.eta", "[0.8]")), "sgd.eta[0]"},
		// start_x in the left basin: the minimum −1 is checked (f″ = 2.5).
		{"eta unstable for start_x", apply(base, del("sgd.start"), set("sgd.start_x", "-0.5"), set("sgd.eta", "[0.9]")), "sgd.eta[0]"},
		// start = 0 (f″ = 2.5, η·f″ = 1.5) but [dynamics] visits m_1 too,
		// where η·f″ = 0.6·3.75 = 2.25.
		{"eta unstable at a minimum the trajectory visits", apply(base, set("sgd.start", "0"), set("sgd.eta", "[0.6]")), "sgd.eta[0]"},
		// Quadratic f″ = k = 1: η = 2 is unstable.
		{"eta unstable quadratic", apply(quad, set("sgd.eta", "[2.0]")), "sgd.eta[0]"},
		// The saddle 0 is at distance 1 from m_0 = −1.
		{"radius too large", apply(base, set("dynamics.radius", "1.0")), "dynamics.radius"},
		{"radius too large quadratic", apply(quad, set("dynamics.replicas", "1"), set("dynamics.steps", "1"), set("dynamics.radius", "1.5"), set("dynamics.times", "[1.0]")), "dynamics.radius"},
		// paper-1d on [−1.4, 1.6] starts at the maximum −1.3 (Discover's
		// landscapes.Line error names the table).
		{"paper-1d domain starting at a maximum", apply(base, set("landscape.kind", `"paper-1d"`), del("landscape.points"), del("landscape.scale"), set("landscape.domain", "[-1.4, 1.6]"), del("sgd.start"), del("dynamics")), "landscape"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(tt.text))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			_, err = s.Build(BuildOptions{})
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("Build error %v (%T), want a *FieldError", err, err)
			}
			if fe.Field != tt.field {
				t.Errorf("Field = %q, want %q (%v)", fe.Field, tt.field, err)
			}
		})
	}
}

// TestBuildRevalidates checks that Build rejects an invalid scenario built
// in Go.
func TestBuildRevalidates(t *testing.T) {
	s := Default()
	s.SGD.Eta = nil
	var fe *FieldError
	if _, err := s.Build(BuildOptions{}); !errors.As(err, &fe) || fe.Field != "sgd.eta" {
		t.Errorf("got %v, want an sgd.eta error", err)
	}
}

// testBasinOpts are coarse basin-map options that keep the tests fast under
// -race (about 1.5 s for himmelblau-modified instead of about 20 s with the
// defaults; the memo of Build builds each landscape once per test
// binary). They find the same minimum sets as the defaults, and the radii
// r_i agree with them to 5e-4 (measured: 2.2471 vs 2.2468, 2.4662 vs
// 2.4657, 0.9737 and 0.9227 equal).
var testBuildOpts = BuildOptions{Basins: landscapes.BasinMapOptions{Grid: 15, Directions: 180, CacheCells: 128}}

// buildText parses text and builds it with testBuildOpts.
func buildText(t *testing.T, text string) *Plan {
	t.Helper()
	s, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Build(testBuildOpts)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// findSet returns the index of the point minimum set within tol of p, or −1.
func findSet(sets []landscapes.MinimumSet, p []float64, tol float64) int {
	for i, s := range sets {
		if s.IsPoint() && s.Dist(p) < tol {
			return i
		}
	}
	return -1
}

// TestBuildRdHimmelblau checks the paper's R² scenario: four minimum sets,
// one of them the segment of Ω_2, at the places the landscapes package
// documents; the start in the basin of (3, 1); the radial noise; and the
// radii r_i that make J = 1 for the two sharp basins and J ≥ 2 for the two
// wide ones at b = 2.15 (docs/theory.md §9.2: J = ⌈r/b⌉ for contracting
// flows; the theory package computes J itself).
func TestBuildRdHimmelblau(t *testing.T) {
	b := buildText(t, readTestdata(t, "himmelblau.toml"))
	minima := b.Basins.MinimumSets()
	if len(minima) != 4 {
		t.Fatalf("%d minimum sets, want 4: %v", len(minima), minima)
	}
	// The segment is {y = a_y = −2.9, b_l ≤ x ≤ b_r = −0.5} inside the
	// ball ‖x‖ ≤ 4.2: its left end is x = −√(4.2² − 2.9²) = −√9.23 ≈
	// −3.0381 (b_l = −5.5 lies outside the ball).
	seg := -1
	for i, s := range minima {
		if !s.IsPoint() {
			if seg >= 0 {
				t.Fatalf("two segments: %v", minima)
			}
			seg = i
		}
	}
	if seg < 0 {
		t.Fatalf("no segment among %v", minima)
	}
	s := minima[seg]
	left, right := math.Min(s.A[0], s.B[0]), math.Max(s.A[0], s.B[0])
	if math.Abs(left+math.Sqrt(4.2*4.2-2.9*2.9)) > 1e-3 || math.Abs(right+0.5) > 1e-3 ||
		math.Abs(s.A[1]+2.9) > 1e-6 || math.Abs(s.B[1]+2.9) > 1e-6 {
		t.Errorf("segment %v, want [(−3.0381, −2.9), (−0.5, −2.9)]", s)
	}
	// The points: m_1 ≈ (−0.80, 2.57), m_3 = (3, 1) exactly (Himmelblau's
	// (3, 2) under the paper's map), m_4 ≈ (3.22, −0.88).
	m1 := findSet(minima, []float64{-0.802, 2.570}, 1e-2)
	m3 := findSet(minima, []float64{3, 1}, 1e-6)
	m4 := findSet(minima, []float64{3.215, -0.884}, 1e-2)
	if m1 < 0 || m3 < 0 || m4 < 0 {
		t.Fatalf("minimum sets %v lack one of (−0.80, 2.57), (3, 1), (3.22, −0.88)", minima)
	}
	if len(b.Starts) != 1 || b.Starts[0].Basin != m3 || b.Starts[0].X[0] != 2.9 || b.Starts[0].X[1] != 1 {
		t.Errorf("starts %+v, want basin %d of (3, 1) at (2.9, 1)", b.Starts, m3)
	}
	bm, ok := b.Basins.(*landscapes.BasinMap)
	if !ok {
		t.Fatalf("basins %T, want *landscapes.BasinMap", b.Basins)
	}
	for _, i := range []int{seg, m1} {
		if r := bm.Radius(i); !(r > b.B) {
			t.Errorf("wide basin %d: r = %.4f, want > b = %g (J ≥ 2)", i, r, b.B)
		}
	}
	for _, i := range []int{m3, m4} {
		if r := bm.Radius(i); !(r < b.B) {
			t.Errorf("sharp basin %d: r = %.4f, want < b = %g (J = 1)", i, r, b.B)
		}
	}
	if b.Domain.(landscapes.Ball).Radius != 4.2 || bm.Domain().Radius != 4.2 || b.B != 2.15 || len(b.Etas) != 1 || b.Etas[0] != 5e-4 {
		t.Errorf("domain %v (map %v), b %g, etas %v", b.Domain, bm.Domain(), b.B, b.Etas)
	}
	if z := b.Noise.(noise.Radial); z.Dim() != 2 || !z.Isotropic() || z.Alpha() != 1.2 || z.Radius().Name() != noise.NamePareto {
		t.Errorf("noise %+v", b.Noise)
	}
	// [dynamics] is present, so every set is checked: the segment (the cut
	// c_1|y − a_y|^{1.1} has no second derivative on it) gives the one
	// warning; elsewhere η·λ_max ≤ 5e-4·83.3 ≈ 0.04.
	if len(b.Warnings) != 1 || !strings.HasPrefix(b.Warnings[0], "landscape: f is not twice differentiable at the minimum set ") {
		t.Errorf("warnings %q, want one about the segment", b.Warnings)
	}
}

// TestBuildRdAllStarts checks that without start and start_x every minimum
// set is a start, at its representative point (the segment's midpoint),
// which lies in its own basin.
func TestBuildRdAllStarts(t *testing.T) {
	b := buildText(t, apply(readTestdata(t, "himmelblau.toml"), del("sgd.start_x")))
	minima := b.Basins.MinimumSets()
	if len(b.Starts) != len(minima) {
		t.Fatalf("%d starts for %d minimum sets", len(b.Starts), len(minima))
	}
	for i, st := range b.Starts {
		c := minima[i].Centre()
		if st.Basin != i || st.X[0] != c[0] || st.X[1] != c[1] {
			t.Errorf("start %d: %+v, want basin %d at %v", i, st, i, c)
		}
		if got := b.Basins.Locate(st.X); got != i {
			t.Errorf("start %d at %v lies in basin %d", i, st.X, got)
		}
	}
	b = buildText(t, apply(readTestdata(t, "himmelblau.toml"), del("sgd.start_x"), set("sgd.start", "3")))
	if len(b.Starts) != 1 || b.Starts[0].Basin != 3 {
		t.Errorf("start 3: %+v", b.Starts)
	}
}

// TestBuildRdQuadratic checks the 2-D quadratic well of the appendix's 2-D
// exit experiment (internal/appendix) with a ball and a box basin: one minimum set
// {0}, the QuadraticRd as its own basins with the exact distance r to the
// boundary (J = ⌈r/b⌉), and the step-size warning from the exact
// λ_max = (2.5 + √1.25)/2 ≈ 1.809 of H = [[1.5, 0.5], [0.5, 1]].
func TestBuildRdQuadratic(t *testing.T) {
	quad := readTestdata(t, "quadratic2d.toml")
	lmax := (2.5 + math.Sqrt(1.25)) / 2
	tests := []struct {
		name   string
		edits  []edit
		r      float64 // distance from 0 to the basin boundary
		warned int     // number of warnings
	}{
		{"ball", nil, 1, 0},
		{"box", []edit{del("landscape.basin_radius"), set("landscape.basin_lo", "[-1.0, -inf]"), set("landscape.basin_hi", "[2.0, 0.4]")}, 0.4, 0},
		{"eta 0.6 oscillates", []edit{set("sgd.eta", "[0.01, 0.6]")}, 1, 1},
		{"start_x", []edit{set("sgd.start_x", "[0.3, -0.2]")}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := buildText(t, apply(quad, tt.edits...))
			minima := b.Basins.MinimumSets()
			q, ok := b.Basins.(landscapes.QuadraticRd)
			if _, lok := b.Landscape.(landscapes.QuadraticRd); !ok || !lok {
				t.Fatalf("basins %T, landscape %T: want the QuadraticRd for both", b.Basins, b.Landscape)
			}
			if len(minima) != 1 || !minima[0].IsPoint() || minima[0].Dist([]float64{0, 0}) != 0 {
				t.Errorf("minima %v, want {0}", minima)
			}
			if got := q.Core(0); got != tt.r {
				t.Errorf("r = %g, want %g", got, tt.r)
			}
			if J := math.Ceil(tt.r / b.B); J != 1 {
				t.Errorf("J = ⌈%g/%g⌉ = %g, want 1", tt.r, b.B, J)
			}
			if b.Domain != nil || len(b.Starts) != 1 || b.Starts[0].Basin != 0 {
				t.Errorf("domain %v, starts %+v", b.Domain, b.Starts)
			}
			if len(b.Warnings) != tt.warned {
				t.Errorf("warnings %q, want %d", b.Warnings, tt.warned)
			}
			if tt.warned > 0 && !strings.Contains(b.Warnings[0], "sgd.eta[1]: η·λ_max = 0.6·1.809 = 1.085 > 1") {
				t.Errorf("warning %q, want η·λ_max = 0.6·%.4g", b.Warnings[0], lmax)
			}
		})
	}
}

// TestBuildRdWells checks gaussian-wells: two point minima near the
// centres (pulled towards 0 by the confinement), the finite angular law,
// and the basins of the minima at their representative points.
func TestBuildRdWells(t *testing.T) {
	b := buildText(t, readTestdata(t, "wells2d.toml"))
	minima := b.Basins.MinimumSets()
	if len(minima) != 2 {
		t.Fatalf("minima %v, want 2", minima)
	}
	// The minima solve k·x + (D/w²)(x − c)·e^{−(x−c)²/(2w²)} = 0 on the
	// axis (the other well's pull is below 1e-4 there): x ≈ −0.9522 and
	// x ≈ 1.4866 (Newton's method on the 1-D equation).
	if findSet(minima, []float64{-0.9522, 0}, 1e-3) < 0 || findSet(minima, []float64{1.4866, 0}, 1e-3) < 0 {
		t.Errorf("minima %v, want near (−0.9522, 0) and (1.4866, 0)", minima)
	}
	z := b.Noise.(noise.Radial)
	if z.Isotropic() || z.Name() != AngularFinite {
		t.Errorf("noise %s, want the finite angular law", z.Name())
	}
	dirs, w := z.Directions()
	if len(dirs) != 2 || w[0] != 0.5 || w[1] != 0.5 {
		t.Errorf("directions %v, weights %v", dirs, w)
	}
	// The file has dynamics.times, which R^d runs do not use: one warning.
	if len(b.Starts) != 2 || len(b.Warnings) != 1 || !strings.HasPrefix(b.Warnings[0], "dynamics.times:") {
		t.Errorf("starts %+v, warnings %q", b.Starts, b.Warnings)
	}
}

// TestBuildRdBadInput checks the errors on R^d that only Build can find (they need the
// minimum sets or the basins): each a *FieldError naming the key, no panic.
func TestBuildRdBadInput(t *testing.T) {
	him, quad, well := readTestdata(t, "himmelblau.toml"), readTestdata(t, "quadratic2d.toml"), readTestdata(t, "wells2d.toml")
	// Two equal wells symmetric about x = 0: the flow from (0, y) stays on
	// that line (∂f/∂x = 0 there exactly) and ends at the saddle, so such a
	// start lies in no basin.
	sym := apply(well, set("landscape.centers", "[[-1.0, 0.0], [1.0, 0.0]]"), set("landscape.depths", "[1.0, 1.0]"), set("landscape.widths", "[0.4, 0.4]"), del("dynamics"))
	tests := []struct {
		name  string
		text  string
		field string
	}{
		// λ_max ≈ 1.809: 1.2·1.809 ≈ 2.17 ≥ 2.
		{"quadratic eta unstable", apply(quad, set("sgd.eta", "[0.01, 1.2]")), "sgd.eta[1]"},
		{"quadratic start beyond", apply(quad, set("sgd.start", "1")), "sgd.start"},
		{"himmelblau start beyond", apply(him, del("sgd.start_x"), set("sgd.start", "4")), "sgd.start"},
		// λ_max ≈ 83.3 at (3.215, −0.884): 0.03·83.3 ≈ 2.5 ≥ 2.
		{"himmelblau eta unstable", apply(him, set("sgd.eta", "[0.03]")), "sgd.eta[0]"},
		// (3, 1) and (3.215, −0.884) are 1.8964 apart: half is 0.948.
		{"himmelblau radius too large", apply(him, set("dynamics.radius", "0.95")), "dynamics.radius"},
		{"start_x in no basin", apply(sym, set("sgd.start_x", "[0.0, 0.5]")), "sgd.start_x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(tt.text))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			b, err := s.Build(testBuildOpts)
			if err == nil {
				t.Fatalf("Build accepted it: %+v", b)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("got %v, want a *FieldError on %s", err, tt.field)
			}
		})
	}
}

// TestBuildRdWarnings checks warnings that do not stop a run.
func TestBuildRdWarnings(t *testing.T) {
	him := readTestdata(t, "himmelblau.toml")
	// 0.015·83.33 ≈ 1.25 > 1 at (3.215, −0.884), 0.015·58.56 ≈ 0.88 at (3, 1).
	b := buildText(t, apply(him, set("sgd.eta", "[0.015]")))
	if !hasWarning(b.Warnings, "sgd.eta[0]: η·λ_max = 0.015·83.33 = 1.25 > 1 at the minimum set") {
		t.Errorf("warnings %q lack the step-size warning", b.Warnings)
	}
	// 0.93 < 0.948 (half the least distance) but ≥ r = 0.9227 of the basin
	// of (3.215, −0.884).
	b = buildText(t, apply(him, set("dynamics.radius", "0.93")))
	if !hasWarning(b.Warnings, "dynamics.radius: 0.93 ≥ 0.9227, the distance from the minimum set") {
		t.Errorf("warnings %q lack the radius warning", b.Warnings)
	}
}

// hasWarning reports whether some warning starts with prefix.
func hasWarning(ws []string, prefix string) bool {
	for _, w := range ws {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}
