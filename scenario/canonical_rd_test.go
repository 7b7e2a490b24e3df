package scenario

import (
	"encoding/json"
	"reflect"
	"testing"
)

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
