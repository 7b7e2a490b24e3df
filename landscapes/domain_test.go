package landscapes

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/param"
)

func TestInterval(t *testing.T) {
	iv := Interval{Lo: -1, Hi: 2}
	for _, c := range []struct {
		x, want float64
		moved   bool
	}{
		{0.5, 0.5, false}, {-1, -1, false}, {2, 2, false}, {-3, -1, true}, {7, 2, true},
	} {
		x := []float64{c.x}
		if iv.Contains([]float64{c.x}) == c.moved {
			t.Errorf("Contains(%v) = %v", c.x, !c.moved)
		}
		if moved := iv.Project(x); moved != c.moved || x[0] != c.want {
			t.Errorf("Project(%v) = %v (moved %v), want %v (moved %v)", c.x, x[0], moved, c.want, c.moved)
		}
	}
	open := Interval{Lo: math.Inf(-1), Hi: math.Inf(1)}
	if x := []float64{1e300}; open.Project(x) || !open.Contains(x) {
		t.Error("the whole line clamps")
	}
	for _, bad := range []Interval{{1, 1}, {2, 1}, {math.NaN(), 1}} {
		if pe := param.As(bad.Validate()); pe == nil || pe.Name != "landscapes.Interval" {
			t.Errorf("%v.Validate() = %v", bad, bad.Validate())
		}
	}
}

// TestStructureBasins checks the Basins view of a Structure: point minimum
// sets, Locate = Basin (outside labels included) and Core = Radius, which
// is a valid core: every point closer than it lies in the basin.
func TestStructureBasins(t *testing.T) {
	s := Structure{Minima: []float64{-1, 1.5}, Saddles: []float64{0}, Lo: -2, Hi: 2.5, OpenHi: true}
	sets := s.MinimumSets()
	if len(sets) != 2 || !sets[0].IsPoint() || sets[1].A[0] != 1.5 {
		t.Fatalf("MinimumSets = %v", sets)
	}
	for _, c := range []struct {
		x    float64
		want int
	}{{-1.5, 0}, {0, 1}, {1, 1}, {2.5, 1}, {3, 2}} {
		if got := s.Locate([]float64{c.x}); got != c.want {
			t.Errorf("Locate(%v) = %d, want %d", c.x, got, c.want)
		}
	}
	for i, m := range s.Minima {
		rho := s.Core(i)
		if rho != s.Radius(i) {
			t.Errorf("Core(%d) = %v, want Radius %v", i, rho, s.Radius(i))
		}
		for _, x := range []float64{m - rho*(1-1e-12), m + rho*(1-1e-12)} {
			if s.Locate([]float64{x}) != i {
				t.Errorf("point %v within Core(%d) = %v of m = %v is in basin %d", x, i, rho, m, s.Locate([]float64{x}))
			}
		}
	}
}
