package scenario

import (
	"encoding/json"
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"testing"
)

// TestTOMLRoundTrip checks Parse → TOML → Parse for every example file and
// for variants with optional keys absent or unusual.
func TestTOMLRoundTrip(t *testing.T) {
	base := readScenario(t, "three-wells.toml")
	texts := map[string]string{
		"three-wells":  base,
		"paper-1d":     readScenario(t, "paper-1d.toml"),
		"quadratic":    readScenario(t, "quadratic.toml"),
		"b inf":        apply(base, set("sgd.b", "inf")),
		"minimal":      apply(base, del("sgd.b"), del("sgd.start"), del("noise.p_plus"), del("landscape.scale"), del("dynamics")),
		"start_x":      apply(base, del("sgd.start"), set("sgd.start_x", "0.3")),
		"gaussian":     apply(base, set("noise.law", `"gaussian"`), del("noise.alpha"), del("noise.p_plus")),
		"start 0":      apply(base, set("sgd.start", "0")),
		"tiny numbers": apply(base, set("sgd.eta", "[1e-7, 0.1234567890123456789]")),
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			s1, err := Parse([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			out, err := s1.TOML()
			if err != nil {
				t.Fatal(err)
			}
			s2, err := Parse(out)
			if err != nil {
				t.Fatalf("re-parse: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(s1, s2) {
				t.Errorf("round trip differs:\n%+v\n%+v\n%s", s1, s2, out)
			}
		})
	}
}

// TestCanonicalJSON checks the canonical JSON of the example file
// (defaults filled, fixed keys) and the null encodings.
func TestCanonicalJSON(t *testing.T) {
	s, err := Load(filepath.Join(scenariosDir, "three-wells.toml"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"dynamics":{"radius":0.05,"replicas":10,"steps":10000000,"times":[0.5,1,2]},` +
		`"landscape":{"domain":[-2,2.5],"kind":"critical-points","points":[-1,0,1.5],"scale":1},` +
		`"name":"three-wells",` +
		`"noise":{"alpha":1.5,"law":"pareto","p_plus":0.5,"scale":0.1},` +
		`"run":{"max_steps":100000000,"samples":400,"seed":1},` +
		`"sgd":{"b":1.2,"eta":[0.05,0.02],"start":null,"start_x":null}}`
	if string(got) != want {
		t.Errorf("JSON\n%s\nwant\n%s", got, want)
	}
	// A value Scenario marshals the same way as a pointer.
	if v, _ := json.Marshal(*s); string(v) != want {
		t.Errorf("value JSON %s", v)
	}

	tests := []struct {
		name string
		s    *Scenario
		path []string
		want any
	}{
		{"b nil", s.WithoutTruncation(), []string{"sgd", "b"}, nil},
		{"b +Inf", withB(s, math.Inf(1)), []string{"sgd", "b"}, nil},
		{"no start", withoutStart(s), []string{"sgd", "start"}, nil},
		{"gaussian alpha", mustLaw(t, s, LawGaussian), []string{"noise", "alpha"}, nil},
		{"gaussian p_plus", mustLaw(t, s, LawGaussian), []string{"noise", "p_plus"}, nil},
		{"stable p_plus", mustLaw(t, s, LawStable), []string{"noise", "p_plus"}, nil},
		{"default p_plus", withoutPPlus(s), []string{"noise", "p_plus"}, 0.5},
		{"paper-1d default domain", paperNoDomain(), []string{"landscape", "domain"}, []any{-1.6, 1.6}},
		{"no dynamics", withoutDynamics(s), []string{"dynamics"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := json.Marshal(tt.s)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatal(err)
			}
			var v any = m
			for _, k := range tt.path {
				obj, ok := v.(map[string]any)
				if !ok {
					t.Fatalf("%v: not an object at %q in %s", tt.path, k, data)
				}
				if v, ok = obj[k]; !ok {
					t.Fatalf("%v: key %q missing in %s", tt.path, k, data)
				}
			}
			if !reflect.DeepEqual(v, tt.want) {
				t.Errorf("%v = %#v, want %#v", tt.path, v, tt.want)
			}
		})
	}
}

func withB(s *Scenario, b float64) *Scenario { c := s.Clone(); c.SGD.B = &b; return c }
func withoutStart(s *Scenario) *Scenario     { c := s.Clone(); c.SGD.Start = nil; return c }
func withoutPPlus(s *Scenario) *Scenario     { c := s.Clone(); c.Noise.PPlus = nil; return c }
func withoutDynamics(s *Scenario) *Scenario  { c := s.Clone(); c.Dynamics = nil; return c }
func paperNoDomain() *Scenario               { c := Default(); c.Landscape.Domain = nil; return c }

func mustLaw(t *testing.T, s *Scenario, law string) *Scenario {
	t.Helper()
	c, err := s.WithLaw(law)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestClone checks that Clone shares no memory with the original.
func TestClone(t *testing.T) {
	s, err := Parse([]byte(apply(readScenario(t, "three-wells.toml"), del("sgd.start"), set("sgd.start_x", "0.3"))))
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := json.Marshal(s)
	c := s.Clone()
	if !reflect.DeepEqual(s, c) {
		t.Fatal("clone differs")
	}
	c.Landscape.Points[0] = 9
	*c.Landscape.Scale = 9
	c.Landscape.Domain[0] = 9
	*c.Noise.Alpha = 9
	*c.Noise.PPlus = 0.9
	*c.SGD.B = 9
	c.SGD.Eta[0] = 9
	c.SGD.StartX[0] = 9
	c.Dynamics.Times[0] = 9
	c.Dynamics.Radius = 9
	if after, _ := json.Marshal(s); string(after) != string(orig) {
		t.Errorf("modifying the clone changed the original:\n%s\n%s", orig, after)
	}
	q, err := Load(filepath.Join(scenariosDir, "quadratic.toml"))
	if err != nil {
		t.Fatal(err)
	}
	qc := q.Clone()
	qc.Landscape.Basin[0] = -9
	if q.Landscape.Basin[0] != -2.1 {
		t.Error("clone shares the basin")
	}
	start := 1
	s.SGD.StartX, s.SGD.Start = nil, &start
	c = s.Clone()
	*c.SGD.Start = 0
	if *s.SGD.Start != 1 {
		t.Error("clone shares start")
	}
}

// TestOverrides checks WithoutTruncation and WithLaw.
func TestOverrides(t *testing.T) {
	s := Default()
	nt := s.WithoutTruncation()
	if nt.SGD.B != nil || s.SGD.B == nil || *s.SGD.B != 0.5 {
		t.Errorf("WithoutTruncation: copy b %v, original b %v", nt.SGD.B, s.SGD.B)
	}
	if err := nt.Validate(); err != nil {
		t.Error(err)
	}

	tests := []struct {
		name   string
		from   *Scenario
		law    string
		field  string // expected error field; "" for success
		alpha  bool   // alpha kept
		pPlus  bool   // p_plus kept
		scaleC float64
	}{
		{"gaussian", s, LawGaussian, "", false, false, 0.1},
		{"student-t", s, LawStudentT, "", true, false, 0.1},
		{"stable α=1.2", s, LawStable, "", true, false, 0.1},
		{"lomax", s, LawLomax, "", true, true, 0.1},
		{"unknown", s, "cauchy", "noise.law", false, false, 0},
		{"gaussian to pareto", mustLaw(t, s, LawGaussian), LawPareto, "noise.alpha", false, false, 0},
		{"stable α=2.5", withAlpha(s, 2.5), LawStable, "noise.alpha", false, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := json.Marshal(tt.from)
			c, err := tt.from.WithLaw(tt.law)
			if after, _ := json.Marshal(tt.from); string(after) != string(before) {
				t.Error("WithLaw modified its receiver")
			}
			if tt.field != "" {
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != tt.field {
					t.Fatalf("got %v, want a %s error", err, tt.field)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Noise.Law != tt.law || (c.Noise.Alpha != nil) != tt.alpha || (c.Noise.PPlus != nil) != tt.pPlus || c.Noise.Scale != tt.scaleC {
				t.Errorf("noise %+v", c.Noise)
			}
			if err := c.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

func withAlpha(s *Scenario, a float64) *Scenario { c := s.Clone(); c.Noise.Alpha = &a; return c }

// TestCanonicalJSONRd checks the canonical JSON of the R^d example files:
// the keys of each kind, the defaults filled in (domain_radius 4.2, angular
// isotropic, equal weights 1) and the nulls (p_plus, the unused basin form).
func TestCanonicalJSONRd(t *testing.T) {
	tests := []struct {
		text string
		want string
	}{
		{apply(readTestdata(t, "himmelblau.toml"), del("landscape.domain_radius"), del("noise.angular")),
			`{"dynamics":{"radius":0.5,"replicas":1,"steps":30000000,"times":null},` +
				`"landscape":{"dimension":2,"domain_radius":4.2,"kind":"himmelblau-modified"},"name":"himmelblau-paper",` +
				`"noise":{"alpha":1.2,"angular":"isotropic","directions":null,"law":"pareto","p_plus":null,"scale":0.75,"weights":null},` +
				`"run":{"max_steps":10000000,"samples":400,"seed":1},"sgd":{"b":2.15,"eta":[0.0005],"start":null,"start_x":[2.9,1]}}`},
		{readTestdata(t, "quadratic2d.toml"),
			`{"dynamics":null,"landscape":{"basin_hi":null,"basin_lo":null,"basin_radius":1,"dimension":2,"hessian":[[1.5,0.5],[0.5,1]],"kind":"quadratic"},` +
				`"name":"quadratic-2d","noise":{"alpha":1.5,"angular":"isotropic","directions":null,"law":"pareto","p_plus":null,"scale":1,"weights":null},` +
				`"run":{"max_steps":10000000,"samples":2500,"seed":1},"sgd":{"b":1.5,"eta":[0.01,0.003,0.001],"start":null,"start_x":null}}`},
		{apply(readTestdata(t, "quadratic2d.toml"), del("landscape.dimension"), del("landscape.basin_radius"), set("landscape.basin_lo", "[-1.0, -inf]"), set("landscape.basin_hi", "[2.0, 0.5]"), del("sgd.b")),
			`{"dynamics":null,"landscape":{"basin_hi":[2,0.5],"basin_lo":[-1,null],"basin_radius":null,"dimension":2,"hessian":[[1.5,0.5],[0.5,1]],"kind":"quadratic"},` +
				`"name":"quadratic-2d","noise":{"alpha":1.5,"angular":"isotropic","directions":null,"law":"pareto","p_plus":null,"scale":1,"weights":null},` +
				`"run":{"max_steps":10000000,"samples":2500,"seed":1},"sgd":{"b":null,"eta":[0.01,0.003,0.001],"start":null,"start_x":null}}`},
		{readTestdata(t, "wells2d.toml"),
			`{"dynamics":{"radius":0.3,"replicas":2,"steps":1000000,"times":[0.5,1]},` +
				`"landscape":{"centers":[[-1,0],[1.5,0]],"confinement":0.2,"depths":[1,2],"dimension":2,"domain_radius":3,"kind":"gaussian-wells","widths":[0.5,0.3]},` +
				`"name":"wells-2d","noise":{"alpha":1.5,"angular":"finite","directions":[[1,0],[-1,0]],"law":"pareto","p_plus":null,"scale":0.5,"weights":[1,1]},` +
				`"run":{"max_steps":10000000,"samples":200,"seed":3},"sgd":{"b":1,"eta":[0.01],"start":null,"start_x":null}}`},
	}
	for i, tt := range tests {
		s, err := Parse([]byte(tt.text))
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		got, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("case %d:\n got %s\nwant %s", i, got, tt.want)
		}
	}
}

// TestTOMLRoundTripRd checks Parse → TOML → Parse on the R^d example files
// and variants with every optional R^d key.
func TestTOMLRoundTripRd(t *testing.T) {
	him, quad, well := readTestdata(t, "himmelblau.toml"), readTestdata(t, "quadratic2d.toml"), readTestdata(t, "wells2d.toml")
	texts := map[string]string{
		"himmelblau":    him,
		"him times":     apply(him, set("dynamics.times", "[0.5, 1.0]")),
		"him defaults":  apply(him, del("landscape.domain_radius"), del("noise.angular"), set("landscape.dimension", "2")),
		"quadratic2d":   quad,
		"quadratic box": apply(quad, del("landscape.basin_radius"), set("landscape.basin_lo", "[-1.0, -inf]"), set("landscape.basin_hi", "[2.0, 0.5]"), set("sgd.start_x", "[0.25, -7.5]")),
		"wells":         well,
		"wells weights": apply(well, set("noise.directions", "[[2.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -3.0]]"), set("noise.weights", "[1.0, 1.0, 2.0, 2.0]"), set("sgd.start", "1")),
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			s1, err := Parse([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			out, err := s1.TOML()
			if err != nil {
				t.Fatal(err)
			}
			s2, err := Parse(out)
			if err != nil {
				t.Fatalf("re-parse: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(s1, s2) {
				t.Errorf("round trip differs:\n%+v\n%+v\n%s", s1, s2, out)
			}
		})
	}
}

// TestCloneRd checks that Clone copies every R^d slice and pointer.
func TestCloneRd(t *testing.T) {
	text := apply(readTestdata(t, "wells2d.toml"), set("noise.weights", "[1.0, 1.0]"), set("sgd.start_x", "[0.5, 0.5]"), set("landscape.dimension", "2"))
	s, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	q, err := Parse([]byte(apply(readTestdata(t, "quadratic2d.toml"), del("landscape.basin_radius"), set("landscape.basin_lo", "[-1.0, -1.0]"), set("landscape.basin_hi", "[1.0, 1.0]"))))
	if err != nil {
		t.Fatal(err)
	}
	qr, err := Parse([]byte(readTestdata(t, "quadratic2d.toml")))
	if err != nil {
		t.Fatal(err)
	}
	origS, _ := json.Marshal(s)
	origQ, _ := json.Marshal(q)
	origR, _ := json.Marshal(qr)
	c, cq, cr := s.Clone(), q.Clone(), qr.Clone()
	if !reflect.DeepEqual(s, c) || !reflect.DeepEqual(q, cq) || !reflect.DeepEqual(qr, cr) {
		t.Fatal("clone differs")
	}
	c.Landscape.Centers[0][0] = 9
	c.Landscape.Depths[0] = 9
	c.Landscape.Widths[0] = 9
	*c.Landscape.Confinement = 9
	*c.Landscape.DomainRadius = 9
	*c.Landscape.Dimension = 9
	c.Noise.Directions[0][0] = 9
	c.Noise.Weights[0] = 9
	c.SGD.StartX[0] = 9
	cq.Landscape.Hessian[0][0] = 9
	cq.Landscape.BasinLo[0] = 9
	cq.Landscape.BasinHi[0] = 9
	*cr.Landscape.BasinRadius = 9
	for _, p := range []struct {
		s    *Scenario
		orig []byte
	}{{s, origS}, {q, origQ}, {qr, origR}} {
		if after, _ := json.Marshal(p.s); string(after) != string(p.orig) {
			t.Errorf("modifying the clone changed the original:\n%s\n%s", p.orig, after)
		}
	}
}
