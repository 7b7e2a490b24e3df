package noise

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/param"
)

func TestNew(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		law                string
		alpha, scale, pPlu float64
		given              bool
		wantName           string  // "" when an error is expected
		wantPPlus          float64 // checked when wantName != ""
		wantParam          string  // the param.Error's Name
	}{
		{"pareto", 1.2, 0.1, 0, false, "pareto", 0.5, ""},
		{"pareto", 1.2, 0.1, 0.7, true, "pareto", 0.7, ""},
		{"lomax", 1.5, 1, 0.3, true, "lomax", 0.3, ""},
		{"lomax", 1.5, 1, 123, false, "lomax", 0.5, ""}, // p_plus not given: value ignored
		{"student-t", 1.5, 1, 0, false, "student-t", 0.5, ""},
		{"stable", 1.5, 1, 0, false, "stable", 0.5, ""},
		{"gaussian", nan, 1, 0, false, "gaussian", nan, ""},
		{"gaussian", 0.5, 1, 0, false, "gaussian", nan, ""}, // alpha ignored

		{"cauchy", 1.5, 1, 0, false, "", 0, "noise.Law.Name"},
		{"", 1.5, 1, 0, false, "", 0, "noise.Law.Name"},
		{"Pareto", 1.5, 1, 0, false, "", 0, "noise.Law.Name"},
		{"student-t", 1.5, 1, 0.5, true, "", 0, "noise.StudentT.PPlus"},
		{"stable", 1.5, 1, 0.5, true, "", 0, "noise.Stable.PPlus"},
		{"gaussian", nan, 1, 0.5, true, "", 0, "noise.Gaussian.PPlus"},
		{"pareto", 1.5, 1, 0, true, "", 0, "noise.Pareto.PPlus"},
		{"pareto", 1.5, 1, 1, true, "", 0, "noise.Pareto.PPlus"},
		{"lomax", 1.5, 1, nan, true, "", 0, "noise.Lomax.PPlus"},
		{"pareto", 1, 1, 0.5, true, "", 0, "noise.Pareto.Alpha"},
		{"pareto", nan, 1, 0.5, true, "", 0, "noise.Pareto.Alpha"},
		{"lomax", math.Inf(1), 1, 0.5, true, "", 0, "noise.Lomax.Alpha"},
		{"student-t", 0.9, 1, 0, false, "", 0, "noise.StudentT.Alpha"},
		{"stable", 2, 1, 0, false, "", 0, "noise.Stable.Alpha"},
		{"pareto", 1.5, 0, 0.5, true, "", 0, "noise.Pareto.Scale"},
		{"lomax", 1.5, -1, 0.5, true, "", 0, "noise.Lomax.Scale"},
		{"student-t", 1.5, math.Inf(1), 0, false, "", 0, "noise.StudentT.Scale"},
		{"stable", 1.5, nan, 0, false, "", 0, "noise.Stable.Scale"},
		{"gaussian", nan, 0, 0, false, "", 0, "noise.Gaussian.Scale"},
	}
	for _, c := range cases {
		l, err := New(c.law, c.alpha, c.scale, c.pPlu, c.given)
		if c.wantParam != "" {
			pe := param.As(err)
			if pe == nil || pe.Name != c.wantParam || pe.Index != param.Whole {
				t.Errorf("New(%q, %v, %v, %v, %v): err = %v, want a *param.Error on %s", c.law, c.alpha, c.scale, c.pPlu, c.given, err, c.wantParam)
			}
			if l != nil {
				t.Errorf("New(%q, …) returned a law with an error", c.law)
			}
			continue
		}
		if err != nil {
			t.Errorf("New(%q, %v, %v, %v, %v): %v", c.law, c.alpha, c.scale, c.pPlu, c.given, err)
			continue
		}
		p := l.PPlus()
		if l.Name() != c.wantName || !(p == c.wantPPlus || math.IsNaN(p) && math.IsNaN(c.wantPPlus)) {
			t.Errorf("New(%q, …): name %q p_+ %v, want %q %v", c.law, l.Name(), p, c.wantName, c.wantPPlus)
		}
	}
}

// TestNewReturnsValues checks that New returns the value types, so that a
// type switch recovers the concrete sampler.
func TestNewReturnsValues(t *testing.T) {
	for _, name := range Names() {
		l, err := New(name, 1.5, 1, 0, false)
		if err != nil {
			t.Fatal(err)
		}
		switch l.(type) {
		case Pareto, Lomax, StudentT, Stable, Gaussian:
		default:
			t.Errorf("New(%q) returned %T", name, l)
		}
		if l.Name() != name {
			t.Errorf("New(%q).Name() = %q", name, l.Name())
		}
	}
}

// TestConstructorErrorMessages checks the full text of a few errors: the
// parameter's Go name, then the cause.
func TestConstructorErrorMessages(t *testing.T) {
	_, e1 := NewPareto(0.9, 1, 0.5)
	_, e2 := NewLomax(1.5, 0, 0.5)
	_, e3 := NewPareto(1.5, 1, 1.2)
	_, e4 := NewStable(2.5, 1)
	for _, c := range []struct {
		err  error
		want string
	}{
		{e1, "noise.Pareto.Alpha: must be > 1, got 0.9"},
		{e2, "noise.Lomax.Scale: must be finite and > 0, got 0"},
		{e3, "noise.Pareto.PPlus: must be in (0, 1), got 1.2"},
		{e4, "noise.Stable.Alpha: must be < 2 for the stable law, got 2.5"},
	} {
		if c.err == nil || c.err.Error() != c.want {
			t.Errorf("error %v, want %q", c.err, c.want)
		}
	}
}
