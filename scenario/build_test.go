package scenario

import (
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

// TestDefaultBuilds checks that Default validates and builds, that it equals
// scenarios/paper-1d.toml, and that its structure is the paper-1d structure
// of THEORY.md section 2.
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
	b, err := d.Build()
	if err != nil {
		t.Fatal(err)
	}
	// THEORY.md section 2: m = (−1.51148, −0.69927, 0.49624, 1.32209),
	// s = (−1.3, 0.2, 0.7), printed to 5 decimals.
	wantM := []float64{-1.51148, -0.69927, 0.49624, 1.32209}
	wantS := []float64{-1.3, 0.2, 0.7}
	if !near(b.Structure.Minima, wantM, 1e-5) || !near(b.Structure.Saddles, wantS, 1e-5) {
		t.Errorf("structure %v / %v, want %v / %v", b.Structure.Minima, b.Structure.Saddles, wantM, wantS)
	}
	if len(b.Starts) != 4 {
		t.Fatalf("Starts = %v, want every minimum", b.Starts)
	}
	for i, st := range b.Starts {
		if st.Basin != i || st.X != b.Structure.Minima[i] {
			t.Errorf("Starts[%d] = %+v, want {%d %g}", i, st, i, b.Structure.Minima[i])
		}
	}
	if b.B != 0.5 || !reflect.DeepEqual(b.Etas, []float64{0.002, 0.001}) {
		t.Errorf("B = %g, Etas = %v", b.B, b.Etas)
	}
	if b.Law.Name() != LawPareto || b.Law.Alpha() != 1.2 || b.Law.PPlus() != 0.5 {
		t.Errorf("law %s α=%g p+=%g", b.Law.Name(), b.Law.Alpha(), b.Law.PPlus())
	}
	// f″(m) ≈ (163.4, 2.18, 446.3, 7.73) (THEORY.md section 2): the
	// largest η·f″ is 0.002·446.3 = 0.89 < 1, so no stability warning.
	if len(b.Warnings) != 0 {
		t.Errorf("Warnings = %q, want none", b.Warnings)
	}
	// η = 0.004 has η·f″(m_2) = 1.785 > 1 (0-based m_2): a warning.
	d.SGD.Eta = []float64{0.004}
	b, err = d.Build()
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

// TestExampleFilesBuild loads and builds every file in scenarios/.
func TestExampleFilesBuild(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(scenariosDir, "*.toml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("scenario files: %v, %v", files, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			s, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Build(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestBuildThreeWells checks the objects of scenarios/three-wells.toml:
// f'(x) = (x+1)·x·(x−1.5) has minima −1, 1.5 and the saddle 0; start = 1 is
// the minimum 1.5, where f″(1.5) = (1.5+1)(1.5−0) = 3.75, so η = 0.01 gives
// η·f″ = 0.0375 (no warning).
func TestBuildThreeWells(t *testing.T) {
	s, err := Load(filepath.Join(scenariosDir, "three-wells.toml"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	st := b.Structure
	if !reflect.DeepEqual(st.Minima, []float64{-1, 1.5}) || !reflect.DeepEqual(st.Saddles, []float64{0}) {
		t.Errorf("structure %+v", st)
	}
	if lo, hi := b.Line.Domain(); lo != -2 || hi != 2.5 || b.Line.Name() != KindCriticalPoints {
		t.Errorf("line %s on [%g, %g]", b.Line.Name(), lo, hi)
	}
	if !reflect.DeepEqual(b.Starts, []Start{{Basin: 1, X: 1.5}}) {
		t.Errorf("Starts = %+v", b.Starts)
	}
	if len(b.Warnings) != 0 {
		t.Errorf("Warnings = %q", b.Warnings)
	}
	if got := landscapes.SecondDeriv(b.Line, 1.5); math.Abs(got-3.75) > 1e-12 {
		t.Errorf("f''(1.5) = %g, want 3.75", got)
	}
}

// TestBuildQuadratic checks scenarios/quadratic.toml (THEORY.md section 8).
func TestBuildQuadratic(t *testing.T) {
	s, err := Load(filepath.Join(scenariosDir, "quadratic.toml"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	want := landscapes.Structure{Minima: []float64{0}, Lo: -2.1, Hi: 1.5, OpenLo: true, OpenHi: true}
	if !reflect.DeepEqual(b.Structure, want) {
		t.Errorf("structure %+v, want %+v", b.Structure, want)
	}
	if !reflect.DeepEqual(b.Starts, []Start{{Basin: 0, X: 0}}) || b.B != 1 || b.Law.Alpha() != 1.5 {
		t.Errorf("Starts %v, B %g, α %g", b.Starts, b.B, b.Law.Alpha())
	}
}

// TestBuildVariants covers starting points, no truncation, the laws and the
// warnings.
func TestBuildVariants(t *testing.T) {
	base := readScenario(t, "three-wells.toml")
	tests := []struct {
		name     string
		edits    []edit
		starts   []Start
		b        float64
		law      string
		warnings []string // required prefixes, in order
	}{
		{"every minimum", []edit{del("sgd.start")}, []Start{{0, -1}, {1, 1.5}}, 0.5, LawPareto, nil},
		{"start 0", []edit{set("sgd.start", "0")}, []Start{{0, -1}}, 0.5, LawPareto, nil},
		{"start_x right of saddle", []edit{del("sgd.start"), set("sgd.start_x", "0.3")}, []Start{{1, 0.3}}, 0.5, LawPareto, nil},
		{"start_x left edge", []edit{del("sgd.start"), set("sgd.start_x", "-2.0")}, []Start{{0, -2}}, 0.5, LawPareto, nil},
		{"b omitted", []edit{del("sgd.b")}, []Start{{1, 1.5}}, math.Inf(1), LawPareto, nil},
		{"b inf", []edit{set("sgd.b", "inf")}, []Start{{1, 1.5}}, math.Inf(1), LawPareto, nil},
		{"lomax", []edit{set("noise.law", `"lomax"`)}, []Start{{1, 1.5}}, 0.5, LawLomax, nil},
		{"student-t", []edit{set("noise.law", `"student-t"`), del("noise.p_plus")}, []Start{{1, 1.5}}, 0.5, LawStudentT, nil},
		{"stable", []edit{set("noise.law", `"stable"`), del("noise.p_plus")}, []Start{{1, 1.5}}, 0.5, LawStable, nil},
		{"gaussian", []edit{set("noise.law", `"gaussian"`), del("noise.p_plus"), del("noise.alpha")}, []Start{{1, 1.5}}, 0.5, LawGaussian, nil},
		// f″(1.5) = 3.75: η = 0.4 gives 1.5 > 1, a warning; η = 0.1 gives 0.375.
		{"warning", []edit{set("sgd.eta", "[0.1, 0.4]")}, []Start{{1, 1.5}}, 0.5, LawPareto, []string{"sgd.eta[1]: "}},
		// f″(−1) = (−1−0)(−1−1.5) = 2.5: η = 0.5 gives 1.25 at m_0, 1.875 at m_1.
		// Without [dynamics] only the start m_0 is checked: 0.6·2.5 = 1.5.
		{"other minimum unchecked without dynamics", []edit{set("sgd.start", "0"), set("sgd.eta", "[0.6]"), del("dynamics")}, []Start{{0, -1}}, 0.5, LawPareto, []string{"sgd.eta[0]: η·f''(m_0)"}},
		{"warnings at two minima", []edit{del("sgd.start"), set("sgd.eta", "[0.5]")}, []Start{{0, -1}, {1, 1.5}}, 0.5, LawPareto, []string{"sgd.eta[0]: η·f''(m_0)", "sgd.eta[0]: η·f''(m_1)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(apply(base, tt.edits...)))
			if err != nil {
				t.Fatal(err)
			}
			b, err := s.Build()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(b.Starts, tt.starts) {
				t.Errorf("Starts = %v, want %v", b.Starts, tt.starts)
			}
			if b.B != tt.b {
				t.Errorf("B = %g, want %g", b.B, tt.b)
			}
			if b.Law.Name() != tt.law {
				t.Errorf("law %q, want %q", b.Law.Name(), tt.law)
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(tt.text))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			_, err = s.Build()
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
	if _, err := s.Build(); !errors.As(err, &fe) || fe.Field != "sgd.eta" {
		t.Errorf("got %v, want an sgd.eta error", err)
	}
}

// TestSectionErr checks the mapping of constructor errors to fields.
func TestSectionErr(t *testing.T) {
	tests := []struct {
		table, msg, field, rest string
	}{
		{"landscape", "domain: must be finite", "landscape.domain", "must be finite"},
		{"landscape", "landscape: paper-1d: no minimum", "landscape", "paper-1d: no minimum"},
		{"noise", "alpha: must be > 1", "noise.alpha", "must be > 1"},
		{"noise", "p_plus: must be in (0, 1)", "noise.p_plus", "must be in (0, 1)"},
		{"noise", "something odd", "noise", "something odd"},
		{"noise", "pareto: bad", "noise", "pareto: bad"},
	}
	for _, tt := range tests {
		fe := sectionErr(tt.table, errors.New(tt.msg))
		if fe.Field != tt.field || fe.Msg != tt.rest {
			t.Errorf("sectionErr(%q, %q) = %+v, want {%s %s}", tt.table, tt.msg, fe, tt.field, tt.rest)
		}
	}
}
