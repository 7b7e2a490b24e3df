package landscapes

import (
	"math"
	"testing"
)

// Fixtures: a four-well structure shaped like paper-1d, the quadratic of
// docs/theory.md §10.2 (open ends), a single closed well and a half-open one.
var (
	fourWells = Structure{
		Minima:  []float64{-1.5, -0.7, 0.5, 1.3},
		Saddles: []float64{-1.3, 0.2, 0.7},
		Lo:      -1.6, Hi: 1.6,
	}
	openWell   = Structure{Minima: []float64{0}, Lo: -2.1, Hi: 1.5, OpenLo: true, OpenHi: true}
	closedWell = Structure{Minima: []float64{0.2}, Lo: -1, Hi: 1}
	halfOpen   = Structure{Minima: []float64{-1, 1}, Saddles: []float64{0.5}, Lo: -3, Hi: 3, OpenLo: true}
)

func TestStructureBasin(t *testing.T) {
	tests := []struct {
		name string
		s    Structure
		x    float64
		want int
	}{
		{"four: lower edge", fourWells, -1.6, 0},
		{"four: beyond closed lower edge", fourWells, -1.7, 0},
		{"four: first minimum", fourWells, -1.5, 0},
		{"four: just left of s_1", fourWells, math.Nextafter(-1.3, -2), 0},
		{"four: on s_1 (right basin)", fourWells, -1.3, 1},
		{"four: second basin", fourWells, 0, 1},
		{"four: on s_2", fourWells, 0.2, 2},
		{"four: third basin", fourWells, 0.69, 2},
		{"four: on s_3", fourWells, 0.7, 3},
		{"four: upper edge", fourWells, 1.6, 3},
		{"four: beyond closed upper edge", fourWells, 5, 3},
		{"open: minimum", openWell, 0, 0},
		{"open: below", openWell, -2.2, Below},
		{"open: above", openWell, 1.6, 1},
		{"open: far above", openWell, math.Inf(1), openWell.Above()},
		{"closed well: beyond ends", closedWell, -10, 0},
		{"closed well: beyond upper", closedWell, 10, 0},
		{"half-open: below", halfOpen, -3.5, Below},
		{"half-open: above closed end", halfOpen, 3.5, 1},
	}
	for _, tt := range tests {
		if got := tt.s.Basin(tt.x); got != tt.want {
			t.Errorf("%s: Basin(%v) = %d, want %d", tt.name, tt.x, got, tt.want)
		}
	}
}

func TestStructureBasinIntervals(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name        string
		s           Structure
		i           int
		left, right float64
		exL, exR    bool
		radius      float64
	}{
		// Ω_0 = [−1.6, −1.3): only the saddle side is exitable, r = 0.2.
		{"four Ω_0", fourWells, 0, -1.6, -1.3, false, true, 0.2},
		{"four Ω_1", fourWells, 1, -1.3, 0.2, true, true, 0.6},
		{"four Ω_2", fourWells, 2, 0.2, 0.7, true, true, 0.2},
		{"four Ω_3", fourWells, 3, 0.7, 1.6, true, false, 0.6},
		{"open well", openWell, 0, -2.1, 1.5, true, true, 1.5},
		{"closed well", closedWell, 0, -1, 1, false, false, inf},
		{"half-open Ω_0", halfOpen, 0, -3, 0.5, true, true, 1.5},
		{"half-open Ω_1", halfOpen, 1, 0.5, 3, true, false, 0.5},
	}
	for _, tt := range tests {
		l, r := tt.s.Interval(tt.i)
		if l != tt.left || r != tt.right {
			t.Errorf("%s: Interval = (%v, %v), want (%v, %v)", tt.name, l, r, tt.left, tt.right)
		}
		el, er := tt.s.Exitable(tt.i)
		if el != tt.exL || er != tt.exR {
			t.Errorf("%s: Exitable = (%v, %v), want (%v, %v)", tt.name, el, er, tt.exL, tt.exR)
		}
		if got := tt.s.Radius(tt.i); math.Abs(got-tt.radius) > 1e-15 && got != tt.radius {
			t.Errorf("%s: Radius = %v, want %v", tt.name, got, tt.radius)
		}
	}
	if fourWells.N() != 4 || fourWells.Above() != 4 || openWell.Above() != 1 {
		t.Errorf("N, Above = %d, %d, %d", fourWells.N(), fourWells.Above(), openWell.Above())
	}
}

// TestStructureRadiusPaper1D checks r of docs/theory.md §4.2 on the
// discovered paper-1d structure: r_1 = s_1 − m_1 (the edge −1.6 is a
// projection edge), r_2 = m_2 − s_1, r_3 = s_3 − m_3, r_4 = m_4 − s_3.
func TestStructureRadiusPaper1D(t *testing.T) {
	st, err := Discover(Paper1D{Lo: -1.6, Hi: 1.6})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range paperRadii {
		// Printed to 4 decimals: agree to half a unit of the last one.
		if r := st.Radius(i); math.Abs(r-want) > 5e-5 {
			t.Errorf("r_%d = %.6f, want %v", i+1, r, want)
		}
	}
	// Every minimum lies in its own basin.
	for i, m := range st.Minima {
		if b := st.Basin(m); b != i {
			t.Errorf("Basin(m_%d) = %d", i+1, b)
		}
	}
}
