package scenario

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// readTestdata returns the text of testdata/<name>.
func readTestdata(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestParseBadInputRd checks that every bad input on R^d (and every R^d key
// in a 1-D file) is rejected by Parse, without a panic, with a *FieldError
// naming the offending key. Each row edits one of the example files.
func TestParseBadInputRd(t *testing.T) {
	bases := map[string]string{
		"him":  readTestdata(t, "himmelblau.toml"),
		"quad": readTestdata(t, "quadratic2d.toml"),
		"well": readTestdata(t, "wells2d.toml"),
		"1d":   readScenario(t, "three-wells.toml"),
	}
	box := []edit{del("landscape.basin_radius"), set("landscape.basin_lo", "[-1.0, -2.0]"), set("landscape.basin_hi", "[1.0, 0.5]")}
	with := func(pre []edit, more ...edit) []edit { return append(append([]edit{}, pre...), more...) }
	tests := []struct {
		name  string
		base  string
		edits []edit
		field string
	}{
		// himmelblau-modified
		{"him dimension 3", "him", []edit{set("landscape.dimension", "3")}, "landscape.dimension"},
		{"him dimension 1", "him", []edit{set("landscape.dimension", "1")}, "landscape.dimension"},
		{"him dimension float", "him", []edit{set("landscape.dimension", "2.0")}, "landscape.dimension"},
		{"him domain_radius 0", "him", []edit{set("landscape.domain_radius", "0.0")}, "landscape.domain_radius"},
		{"him domain_radius negative", "him", []edit{set("landscape.domain_radius", "-4.2")}, "landscape.domain_radius"},
		{"him domain_radius NaN", "him", []edit{set("landscape.domain_radius", "nan")}, "landscape.domain_radius"},
		{"him domain_radius inf", "him", []edit{set("landscape.domain_radius", "inf")}, "landscape.domain_radius"},
		{"him hessian", "him", []edit{set("landscape.hessian", "[[1.0, 0.0], [0.0, 1.0]]")}, "landscape.hessian"},
		{"him centers", "him", []edit{set("landscape.centers", "[[0.0, 0.0]]")}, "landscape.centers"},
		{"him basin_radius", "him", []edit{set("landscape.basin_radius", "1.0")}, "landscape.basin_radius"},
		{"him confinement", "him", []edit{set("landscape.confinement", "1.0")}, "landscape.confinement"},
		{"him points", "him", []edit{set("landscape.points", "[-1.0, 0.0, 1.0]")}, "landscape.points"},
		{"him scale", "him", []edit{set("landscape.scale", "1.0")}, "landscape.scale"},
		{"him domain", "him", []edit{set("landscape.domain", "[-4.0, 4.0]")}, "landscape.domain"},
		{"him basin", "him", []edit{set("landscape.basin", "[-1.0, 1.0]")}, "landscape.basin"},
		{"him unknown key", "him", []edit{set("landscape.hessain", "1.0")}, "landscape.hessain"},
		{"start_x a number", "him", []edit{set("sgd.start_x", "0.3")}, "sgd.start_x"},
		{"start_x too long", "him", []edit{set("sgd.start_x", "[2.9, 1.0, 0.0]")}, "sgd.start_x"},
		{"start_x outside ball", "him", []edit{set("sgd.start_x", "[4.0, 2.0]")}, "sgd.start_x"},
		{"start_x NaN", "him", []edit{set("sgd.start_x", "[nan, 1.0]")}, "sgd.start_x"},
		{"start_x string", "him", []edit{set("sgd.start_x", `"(2.9, 1.0)"`)}, "sgd.start_x"},
		{"start_x string element", "him", []edit{set("sgd.start_x", `[2.9, "1.0"]`)}, "sgd.start_x"},
		{"start_x nested", "him", []edit{set("sgd.start_x", "[[2.9, 1.0]]")}, "sgd.start_x"},
		{"start_x empty", "him", []edit{set("sgd.start_x", "[]")}, "sgd.start_x"},
		{"start_x with start", "him", []edit{set("sgd.start", "0")}, "sgd.start_x"},
		{"p_plus asymmetric on R^d", "him", []edit{set("noise.p_plus", "0.7")}, "noise.p_plus"},
		{"unknown angular", "him", []edit{set("noise.angular", `"gaussian"`)}, "noise.angular"},
		{"directions with isotropic", "him", []edit{set("noise.directions", "[[1.0, 0.0], [-1.0, 0.0]]")}, "noise.directions"},
		{"weights with isotropic", "him", []edit{set("noise.weights", "[1.0, 1.0]")}, "noise.weights"},
		{"finite without directions", "him", []edit{set("noise.angular", `"finite"`)}, "noise.directions"},
		{"finite direction wrong length", "well", []edit{set("noise.directions", "[[1.0, 0.0], [-1.0]]")}, "noise.directions[1]"},
		{"finite zero direction", "well", []edit{set("noise.directions", "[[0.0, 0.0], [-1.0, 0.0]]")}, "noise.directions[0]"},
		{"finite direction NaN", "well", []edit{set("noise.directions", "[[1.0, nan], [-1.0, 0.0]]")}, "noise.directions[0]"},
		{"finite mean not zero", "well", []edit{set("noise.directions", "[[1.0, 0.0], [0.0, 1.0]]")}, "noise.directions"},
		{"finite weights break the mean", "well", []edit{set("noise.weights", "[1.0, 2.0]")}, "noise.directions"},
		{"finite weights wrong length", "well", []edit{set("noise.weights", "[1.0]")}, "noise.weights"},
		{"finite weight negative", "well", []edit{set("noise.weights", "[1.0, -1.0]")}, "noise.weights[1]"},
		{"finite weight inf", "well", []edit{set("noise.weights", "[inf, 1.0]")}, "noise.weights[0]"},
		// quadratic on R^d
		{"hessian row short", "quad", []edit{set("landscape.hessian", "[[1.5, 0.5], [0.5]]")}, "landscape.hessian[1]"},
		{"hessian row long", "quad", []edit{set("landscape.hessian", "[[1.5, 0.5, 0.0], [0.5, 1.0]]")}, "landscape.hessian[0]"},
		{"hessian 3 rows for dimension 2", "quad", []edit{set("landscape.hessian", "[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]")}, "landscape.hessian"},
		{"hessian not symmetric", "quad", []edit{set("landscape.hessian", "[[1.5, 0.5], [0.4, 1.0]]")}, "landscape.hessian[1]"},
		{"hessian indefinite", "quad", []edit{set("landscape.hessian", "[[1.0, 2.0], [2.0, 1.0]]")}, "landscape.hessian"},
		{"hessian singular", "quad", []edit{set("landscape.hessian", "[[1.0, 1.0], [1.0, 1.0]]")}, "landscape.hessian"},
		{"hessian NaN", "quad", []edit{set("landscape.hessian", "[[nan, 0.5], [0.5, 1.0]]")}, "landscape.hessian[0]"},
		{"hessian 1x1", "quad", []edit{del("landscape.dimension"), set("landscape.hessian", "[[2.0]]")}, "landscape.hessian"},
		{"hessian missing", "quad", []edit{del("landscape.hessian")}, "landscape.hessian"},
		{"hessian not a matrix", "quad", []edit{set("landscape.hessian", "[1.5, 0.5]")}, "landscape.hessian"},
		{"dimension 1 with hessian", "quad", []edit{set("landscape.dimension", "1")}, "landscape.dimension"},
		{"dimension 0 with hessian", "quad", []edit{set("landscape.dimension", "0")}, "landscape.dimension"},
		{"basin missing", "quad", []edit{del("landscape.basin_radius")}, "landscape.basin_radius"},
		{"basin_radius 0", "quad", []edit{set("landscape.basin_radius", "0.0")}, "landscape.basin_radius"},
		{"basin_radius negative", "quad", []edit{set("landscape.basin_radius", "-1.0")}, "landscape.basin_radius"},
		{"basin_radius inf", "quad", []edit{set("landscape.basin_radius", "inf")}, "landscape.basin_radius"},
		{"basin_radius and box", "quad", with(box, set("landscape.basin_radius", "1.0")), "landscape.basin_radius"},
		{"basin_lo alone", "quad", []edit{del("landscape.basin_radius"), set("landscape.basin_lo", "[-1.0, -1.0]")}, "landscape.basin_hi"},
		{"basin_hi alone", "quad", []edit{del("landscape.basin_radius"), set("landscape.basin_hi", "[1.0, 1.0]")}, "landscape.basin_lo"},
		{"basin_lo wrong length", "quad", with(box, set("landscape.basin_lo", "[-1.0]")), "landscape.basin_lo"},
		{"basin_lo positive", "quad", with(box, set("landscape.basin_lo", "[-1.0, 0.5]")), "landscape.basin_lo[1]"},
		{"basin_lo zero", "quad", with(box, set("landscape.basin_lo", "[0.0, -1.0]")), "landscape.basin_lo[0]"},
		{"basin_hi negative", "quad", with(box, set("landscape.basin_hi", "[-0.5, 1.0]")), "landscape.basin_hi[0]"},
		{"basin_hi NaN", "quad", with(box, set("landscape.basin_hi", "[1.0, nan]")), "landscape.basin_hi[1]"},
		{"box all infinite", "quad", with(box, set("landscape.basin_lo", "[-inf, -inf]"), set("landscape.basin_hi", "[inf, inf]")), "landscape.basin_lo"},
		{"quadratic domain_radius", "quad", []edit{set("landscape.domain_radius", "2.0")}, "landscape.domain_radius"},
		{"quadratic scale on R^d", "quad", []edit{set("landscape.scale", "1.0")}, "landscape.scale"},
		{"quadratic basin on R^d", "quad", []edit{set("landscape.basin", "[-1.0, 1.0]")}, "landscape.basin"},
		{"quadratic centers", "quad", []edit{set("landscape.centers", "[[0.0, 0.0]]")}, "landscape.centers"},
		{"quadratic depths", "quad", []edit{set("landscape.depths", "[1.0]")}, "landscape.depths"},
		{"quadratic dimension 2 without hessian", "quad", []edit{del("landscape.hessian"), del("landscape.basin_radius"), set("landscape.scale", "1.0"), set("landscape.basin", "[-1.0, 1.0]")}, "landscape.scale"},
		{"start_x outside ball basin", "quad", []edit{set("sgd.start_x", "[0.8, 0.8]")}, "sgd.start_x"},
		{"start_x on ball basin edge", "quad", []edit{set("sgd.start_x", "[0.6, 0.8]")}, "sgd.start_x"},
		{"start_x outside box basin", "quad", with(box, set("sgd.start_x", "[0.5, 0.6]")), "sgd.start_x"},
		// gaussian-wells
		{"centers missing", "well", []edit{del("landscape.centers")}, "landscape.centers"},
		{"centers empty", "well", []edit{set("landscape.centers", "[]")}, "landscape.centers"},
		{"center wrong length", "well", []edit{set("landscape.centers", "[[-1.0, 0.0], [1.5]]")}, "landscape.centers[1]"},
		{"centers 1-D", "well", []edit{set("landscape.centers", "[[-1.0], [1.5]]")}, "landscape.centers[0]"},
		{"centers of dimension 2, dimension 3", "well", []edit{set("landscape.dimension", "3")}, "landscape.centers[0]"},
		{"center infinite", "well", []edit{set("landscape.centers", "[[-1.0, 0.0], [inf, 0.0]]")}, "landscape.centers[1]"},
		{"depths missing", "well", []edit{del("landscape.depths")}, "landscape.depths"},
		{"depths wrong length", "well", []edit{set("landscape.depths", "[1.0, 2.0, 3.0]")}, "landscape.depths"},
		{"depth negative", "well", []edit{set("landscape.depths", "[1.0, -2.0]")}, "landscape.depths[1]"},
		{"widths wrong length", "well", []edit{set("landscape.widths", "[0.5]")}, "landscape.widths"},
		{"width zero", "well", []edit{set("landscape.widths", "[0.0, 0.3]")}, "landscape.widths[0]"},
		{"confinement missing", "well", []edit{del("landscape.confinement")}, "landscape.confinement"},
		{"confinement zero", "well", []edit{set("landscape.confinement", "0.0")}, "landscape.confinement"},
		{"wells domain_radius missing", "well", []edit{del("landscape.domain_radius")}, "landscape.domain_radius"},
		{"wells hessian", "well", []edit{set("landscape.hessian", "[[1.0, 0.0], [0.0, 1.0]]")}, "landscape.hessian"},
		{"wells basin_lo", "well", []edit{set("landscape.basin_lo", "[-1.0, -1.0]")}, "landscape.basin_lo"},
		// R^d keys in a 1-D file
		{"1-D angular", "1d", []edit{set("noise.angular", `"isotropic"`)}, "noise.angular"},
		{"1-D directions", "1d", []edit{set("noise.directions", "[[1.0], [-1.0]]")}, "noise.directions"},
		{"1-D weights", "1d", []edit{set("noise.weights", "[1.0]")}, "noise.weights"},
		{"1-D start_x array", "1d", []edit{del("sgd.start"), set("sgd.start_x", "[0.3, 0.1]")}, "sgd.start_x"},
		{"1-D hessian", "1d", []edit{set("landscape.hessian", "[[1.0, 0.0], [0.0, 1.0]]")}, "landscape.hessian"},
		{"1-D domain_radius", "1d", []edit{set("landscape.domain_radius", "2.0")}, "landscape.domain_radius"},
		{"1-D centers", "1d", []edit{set("landscape.centers", "[[0.0, 0.0]]")}, "landscape.centers"},
		{"1-D dimension 2", "1d", []edit{set("landscape.dimension", "2")}, "landscape.dimension"},
		{"1-D quadratic basin_radius", "1d", []edit{set("landscape.kind", `"quadratic"`), del("landscape.points"), del("landscape.domain"), set("landscape.basin", "[-2.1, 1.5]"), del("sgd.start"), set("landscape.basin_radius", "1.0")}, "landscape.basin_radius"},
		{"times empty on R^d", "him", []edit{set("dynamics.times", "[]")}, "dynamics.times"},
		{"times decreasing on R^d", "him", []edit{set("dynamics.times", "[1.0, 0.5]")}, "dynamics.times"},
		{"1-D times missing", "1d", []edit{del("dynamics.times")}, "dynamics.times"},
		{"unknown kind", "well", []edit{set("landscape.kind", `"rosenbrock"`)}, "landscape.kind"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		if seen[tt.name] {
			t.Fatalf("duplicate row %q", tt.name)
		}
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			text := apply(bases[tt.base], tt.edits...)
			s, err := Parse([]byte(text))
			if err == nil {
				t.Fatalf("Parse accepted the input, want an error on %s; input:\n%s\nparsed: %+v", tt.field, text, s)
			}
			var fe *FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v (%T) is not a *FieldError", err, err)
			}
			if fe.Field != tt.field {
				t.Fatalf("Field = %q, want %q (error: %v)", fe.Field, tt.field, err)
			}
			if want := "scenario: " + tt.field + ": "; !strings.HasPrefix(err.Error(), want) || fe.Msg == "" {
				t.Errorf("Error() = %q, want prefix %q and a message", err.Error(), want)
			}
		})
	}
}

// TestParseGoodVariantsRd checks R^d edits that must be accepted, and the
// defaults they imply.
func TestParseGoodVariantsRd(t *testing.T) {
	him, quad, well := readTestdata(t, "himmelblau.toml"), readTestdata(t, "quadratic2d.toml"), readTestdata(t, "wells2d.toml")
	tests := []struct {
		name  string
		text  string
		check func(*Scenario) bool
	}{
		{"him as given", him, func(s *Scenario) bool {
			return s.IsRd() && s.Dimension() == 2 && s.Landscape.DomainRadiusOf() == 4.2 && s.SGD.StartX[1] == 1
		}},
		{"him default domain_radius", apply(him, del("landscape.domain_radius")), func(s *Scenario) bool {
			return s.Landscape.DomainRadius == nil && s.Landscape.DomainRadiusOf() == DefaultHimmelblauDomainRadius
		}},
		{"him dimension 2", apply(him, set("landscape.dimension", "2")), func(s *Scenario) bool { return s.Dimension() == 2 }},
		{"him default angular", apply(him, del("noise.angular")), func(s *Scenario) bool { return s.Noise.AngularOf() == AngularIsotropic }},
		{"him p_plus 0.5", apply(him, set("noise.p_plus", "0.5")), func(s *Scenario) bool { return *s.Noise.PPlus == 0.5 }},
		{"him integer start_x", apply(him, set("sgd.start_x", "[3, 1]")), func(s *Scenario) bool { return s.SGD.StartX[0] == 3 && s.SGD.StartX[1] == 1 }},
		{"him start_x on the ball", apply(him, set("sgd.start_x", "[0.0, -4.2]")), func(s *Scenario) bool { return s.SGD.StartX[1] == -4.2 }},
		{"him no times", him, func(s *Scenario) bool { return s.Dynamics != nil && s.Dynamics.Times == nil }},
		{"him times", apply(him, set("dynamics.times", "[0.5, 1.0]")), func(s *Scenario) bool { return len(s.Dynamics.Times) == 2 }},
		{"him no start", apply(him, del("sgd.start_x")), func(s *Scenario) bool { return s.SGD.StartX == nil }},
		{"him start index", apply(him, del("sgd.start_x"), set("sgd.start", "2")), func(s *Scenario) bool { return *s.SGD.Start == 2 }},
		{"him gaussian law", apply(him, set("noise.law", `"gaussian"`), del("noise.alpha")), func(s *Scenario) bool { return s.Noise.Alpha == nil }},
		{"quad dimension inferred", apply(quad, del("landscape.dimension")), func(s *Scenario) bool { return s.IsRd() && s.Dimension() == 2 }},
		{"quad integer hessian", apply(quad, set("landscape.hessian", "[[2, 0], [0, 1]]")), func(s *Scenario) bool { return s.Landscape.Hessian[0][0] == 2 }},
		{"quad 3-D", apply(quad, set("landscape.dimension", "3"), set("landscape.hessian", "[[2.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 3.0]]")), func(s *Scenario) bool { return s.Dimension() == 3 }},
		{"quad box", apply(quad, del("landscape.basin_radius"), set("landscape.basin_lo", "[-1.0, -inf]"), set("landscape.basin_hi", "[1.0, 0.5]"), set("sgd.start_x", "[0.5, -3.0]")), func(s *Scenario) bool {
			return s.Landscape.BasinLo[0] == -1 && s.SGD.StartX[1] == -3
		}},
		{"quad start_x", apply(quad, set("sgd.start_x", "[0.5, -0.5]")), func(s *Scenario) bool { return len(s.SGD.StartX) == 2 }},
		{"well as given", well, func(s *Scenario) bool { return s.IsRd() && s.Noise.AngularOf() == AngularFinite }},
		{"well weighted", apply(well, set("noise.directions", "[[2.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -3.0]]"), set("noise.weights", "[1.0, 1.0, 2.0, 2.0]")), func(s *Scenario) bool { return len(s.Noise.Weights) == 4 }},
		{"well 3-D", apply(well, set("landscape.centers", "[[-1.0, 0.0, 0.0], [1.5, 0.0, 0.5]]"), set("noise.directions", "[[1.0, 0.0, 0.0], [-1.0, 0.0, 0.0]]")), func(s *Scenario) bool { return s.Dimension() == 3 }},
		{"1-D start_x array of one", apply(readScenario(t, "three-wells.toml"), del("sgd.start"), set("sgd.start_x", "[0.3]")), func(s *Scenario) bool { return !s.IsRd() && s.SGD.StartX[0] == 0.3 }},
		{"1-D dimension 1", apply(readScenario(t, "three-wells.toml"), set("landscape.dimension", "1")), func(s *Scenario) bool { return !s.IsRd() && s.Dimension() == 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(s) {
				t.Errorf("parsed scenario fails the check: %+v", s)
			}
		})
	}
}

// TestWithLawRd checks that WithLaw and WithoutTruncation keep an R^d
// scenario valid.
func TestWithLawRd(t *testing.T) {
	s, err := Parse([]byte(readTestdata(t, "wells2d.toml")))
	if err != nil {
		t.Fatal(err)
	}
	for _, law := range []string{LawGaussian, LawStudentT, LawLomax, LawStable} {
		c, err := s.WithLaw(law) // alpha 1.5 is kept for the heavy-tailed laws
		if err != nil {
			t.Fatalf("%s: %v", law, err)
		}
		if err := c.Validate(); err != nil || !c.IsRd() || c.Noise.AngularOf() != AngularFinite {
			t.Errorf("%s: %v, %+v", law, err, c.Noise)
		}
	}
	if c := s.WithoutTruncation(); c.SGD.B != nil || c.Validate() != nil {
		t.Errorf("WithoutTruncation: %+v", c.SGD)
	}
}
