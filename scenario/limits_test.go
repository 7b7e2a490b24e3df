package scenario

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLimits checks that every limit of limits.go, and the checks of Build
// that make sure the theory's scales are finite numbers, reject a value
// just beyond them with a *FieldError naming the key, and accept one just
// within them.
func TestLimits(t *testing.T) {
	base := readScenario(t, "three-wells.toml")
	etas := func(n int) string {
		return "[" + strings.TrimSuffix(strings.Repeat("0.01, ", n), ", ") + "]"
	}
	points := func(n int) string {
		var b strings.Builder
		b.WriteString("[")
		for k := range n {
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%.6f", -1.9+3.8*float64(k)/float64(n-1))
		}
		return b.String() + "]"
	}
	readTestdata := func(name string) string {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	wells := readTestdata("wells2d.toml")
	quad := readTestdata("quadratic2d.toml")
	tests := []struct {
		name  string
		text  string
		field string // "" = accepted
	}{
		{"etas at the limit", apply(base, set("sgd.eta", etas(MaxEtas))), ""},
		{"etas beyond", apply(base, set("sgd.eta", etas(MaxEtas+1))), "sgd.eta"},
		{"samples at the limit", apply(base, set("run.samples", "1000000000")), ""},
		{"samples 1e12", apply(base, set("run.samples", "1000000000000")), "run.samples"},
		{"max_steps beyond", apply(base, set("run.max_steps", "1000000000000001")), "run.max_steps"},
		{"alpha at the limit", apply(base, set("noise.alpha", "100.0"), set("noise.scale", "1.0"), set("sgd.eta", "[0.3]")), ""},
		// λ(η) = c^α η^{α−1} = 0.1^100·η^99: about 1e-298 at η = 0.01, below
		// the smallest float64 at η = 0.003.
		{"alpha 100, lambda underflows", apply(base, set("noise.alpha", "100.0"), set("sgd.eta", "[0.01, 0.003]")), "sgd.eta[1]"},
		{"alpha 1e308", apply(base, set("noise.alpha", "1e308")), "noise.alpha"},
		{"student-t nu 1e6", apply(base, set("noise.law", `"student-t"`), del("noise.p_plus"), set("noise.alpha", "1e6")), "noise.alpha"},
		{"noise scale 5e-324", apply(base, set("noise.scale", "5e-324")), "noise.scale"},
		{"noise scale 1e101", apply(base, set("noise.scale", "1e101")), "noise.scale"},
		{"landscape scale 1e308", apply(base, set("landscape.scale", "1e308")), "landscape.scale"},
		{"eta 1e-300", apply(base, set("sgd.eta", "[1e-300]")), "sgd.eta[0]"},
		{"points beyond", apply(base, set("landscape.points", points(MaxCriticalPoints+2)), set("landscape.domain", "[-2.0, 2.0]")), "landscape.points"},
		{"point 1e200", apply(base, set("landscape.points", "[-1.0, 0.0, 1e200]"), set("landscape.domain", "[-2.0, 1e201]")), "landscape.domain[1]"},
		{"b 1e101", apply(base, set("sgd.b", "1e101")), "sgd.b"},
		{"name too long", apply(base, set("name", `"`+strings.Repeat("a", 129)+`"`)), "name"},
		{"dynamics replicas", apply(base, set("dynamics.replicas", "100001")), "dynamics.replicas"},
		{"dynamics steps", apply(base, set("dynamics.steps", "1000000000000001")), "dynamics.steps"},
		{"dynamics times", apply(base, set("dynamics.times", etas(MaxTimes+1))), "dynamics.times"},
		{"hessian 1e308", apply(quad, set("landscape.hessian", "[[1e308, 0.0], [0.0, 1e308]]")), "landscape.hessian[0]"},
		{"hessian nearly singular", apply(quad, set("landscape.hessian", "[[1.0, 0.0], [0.0, 1e-200]]")), "landscape.hessian"},
		{"coincident wells", apply(wells, set("landscape.centers", "[[1.5, 0.0], [1.5, 0.0]]")), "landscape.centers[1]"},
		{"dimension 33", apply(wells, set("landscape.centers", "[["+strings.TrimSuffix(strings.Repeat("0.0, ", 33), ", ")+"]]"),
			set("landscape.depths", "[1.0]"), set("landscape.widths", "[1.0]"), del("noise.angular"), del("noise.directions")), "landscape.centers[0]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse([]byte(tt.text))
			if err == nil {
				_, err = s.Build(testBuildOpts)
			}
			if tt.field == "" {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				return
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field {
				t.Fatalf("error %v, want a *FieldError on %s", err, tt.field)
			}
		})
	}
}

// TestFileSizeLimit checks that a file longer than MaxFileSize is refused
// before it is decoded.
func TestFileSizeLimit(t *testing.T) {
	data := make([]byte, MaxFileSize+1)
	for i := range data {
		data[i] = '#'
	}
	var fe *FieldError
	if _, err := Parse(data); !errors.As(err, &fe) || fe.Field != "toml" {
		t.Fatalf("error %v, want a *FieldError on toml", err)
	}
}
