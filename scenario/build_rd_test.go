package scenario

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// testBasinOpts are coarse basin-map options that keep the tests fast under
// -race (about 1.5 s for himmelblau-modified instead of about 20 s with the
// defaults; the memo of BuildRdWith builds each landscape once per test
// binary). They find the same minimum sets as the defaults, and the radii
// r_i agree with them to 5e-4 (measured: 2.2471 vs 2.2468, 2.4662 vs
// 2.4657, 0.9737 and 0.9227 equal).
var testBasinOpts = landscapes.BasinMapOptions{Grid: 15, Directions: 180, CacheCells: 128}

// buildRd parses text and builds it with testBasinOpts.
func buildRd(t *testing.T, text string) *BuiltRd {
	t.Helper()
	s, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.BuildRdWith(testBasinOpts)
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
// wide ones at b = 2.15 (THEORY.md section 5: J = ⌈r/b⌉ for contracting
// flows; the theory package computes J itself).
func TestBuildRdHimmelblau(t *testing.T) {
	b := buildRd(t, readTestdata(t, "himmelblau.toml"))
	if len(b.Minima) != 4 {
		t.Fatalf("%d minimum sets, want 4: %v", len(b.Minima), b.Minima)
	}
	// The segment is {y = a_y = −2.9, b_l ≤ x ≤ b_r = −0.5} inside the
	// ball ‖x‖ ≤ 4.2: its left end is x = −√(4.2² − 2.9²) = −√9.23 ≈
	// −3.0381 (b_l = −5.5 lies outside the ball).
	seg := -1
	for i, s := range b.Minima {
		if !s.IsPoint() {
			if seg >= 0 {
				t.Fatalf("two segments: %v", b.Minima)
			}
			seg = i
		}
	}
	if seg < 0 {
		t.Fatalf("no segment among %v", b.Minima)
	}
	s := b.Minima[seg]
	left, right := math.Min(s.A[0], s.B[0]), math.Max(s.A[0], s.B[0])
	if math.Abs(left+math.Sqrt(4.2*4.2-2.9*2.9)) > 1e-3 || math.Abs(right+0.5) > 1e-3 ||
		math.Abs(s.A[1]+2.9) > 1e-6 || math.Abs(s.B[1]+2.9) > 1e-6 {
		t.Errorf("segment %v, want [(−3.0381, −2.9), (−0.5, −2.9)]", s)
	}
	// The points: m_1 ≈ (−0.80, 2.57), m_3 = (3, 1) exactly (Himmelblau's
	// (3, 2) under the paper's map), m_4 ≈ (3.22, −0.88).
	m1 := findSet(b.Minima, []float64{-0.802, 2.570}, 1e-2)
	m3 := findSet(b.Minima, []float64{3, 1}, 1e-6)
	m4 := findSet(b.Minima, []float64{3.215, -0.884}, 1e-2)
	if m1 < 0 || m3 < 0 || m4 < 0 {
		t.Fatalf("minimum sets %v lack one of (−0.80, 2.57), (3, 1), (3.22, −0.88)", b.Minima)
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
	if b.Domain.Radius != 4.2 || bm.Domain().Radius != 4.2 || b.B != 2.15 || len(b.Etas) != 1 || b.Etas[0] != 5e-4 {
		t.Errorf("domain %v (map %v), b %g, etas %v", b.Domain, bm.Domain(), b.B, b.Etas)
	}
	if b.Noise.Dim() != 2 || !b.Noise.Isotropic() || b.Noise.Alpha() != 1.2 || b.Noise.Radius().Name() != noise.NamePareto {
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
	b := buildRd(t, apply(readTestdata(t, "himmelblau.toml"), del("sgd.start_x")))
	if len(b.Starts) != len(b.Minima) {
		t.Fatalf("%d starts for %d minimum sets", len(b.Starts), len(b.Minima))
	}
	for i, st := range b.Starts {
		c := b.Minima[i].Centre()
		if st.Basin != i || st.X[0] != c[0] || st.X[1] != c[1] {
			t.Errorf("start %d: %+v, want basin %d at %v", i, st, i, c)
		}
		if got := b.Basins.Locate(st.X); got != i {
			t.Errorf("start %d at %v lies in basin %d", i, st.X, got)
		}
	}
	b = buildRd(t, apply(readTestdata(t, "himmelblau.toml"), del("sgd.start_x"), set("sgd.start", "3")))
	if len(b.Starts) != 1 || b.Starts[0].Basin != 3 {
		t.Errorf("start 3: %+v", b.Starts)
	}
}

// TestBuildRdQuadratic checks the 2-D quadratic well of the appendix's 2-D
// exit experiment (paper/gen) with a ball and a box basin: one minimum set
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
			b := buildRd(t, apply(quad, tt.edits...))
			q, ok := b.Basins.(landscapes.QuadraticRd)
			if _, lok := b.Landscape.(landscapes.QuadraticRd); !ok || !lok {
				t.Fatalf("basins %T, landscape %T: want the QuadraticRd for both", b.Basins, b.Landscape)
			}
			if len(b.Minima) != 1 || !b.Minima[0].IsPoint() || b.Minima[0].Dist([]float64{0, 0}) != 0 {
				t.Errorf("minima %v, want {0}", b.Minima)
			}
			if got := q.Core(0); got != tt.r {
				t.Errorf("r = %g, want %g", got, tt.r)
			}
			if J := math.Ceil(tt.r / b.B); J != 1 {
				t.Errorf("J = ⌈%g/%g⌉ = %g, want 1", tt.r, b.B, J)
			}
			if !math.IsInf(b.Domain.Radius, 1) || len(b.Starts) != 1 || b.Starts[0].Basin != 0 {
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
	b := buildRd(t, readTestdata(t, "wells2d.toml"))
	if len(b.Minima) != 2 {
		t.Fatalf("minima %v, want 2", b.Minima)
	}
	// The minima solve k·x + (D/w²)(x − c)·e^{−(x−c)²/(2w²)} = 0 on the
	// axis (the other well's pull is below 1e-4 there): x ≈ −0.9522 and
	// x ≈ 1.4866 (Newton's method on the 1-D equation).
	if findSet(b.Minima, []float64{-0.9522, 0}, 1e-3) < 0 || findSet(b.Minima, []float64{1.4866, 0}, 1e-3) < 0 {
		t.Errorf("minima %v, want near (−0.9522, 0) and (1.4866, 0)", b.Minima)
	}
	if b.Noise.Isotropic() || b.Noise.Name() != AngularFinite {
		t.Errorf("noise %s, want the finite angular law", b.Noise.Name())
	}
	dirs, w := b.Noise.Directions()
	if len(dirs) != 2 || w[0] != 0.5 || w[1] != 0.5 {
		t.Errorf("directions %v, weights %v", dirs, w)
	}
	// The file has dynamics.times, which R^d runs do not use: one warning.
	if len(b.Starts) != 2 || len(b.Warnings) != 1 || !strings.HasPrefix(b.Warnings[0], "dynamics.times:") {
		t.Errorf("starts %+v, warnings %q", b.Starts, b.Warnings)
	}
}

// TestBuildRdBadInput checks the errors only BuildRd can find (they need the
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
			b, err := s.BuildRdWith(testBasinOpts)
			if err == nil {
				t.Fatalf("BuildRd accepted it: %+v", b)
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
	b := buildRd(t, apply(him, set("sgd.eta", "[0.015]")))
	if !hasWarning(b.Warnings, "sgd.eta[0]: η·λ_max = 0.015·83.33 = 1.25 > 1 at the minimum set") {
		t.Errorf("warnings %q lack the step-size warning", b.Warnings)
	}
	// 0.93 < 0.948 (half the least distance) but ≥ r = 0.9227 of the basin
	// of (3.215, −0.884).
	b = buildRd(t, apply(him, set("dynamics.radius", "0.93")))
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

// TestBuildDispatch checks that Build refuses a scenario on R^d and BuildRd
// a 1-D one, each with a *FieldError naming landscape.dimension, and that
// both still report a validation error first.
func TestBuildDispatch(t *testing.T) {
	var fe *FieldError
	rd, err := Parse([]byte(readTestdata(t, "quadratic2d.toml")))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rd.Build(); !errors.As(err, &fe) || fe.Field != "landscape.dimension" || !strings.Contains(fe.Msg, "BuildRd") {
		t.Errorf("Build on R^d: %v", err)
	}
	if _, err := Default().BuildRd(); !errors.As(err, &fe) || fe.Field != "landscape.dimension" || !strings.Contains(fe.Msg, "Build") {
		t.Errorf("BuildRd on 1-D: %v", err)
	}
	rd.Run.Samples = 0
	if _, err := rd.BuildRd(); !errors.As(err, &fe) || fe.Field != "run.samples" {
		t.Errorf("BuildRd of an invalid scenario: %v", err)
	}
}

// TestBasinMapMemo checks that a second build of the same landscape reuses
// the basin map and a different domain does not.
func TestBasinMapMemo(t *testing.T) {
	text := readTestdata(t, "wells2d.toml")
	b1, b2 := buildRd(t, text), buildRd(t, apply(text, set("sgd.eta", "[0.002]")))
	if b1.Basins != b2.Basins {
		t.Error("the same landscape built twice has two basin maps")
	}
	b3 := buildRd(t, apply(text, set("landscape.domain_radius", "2.9")))
	if b3.Basins == b1.Basins {
		t.Error("a different domain_radius reused the basin map")
	}
	if bm := b3.Basins.(*landscapes.BasinMap); bm.Domain().Radius != 2.9 {
		t.Errorf("domain %v, want radius 2.9", bm.Domain())
	}
}
