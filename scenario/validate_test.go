package scenario

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestParseBadInput checks that every bad input is rejected with a
// *FieldError naming the offending key. Each row edits the example file
// scenarios/three-wells.toml (or a variant of it).
func TestParseBadInput(t *testing.T) {
	base := readScenario(t, "three-wells.toml")
	paper := []edit{set("landscape.kind", `"paper-1d"`), del("landscape.points"), del("landscape.scale"), del("landscape.domain")}
	quad := []edit{set("landscape.kind", `"quadratic"`), del("landscape.points"), del("landscape.domain"), set("landscape.basin", "[-2.1, 1.5]"), del("sgd.start")}
	gauss := []edit{set("noise.law", `"gaussian"`), del("noise.alpha"), del("noise.p_plus")}
	with := func(pre []edit, more ...edit) []edit { return append(append([]edit{}, pre...), more...) }
	tests := []struct {
		name  string
		edits []edit
		field string
	}{
		// [noise]
		{"alpha below 1", []edit{set("noise.alpha", "0.9")}, "noise.alpha"},
		{"alpha equal 1", []edit{set("noise.alpha", "1.0")}, "noise.alpha"},
		{"alpha NaN", []edit{set("noise.alpha", "nan")}, "noise.alpha"},
		{"alpha inf", []edit{set("noise.alpha", "inf")}, "noise.alpha"},
		{"alpha missing", []edit{del("noise.alpha")}, "noise.alpha"},
		{"alpha missing lomax", []edit{set("noise.law", `"lomax"`), del("noise.alpha")}, "noise.alpha"},
		{"stable alpha 2", []edit{set("noise.law", `"stable"`), del("noise.p_plus"), set("noise.alpha", "2.0")}, "noise.alpha"},
		{"stable alpha 1", []edit{set("noise.law", `"stable"`), del("noise.p_plus"), set("noise.alpha", "1")}, "noise.alpha"},
		{"gaussian with alpha", with(gauss, set("noise.alpha", "1.5")), "noise.alpha"},
		{"alpha wrong type", []edit{set("noise.alpha", `"1.5"`)}, "noise.alpha"},
		{"p_plus 0", []edit{set("noise.p_plus", "0.0")}, "noise.p_plus"},
		{"p_plus 1", []edit{set("noise.p_plus", "1.0")}, "noise.p_plus"},
		{"p_plus 1.5", []edit{set("noise.p_plus", "1.5")}, "noise.p_plus"},
		{"p_plus NaN", []edit{set("noise.p_plus", "nan")}, "noise.p_plus"},
		{"p_plus for student-t", []edit{set("noise.law", `"student-t"`)}, "noise.p_plus"},
		{"p_plus for stable", []edit{set("noise.law", `"stable"`)}, "noise.p_plus"},
		{"p_plus for gaussian", with(gauss, set("noise.p_plus", "0.5")), "noise.p_plus"},
		{"noise scale 0", []edit{set("noise.scale", "0.0")}, "noise.scale"},
		{"noise scale negative", []edit{set("noise.scale", "-0.1")}, "noise.scale"},
		{"noise scale NaN", []edit{set("noise.scale", "nan")}, "noise.scale"},
		{"noise scale missing", []edit{del("noise.scale")}, "noise.scale"},
		{"unknown law", []edit{set("noise.law", `"cauchy"`)}, "noise.law"},
		{"law missing", []edit{del("noise.law")}, "noise.law"},
		// [sgd]
		{"b zero", []edit{set("sgd.b", "0.0")}, "sgd.b"},
		{"b negative", []edit{set("sgd.b", "-0.5")}, "sgd.b"},
		{"b minus inf", []edit{set("sgd.b", "-inf")}, "sgd.b"},
		{"b NaN", []edit{set("sgd.b", "nan")}, "sgd.b"},
		{"eta zero", []edit{set("sgd.eta", "[0.01, 0.0]")}, "sgd.eta[1]"},
		{"eta negative", []edit{set("sgd.eta", "[-0.01]")}, "sgd.eta[0]"},
		{"eta NaN", []edit{set("sgd.eta", "[0.01, 0.002, nan]")}, "sgd.eta[2]"},
		{"eta inf", []edit{set("sgd.eta", "[inf]")}, "sgd.eta[0]"},
		{"eta empty", []edit{set("sgd.eta", "[]")}, "sgd.eta"},
		{"eta missing", []edit{del("sgd.eta")}, "sgd.eta"},
		{"eta not an array", []edit{set("sgd.eta", "0.01")}, "sgd.eta"},
		{"start and start_x", []edit{set("sgd.start", "1"), set("sgd.start_x", "0.3")}, "sgd.start_x"},
		{"start negative", []edit{set("sgd.start", "-1")}, "sgd.start"},
		{"start float", []edit{set("sgd.start", "1.0")}, "sgd.start"},
		{"start_x outside domain", []edit{del("sgd.start"), set("sgd.start_x", "2.6")}, "sgd.start_x"},
		{"start_x NaN", []edit{del("sgd.start"), set("sgd.start_x", "nan")}, "sgd.start_x"},
		{"start_x outside paper-1d default domain", with(paper, set("sgd.start_x", "-1.7"), del("sgd.start")), "sgd.start_x"},
		{"start_x outside quadratic basin", with(quad, set("sgd.start_x", "1.5")), "sgd.start_x"},
		// [landscape]
		{"unknown kind", []edit{set("landscape.kind", `"quartic"`)}, "landscape.kind"},
		{"kind missing", []edit{del("landscape.kind")}, "landscape.kind"},
		{"points unsorted", []edit{set("landscape.points", "[0.0, -1.0, 1.5]")}, "landscape.points"},
		{"points repeated", []edit{set("landscape.points", "[-1.0, -1.0, 1.5]")}, "landscape.points"},
		{"points even", []edit{set("landscape.points", "[-1.0, 0.0]")}, "landscape.points"},
		{"points empty", []edit{set("landscape.points", "[]")}, "landscape.points"},
		{"points missing", []edit{del("landscape.points")}, "landscape.points"},
		{"points NaN", []edit{set("landscape.points", "[-1.0, nan, 1.5]")}, "landscape.points[1]"},
		{"points beyond domain", []edit{set("landscape.points", "[-1.0, 0.0, 3.0]")}, "landscape.points[2]"},
		{"points on domain edge", []edit{set("landscape.points", "[-2.0, 0.0, 1.5]")}, "landscape.points[0]"},
		{"landscape scale 0", []edit{set("landscape.scale", "0.0")}, "landscape.scale"},
		{"landscape scale negative", []edit{set("landscape.scale", "-1.0")}, "landscape.scale"},
		{"landscape scale NaN", []edit{set("landscape.scale", "nan")}, "landscape.scale"},
		{"domain reversed", []edit{set("landscape.domain", "[2.5, -2.0]")}, "landscape.domain"},
		{"domain empty", []edit{set("landscape.domain", "[1.0, 1.0]")}, "landscape.domain"},
		{"domain one number", []edit{set("landscape.domain", "[1.0]")}, "landscape.domain"},
		{"domain NaN", []edit{set("landscape.domain", "[nan, 2.5]")}, "landscape.domain"},
		{"domain infinite", []edit{set("landscape.domain", "[-inf, 2.5]")}, "landscape.domain"},
		{"domain missing for critical-points", []edit{del("landscape.domain")}, "landscape.domain"},
		{"paper-1d domain past cusp", with(paper, set("landscape.domain", "[-1.6, 1.7]")), "landscape.domain"},
		{"points for paper-1d", with(paper, set("landscape.points", "[-1.0, 0.0, 1.5]")), "landscape.points"},
		{"scale for paper-1d", with(paper, set("landscape.scale", "1.0")), "landscape.scale"},
		{"basin for paper-1d", with(paper, set("landscape.basin", "[-1.0, 1.0]")), "landscape.basin"},
		{"basin for critical-points", []edit{set("landscape.basin", "[-2.1, 1.5]")}, "landscape.basin"},
		{"points for quadratic", with(quad, set("landscape.points", "[-1.0, 0.0, 1.5]")), "landscape.points"},
		{"domain for quadratic", with(quad, set("landscape.domain", "[-3.0, 3.0]")), "landscape.domain"},
		{"basin missing", with(quad, del("landscape.basin")), "landscape.basin"},
		{"basin not around 0", with(quad, set("landscape.basin", "[0.5, 1.5]")), "landscape.basin"},
		{"basin reversed", with(quad, set("landscape.basin", "[1.5, -2.1]")), "landscape.basin"},
		{"basin NaN", with(quad, set("landscape.basin", "[nan, 1.5]")), "landscape.basin"},
		{"basin both infinite", with(quad, set("landscape.basin", "[-inf, inf]")), "landscape.basin"},
		{"basin three numbers", with(quad, set("landscape.basin", "[-1.0, 0.5, 1.5]")), "landscape.basin"},
		// [run]
		{"samples 0", []edit{set("run.samples", "0")}, "run.samples"},
		{"samples missing", []edit{del("run.samples")}, "run.samples"},
		{"samples float", []edit{set("run.samples", "1.5")}, "run.samples"},
		{"max_steps 0", []edit{set("run.max_steps", "0")}, "run.max_steps"},
		{"max_steps negative", []edit{set("run.max_steps", "-5")}, "run.max_steps"},
		{"seed negative", []edit{set("run.seed", "-1")}, "run.seed"},
		{"seed missing", []edit{del("run.seed")}, "run.seed"},
		// [dynamics]
		{"replicas 0", []edit{set("dynamics.replicas", "0")}, "dynamics.replicas"},
		{"steps 0", []edit{set("dynamics.steps", "0")}, "dynamics.steps"},
		{"radius 0", []edit{set("dynamics.radius", "0.0")}, "dynamics.radius"},
		{"radius negative", []edit{set("dynamics.radius", "-0.05")}, "dynamics.radius"},
		{"radius NaN", []edit{set("dynamics.radius", "nan")}, "dynamics.radius"},
		{"times empty", []edit{set("dynamics.times", "[]")}, "dynamics.times"},
		{"times zero", []edit{set("dynamics.times", "[0.0, 1.0]")}, "dynamics.times[0]"},
		{"times negative", []edit{set("dynamics.times", "[0.5, -1.0]")}, "dynamics.times[1]"},
		{"times NaN", []edit{set("dynamics.times", "[0.5, nan]")}, "dynamics.times[1]"},
		{"times decreasing", []edit{set("dynamics.times", "[1.0, 0.5]")}, "dynamics.times"},
		{"times missing", []edit{del("dynamics.times")}, "dynamics.times"},
		// name, unknown keys, syntax
		{"name missing", []edit{del("name")}, "name"},
		{"name empty", []edit{set("name", `""`)}, "name"},
		{"name with slash", []edit{set("name", `"a/b"`)}, "name"},
		{"unknown key in table", []edit{set("noise.alpah", "1.5")}, "noise.alpah"},
		{"unknown top-level key", []edit{set("seed", "1")}, "seed"},
		{"unknown table", []edit{set("extra.x", "1")}, "extra"},
		{"unknown dynamics key", []edit{set("dynamics.radiuss", "0.1")}, "dynamics.radiuss"},
		{"malformed value", []edit{set("noise.alpha", "= 1.5")}, "noise.alpha"},
		{"integer out of range", []edit{set("run.samples", "99999999999999999999")}, "run.samples"},
		{"duplicate key", []edit{set("noise.law", "\"pareto\"\nlaw = \"lomax\"")}, "noise.law"},
		{"syntax error in a key", []edit{set("noise.alpha", "1.5\nbogus")}, "toml"},
		{"syntax error in a header", []edit{set("noise.alpha", "1.5\n[sgd")}, "toml"},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		if seen[tt.name] {
			t.Fatalf("duplicate row %q", tt.name)
		}
		seen[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			text := apply(base, tt.edits...)
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
			if want := "scenario: " + tt.field + ": "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("Error() = %q, want prefix %q", err.Error(), want)
			}
			if fe.Err == nil || fe.Err.Error() == "" {
				t.Errorf("empty message")
			}
		})
	}
}

// TestParseGoodVariants checks edits that must be accepted.
func TestParseGoodVariants(t *testing.T) {
	base := readScenario(t, "three-wells.toml")
	tests := []struct {
		name  string
		edits []edit
		check func(*Scenario) bool
	}{
		{"b inf is no truncation", []edit{set("sgd.b", "inf")}, func(s *Scenario) bool { return s.SGD.B != nil && s.SGD.BOf() > 1e308 }},
		{"b omitted", []edit{del("sgd.b")}, func(s *Scenario) bool { return s.SGD.B == nil }},
		{"no start", []edit{del("sgd.start")}, func(s *Scenario) bool { return s.SGD.Start == nil && s.SGD.StartX == nil }},
		{"start_x", []edit{del("sgd.start"), set("sgd.start_x", "0.3")}, func(s *Scenario) bool { return s.SGD.StartX[0] == 0.3 }},
		{"start_x on projection edge", []edit{del("sgd.start"), set("sgd.start_x", "2.5")}, func(s *Scenario) bool { return s.SGD.StartX[0] == 2.5 }},
		{"p_plus omitted", []edit{del("noise.p_plus")}, func(s *Scenario) bool { return s.Noise.PPlus == nil && s.Noise.PPlusOf() == 0.5 }},
		{"p_plus asymmetric", []edit{set("noise.p_plus", "0.8")}, func(s *Scenario) bool { return s.Noise.PPlusOf() == 0.8 }},
		{"landscape scale omitted", []edit{del("landscape.scale")}, func(s *Scenario) bool { return s.Landscape.ScaleOf() == 1 }},
		{"integer for a float", []edit{set("landscape.domain", "[-2, 3]")}, func(s *Scenario) bool { return s.Landscape.Domain[1] == 3 }},
		{"no dynamics", []edit{del("dynamics")}, func(s *Scenario) bool { return s.Dynamics == nil }},
		{"student-t", []edit{set("noise.law", `"student-t"`), del("noise.p_plus"), set("noise.alpha", "3.0")}, func(s *Scenario) bool { return s.Noise.Law == LawStudentT }},
		{"gaussian", []edit{set("noise.law", `"gaussian"`), del("noise.p_plus"), del("noise.alpha")}, func(s *Scenario) bool { return s.Noise.Alpha == nil }},
		{"quadratic one-sided basin", []edit{set("landscape.kind", `"quadratic"`), del("landscape.points"), del("landscape.domain"), del("sgd.start"), set("landscape.basin", "[-inf, 1.5]")}, func(s *Scenario) bool { return s.Landscape.Basin[1] == 1.5 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(apply(base, tt.edits...)))
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(s) {
				t.Errorf("parsed scenario fails the check: %+v", s)
			}
		})
	}
}

// TestSyntaxErrorLine checks that a TOML syntax error reports its line.
func TestSyntaxErrorLine(t *testing.T) {
	_, err := Parse([]byte("name = \"x\"\n[landscape]\nkind = \"paper-1d\"\n!!\n"))
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "toml" || !strings.Contains(fe.Err.Error(), "line 4") {
		t.Fatalf("got %v, want a toml error at line 4", err)
	}
	_, err = Parse([]byte("name = \"x\"\n[landscape]\nkind = = 1\n"))
	if !errors.As(err, &fe) || fe.Field != "landscape.kind" || !strings.Contains(fe.Err.Error(), "line 3") {
		t.Fatalf("got %v, want a landscape.kind error at line 3", err)
	}
	_, err = Parse([]byte("name = \"x\"\n[noise]\n\nalpha = \"a\"\n"))
	if !errors.As(err, &fe) || fe.Field != "noise.alpha" || !strings.Contains(fe.Err.Error(), "line 4") {
		t.Fatalf("got %v, want a noise.alpha error at line 4", err)
	}
}

// TestValidateByHand checks Validate on scenarios built in Go, including
// the zero Scenario.
func TestValidateByHand(t *testing.T) {
	var fe *FieldError
	if err := new(Scenario).Validate(); !errors.As(err, &fe) || fe.Field != "name" {
		t.Errorf("zero Scenario: got %v, want a name error", err)
	}
	s := Default()
	s.Run.Samples = 0
	if err := s.Validate(); !errors.As(err, &fe) || fe.Field != "run.samples" {
		t.Errorf("samples 0: got %v", err)
	}
	s = Default()
	s.Dynamics.Times = nil
	if err := s.Validate(); !errors.As(err, &fe) || fe.Field != "dynamics.times" {
		t.Errorf("no times: got %v", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	if _, err := Load("no/such/file.toml"); err == nil || !strings.HasPrefix(err.Error(), "scenario: ") {
		t.Errorf("got %v, want a scenario: read error", err)
	}
}

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
			if want := "scenario: " + tt.field + ": "; !strings.HasPrefix(err.Error(), want) || fe.Err == nil || fe.Err.Error() == "" {
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
			return s.isRd() && s.Dimension() == 2 && s.Landscape.DomainRadiusOf() == 4.2 && s.SGD.StartX[1] == 1
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
		{"quad dimension inferred", apply(quad, del("landscape.dimension")), func(s *Scenario) bool { return s.isRd() && s.Dimension() == 2 }},
		{"quad integer hessian", apply(quad, set("landscape.hessian", "[[2, 0], [0, 1]]")), func(s *Scenario) bool { return s.Landscape.Hessian[0][0] == 2 }},
		{"quad 3-D", apply(quad, set("landscape.dimension", "3"), set("landscape.hessian", "[[2.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 3.0]]")), func(s *Scenario) bool { return s.Dimension() == 3 }},
		{"quad box", apply(quad, del("landscape.basin_radius"), set("landscape.basin_lo", "[-1.0, -inf]"), set("landscape.basin_hi", "[1.0, 0.5]"), set("sgd.start_x", "[0.5, -3.0]")), func(s *Scenario) bool {
			return s.Landscape.BasinLo[0] == -1 && s.SGD.StartX[1] == -3
		}},
		{"quad start_x", apply(quad, set("sgd.start_x", "[0.5, -0.5]")), func(s *Scenario) bool { return len(s.SGD.StartX) == 2 }},
		{"well as given", well, func(s *Scenario) bool { return s.isRd() && s.Noise.AngularOf() == AngularFinite }},
		{"well weighted", apply(well, set("noise.directions", "[[2.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -3.0]]"), set("noise.weights", "[1.0, 1.0, 2.0, 2.0]")), func(s *Scenario) bool { return len(s.Noise.Weights) == 4 }},
		{"well 3-D", apply(well, set("landscape.centers", "[[-1.0, 0.0, 0.0], [1.5, 0.0, 0.5]]"), set("noise.directions", "[[1.0, 0.0, 0.0], [-1.0, 0.0, 0.0]]")), func(s *Scenario) bool { return s.Dimension() == 3 }},
		{"1-D start_x array of one", apply(readScenario(t, "three-wells.toml"), del("sgd.start"), set("sgd.start_x", "[0.3]")), func(s *Scenario) bool { return !s.isRd() && s.SGD.StartX[0] == 0.3 }},
		{"1-D dimension 1", apply(readScenario(t, "three-wells.toml"), set("landscape.dimension", "1")), func(s *Scenario) bool { return !s.isRd() && s.Dimension() == 1 }},
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
		if err := c.Validate(); err != nil || !c.isRd() || c.Noise.AngularOf() != AngularFinite {
			t.Errorf("%s: %v, %+v", law, err, c.Noise)
		}
	}
	if c := s.WithoutTruncation(); c.SGD.B != nil || c.Validate() != nil {
		t.Errorf("WithoutTruncation: %+v", c.SGD)
	}
}
