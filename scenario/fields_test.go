package scenario

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/param"
)

// TestFieldOf checks the translation of errors to scenario keys: the
// element index, the innermost known name of nested errors, the step-size
// index, flags, and errors left unchanged.
func TestFieldOf(t *testing.T) {
	plain := errors.New("disk full")
	fe := fieldErr("noise.alpha", "must be > 1")
	ball := param.Errorf("landscapes.Ball.Radius", "must be > 0 (or +Inf for none), got -1")
	tests := []struct {
		name string
		err  error
		eta  int    // ≥ 0: FieldOfEta(err, eta)
		want string // Error() of the result
		same bool   // the result is err itself
	}{
		{"nil", nil, -1, "", true},
		{"not a parameter", plain, -1, "disk full", true},
		{"already a FieldError", fe, -1, "scenario: noise.alpha: must be > 1", true},
		{"wrapped FieldError", fmt.Errorf("flag -law: %w", fe), -1, "flag -law: scenario: noise.alpha: must be > 1", true},
		{"unknown name", param.Errorf("landscapes.HimmelblauParams.C0", "must be ≥ 0, got -1"), -1, "landscapes.HimmelblauParams.C0: must be ≥ 0, got -1", true},
		{"whole", param.Errorf("noise.Pareto.Alpha", "must be > 1, got 0.9"), -1, "scenario: noise.alpha: must be > 1, got 0.9", false},
		{"element", param.ElemErrorf("landscapes.GaussianWells.Depths", 1, "must be > 0 and finite, got -2"), -1, "scenario: landscape.depths[1]: must be > 0 and finite, got -2", false},
		{"list as a whole", param.Errorf("landscapes.GaussianWells.Depths", "need one depth per centre (2), got 3"), -1, "scenario: landscape.depths: need one depth per centre (2), got 3", false},
		{"fixed element", param.Errorf("landscapes.Paper1D.Hi", "the upper end must be < 1.65, got 1.7"), -1, "scenario: landscape.domain[1]: the upper end must be < 1.65, got 1.7", false},
		{"wrapped by a caller", fmt.Errorf("cell 2: %w", param.Errorf("mc.FirstExit.MaxSteps", "must be ≥ 1, got 0")), -1, "scenario: run.max_steps: must be ≥ 1, got 0", false},
		{"innermost known name", &param.Error{Name: "mc.System.Domain", Index: param.Whole, Err: ball}, -1, "scenario: landscape.domain_radius: must be > 0 (or +Inf for none), got -1", false},
		{"outer name when the inner is unknown", &param.Error{Name: "mc.System.Domain", Index: param.Whole, Err: param.Errorf("landscapes.Ball.Center", "has dimension 3, want 2")}, -1, "scenario: landscape: landscapes.Ball.Center: has dimension 3, want 2", false},
		{"step size without its index", param.Errorf("mc.System.Eta", "must be > 0, got 0"), -1, "scenario: sgd.eta: must be > 0, got 0", false},
		{"step size with its index", param.Errorf("mc.System.Eta", "must be > 0, got 0"), 2, "scenario: sgd.eta[2]: must be > 0, got 0", false},
		{"FieldOfEta leaves other names alone", param.Errorf("mc.FirstExit.MaxSteps", "must be ≥ 1, got 0"), 2, "scenario: run.max_steps: must be ≥ 1, got 0", false},
		{"flag", param.Errorf("theory.Options.Samples", "must be ≥ 100, got 3"), -1, "flag -theory-samples: must be ≥ 100, got 3", false},
		{"another flag", param.Errorf("theory.CrossCheck.samples", "must be at least 2, got 1"), -1, "flag -check-samples: must be at least 2, got 1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got error
			if tt.eta >= 0 {
				got = FieldOfEta(tt.err, tt.eta)
			} else {
				got = FieldOf(tt.err)
			}
			if tt.same {
				if got != tt.err {
					t.Fatalf("got %v, want the error unchanged", got)
				}
				return
			}
			var f *FieldError
			if !errors.As(got, &f) {
				t.Fatalf("got %v (%T), want a *FieldError", got, got)
			}
			if got.Error() != tt.want {
				t.Errorf("got %q, want %q", got.Error(), tt.want)
			}
			// The cause stays reachable: the *param.Error's own cause.
			if !errors.Is(got, param.As(tt.err).Err) && !errors.Is(got, errors.Unwrap(param.As(tt.err).Err)) {
				t.Errorf("the cause of %v is lost", got)
			}
		})
	}
}

// keyRE matches a key of the table: "name", "table", "table.key", with an
// optional element "[k]", or a flag "-flag".
var keyRE = regexp.MustCompile(`^(-[a-z-]+|[a-z_]+(\.[a-z_]+)?(\[\d+\])?)$`)

// TestFieldsAreKeys checks every key of the table against the keys the
// file format defines (knownKeys), so that a misspelt key cannot name a
// field the user does not have.
func TestFieldsAreKeys(t *testing.T) {
	for name, f := range fields {
		if !keyRE.MatchString(f.key) {
			t.Errorf("%s: key %q is not of the form table.key[k]", name, f.key)
			continue
		}
		if isFlag(f.key) {
			continue
		}
		key, _, _ := strings.Cut(f.key, "[")
		table, sub, dotted := strings.Cut(key, ".")
		if !dotted {
			if _, ok := knownKeys[table]; !ok && !strings.Contains(knownKeys[""], table) {
				t.Errorf("%s: %q is neither a table nor a top-level key", name, f.key)
			}
			continue
		}
		if !strings.Contains(", "+knownKeys[table]+",", ", "+sub+",") {
			t.Errorf("%s: %q is not a key of [%s] (%s)", name, f.key, table, knownKeys[table])
		}
		if f.list && strings.Contains(f.key, "[") {
			t.Errorf("%s: a list parameter with a fixed element %q", name, f.key)
		}
		if !strings.Contains(name, ".") || strings.Count(name, ".") < 1 {
			t.Errorf("name %q is not package.Type(.Field)", name)
		}
	}
}

// TestLibraryErrorsHaveKeys provokes every parameter error of packages
// noise and landscapes that a scenario file can lead to, and checks that
// FieldOf names the key. The names that no key sets (the constants of
// HimmelblauParams, the search box and minima of BasinMapOptions, a ball's
// centre) are checked to stay unchanged.
func TestLibraryErrorsHaveKeys(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	pareto, _ := noise.NewPareto(1.5, 1, 0.5)
	asym, _ := noise.NewPareto(1.5, 1, 0.7)
	well := func(c [][]float64, dep, wid []float64, k float64) error {
		_, err := landscapes.NewGaussianWells(c, dep, wid, k)
		return err
	}
	tests := []struct {
		err error
		key string // "" for unchanged
	}{
		{func() error { _, e := noise.New("cauchy", 1.5, 1, 0, false); return e }(), "noise.law"},
		{func() error { _, e := noise.NewPareto(0.5, 1, 0.5); return e }(), "noise.alpha"},
		{func() error { _, e := noise.NewLomax(nan, 1, 0.5); return e }(), "noise.alpha"},
		{func() error { _, e := noise.NewStudentT(1, 1); return e }(), "noise.alpha"},
		{func() error { _, e := noise.NewStable(2, 1); return e }(), "noise.alpha"},
		{func() error { _, e := noise.NewPareto(1.5, 0, 0.5); return e }(), "noise.scale"},
		{func() error { _, e := noise.NewLomax(1.5, inf, 0.5); return e }(), "noise.scale"},
		{func() error { _, e := noise.NewStudentT(1.5, -1); return e }(), "noise.scale"},
		{func() error { _, e := noise.NewStable(1.5, nan); return e }(), "noise.scale"},
		{func() error { _, e := noise.NewGaussian(0); return e }(), "noise.scale"},
		{func() error { _, e := noise.NewPareto(1.5, 1, 1); return e }(), "noise.p_plus"},
		{func() error { _, e := noise.NewLomax(1.5, 1, 0); return e }(), "noise.p_plus"},
		{func() error { _, e := noise.New("student-t", 1.5, 1, 0.5, true); return e }(), "noise.p_plus"},
		{func() error { _, e := noise.New("stable", 1.5, 1, 0.5, true); return e }(), "noise.p_plus"},
		{func() error { _, e := noise.New("gaussian", nan, 1, 0.5, true); return e }(), "noise.p_plus"},
		{func() error { _, e := noise.NewRadial(0, pareto, nil); return e }(), "landscape.dimension"},
		{func() error { _, e := noise.NewRadial(2, asym, nil); return e }(), "noise.p_plus"},
		{func() error {
			_, e := noise.NewRadial(2, pareto, &noise.Angular{Directions: [][]float64{{1, 0}, {0, 0}}})
			return e
		}(), "noise.directions[1]"},
		{func() error {
			_, e := noise.NewRadial(2, pareto, &noise.Angular{Directions: [][]float64{{1, 0}, {0, 1}}})
			return e
		}(), "noise.directions"},
		{func() error {
			_, e := noise.NewRadial(2, pareto, &noise.Angular{Directions: [][]float64{{1, 0}, {-1, 0}}, Weights: []float64{1, inf}})
			return e
		}(), "noise.weights[1]"},
		{func() error { _, e := landscapes.NewPaper1D(nan, 1); return e }(), "landscape.domain[0]"},
		{func() error { _, e := landscapes.NewPaper1D(-1.6, 1.7); return e }(), "landscape.domain[1]"},
		{func() error { _, e := landscapes.NewCriticalPoints(0, []float64{0}, -1, 1); return e }(), "landscape.scale"},
		{func() error { _, e := landscapes.NewCriticalPoints(1, []float64{0, 2, 0.5}, -1, 3); return e }(), "landscape.points[2]"},
		{func() error { _, e := landscapes.NewCriticalPoints(1, []float64{0, 1}, -1, 3); return e }(), "landscape.points"},
		{func() error { _, e := landscapes.NewCriticalPoints(1, []float64{0}, 1, -1); return e }(), "landscape.domain"},
		{func() error { _, e := landscapes.NewQuadratic(-1, -1, 1); return e }(), "landscape.scale"},
		{func() error { _, e := landscapes.NewQuadratic(1, 1, 1); return e }(), "landscape.basin[0]"},
		{func() error { _, e := landscapes.NewQuadratic(1, -1, nan); return e }(), "landscape.basin[1]"},
		{func() error {
			_, e := landscapes.Discover(landscapes.Paper1D{Lo: -1.4, Hi: 1.6})
			return e
		}(), "landscape"},
		{landscapes.Interval{Lo: 1, Hi: 0}.Validate(), "landscape.domain"},
		{func() error { _, e := landscapes.NewQuadraticRd([][]float64{{1, 0}, {0.5, 1}}, 1); return e }(), "landscape.hessian[1]"},
		{func() error { _, e := landscapes.NewQuadraticRd([][]float64{{1, 0}, {0, -1}}, 1); return e }(), "landscape.hessian"},
		{func() error { _, e := landscapes.NewQuadraticRd([][]float64{{1}}, -1); return e }(), "landscape.basin_radius"},
		{func() error {
			_, e := landscapes.NewQuadraticRdBox([][]float64{{1, 0}, {0, 1}}, []float64{-1, 1}, []float64{1, 1})
			return e
		}(), "landscape.basin_lo[1]"},
		{func() error {
			_, e := landscapes.NewQuadraticRdBox([][]float64{{1, 0}, {0, 1}}, []float64{-1, -1}, []float64{0, 1})
			return e
		}(), "landscape.basin_hi[0]"},
		{well(nil, nil, nil, 1), "landscape.centers"},
		{well([][]float64{{0, 0}, {1}}, []float64{1, 1}, []float64{1, 1}, 1), "landscape.centers[1]"},
		{well([][]float64{{0, 0}}, []float64{1, 1}, []float64{1}, 1), "landscape.depths"},
		{well([][]float64{{0, 0}}, []float64{1}, []float64{0}, 1), "landscape.widths[0]"},
		{well([][]float64{{0, 0}}, []float64{1}, []float64{1}, nan), "landscape.confinement"},
		{landscapes.Ball{Radius: -1}.Validate(2), "landscape.domain_radius"},
		{func() error {
			g, _ := landscapes.NewGaussianWells([][]float64{{0, 0}}, []float64{1}, []float64{1}, 1)
			_, e := landscapes.NewBasinMap(context.Background(), g, landscapes.BasinMapOptions{})
			return e
		}(), "landscape.domain_radius"},
		{func() error {
			g, _ := landscapes.NewGaussianWells([][]float64{{0, 0}}, []float64{1}, []float64{1}, 1)
			_, e := landscapes.NewBasinMap(context.Background(), g, landscapes.BasinMapOptions{Domain: landscapes.Ball{Radius: 1}, Minima: []landscapes.MinimumSet{}})
			return e
		}(), "landscape"},
		// No scenario key sets these: they keep their Go names.
		{func() error {
			p := landscapes.PaperHimmelblau()
			p.C0 = -1
			_, e := landscapes.NewHimmelblauModified(p)
			return e
		}(), ""},
		{landscapes.Ball{Radius: 1, Center: []float64{0}}.Validate(2), ""},
	}
	for i, tt := range tests {
		pe := param.As(tt.err)
		if pe == nil {
			t.Errorf("case %d: %v is not a *param.Error", i, tt.err)
			continue
		}
		got := FieldOf(tt.err)
		var f *FieldError
		switch {
		case tt.key == "" && got != tt.err:
			t.Errorf("%s: FieldOf gave %v, want it unchanged", pe.Name, got)
		case tt.key != "" && (!errors.As(got, &f) || f.Field != tt.key):
			t.Errorf("%s[%d]: FieldOf gave %v, want the key %s", pe.Name, pe.Index, got, tt.key)
		}
	}
}
