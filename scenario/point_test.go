package scenario

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

// TestPointTOML checks the two forms of a Point in a scenario file: the
// decoded value, and the text TOML writes back (a plain number for one
// coordinate, as the 1-D files have always had, an array otherwise).
func TestPointTOML(t *testing.T) {
	tests := []struct {
		base, value string
		want        Point
		line        string // the start_x line of s.TOML()
	}{
		{"1d", "0.3", Point{0.3}, "start_x = 0.3"},
		{"1d", "2", Point{2}, "start_x = 2.0"},
		{"1d", "[0.3]", Point{0.3}, "start_x = 0.3"},
		{"1d", "-1e-7", Point{-1e-7}, "start_x = -1e-07"},
		{"him", "[2.9, 1.0]", Point{2.9, 1}, "start_x = [2.9, 1.0]"},
		{"him", "[3, -1]", Point{3, -1}, "start_x = [3.0, -1.0]"},
		{"him", "[0.1234567890123456789, 1e-300]", Point{0.1234567890123456789, 1e-300}, "start_x = [0.12345678901234568, 1e-300]"},
	}
	bases := map[string]string{
		"1d":  apply(readScenario(t, "three-wells.toml"), del("sgd.start")),
		"him": readTestdata(t, "himmelblau.toml"),
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			s1, err := Parse([]byte(apply(bases[tt.base], set("sgd.start_x", tt.value))))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(s1.SGD.StartX, tt.want) {
				t.Errorf("decoded %v, want %v", s1.SGD.StartX, tt.want)
			}
			out, err := s1.TOML()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), "\n"+tt.line+"\n") {
				t.Errorf("TOML lacks the line %q:\n%s", tt.line, out)
			}
			s2, err := Parse(out)
			if err != nil {
				t.Fatalf("re-parse: %v\n%s", err, out)
			}
			if !reflect.DeepEqual(s1, s2) {
				t.Errorf("round trip differs: %v, %v", s1.SGD.StartX, s2.SGD.StartX)
			}
		})
	}
}

// TestPointMarshal checks the non-finite forms, which match the TOML
// encoder's (Validate rejects them in a scenario).
func TestPointMarshal(t *testing.T) {
	for _, tt := range []struct {
		p    Point
		want string
	}{
		{Point{math.Inf(1)}, "inf"},
		{Point{math.Inf(-1), math.NaN()}, "[-inf, nan]"},
		{Point{}, "[]"},
		{Point{1e21, 5}, "[1e+21, 5.0]"},
	} {
		got, err := tt.p.MarshalTOML()
		if err != nil || string(got) != tt.want {
			t.Errorf("%v: %q, %v; want %q", tt.p, got, err, tt.want)
		}
	}
}
