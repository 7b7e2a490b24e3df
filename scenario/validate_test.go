package scenario

import (
	"errors"
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
		{"start and start_x", []edit{set("sgd.start_x", "0.3")}, "sgd.start_x"},
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
			if fe.Msg == "" {
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
	if !errors.As(err, &fe) || fe.Field != "toml" || !strings.Contains(fe.Msg, "line 4") {
		t.Fatalf("got %v, want a toml error at line 4", err)
	}
	_, err = Parse([]byte("name = \"x\"\n[landscape]\nkind = = 1\n"))
	if !errors.As(err, &fe) || fe.Field != "landscape.kind" || !strings.Contains(fe.Msg, "line 3") {
		t.Fatalf("got %v, want a landscape.kind error at line 3", err)
	}
	_, err = Parse([]byte("name = \"x\"\n[noise]\n\nalpha = \"a\"\n"))
	if !errors.As(err, &fe) || fe.Field != "noise.alpha" || !strings.Contains(fe.Msg, "line 4") {
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
