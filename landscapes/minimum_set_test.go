package landscapes_test

import (
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
)

// TestMinimumSetDistanceTo checks MinimumSet.DistanceTo on point and
// segment sets, including skew segments in 3-D whose closest points are
// interior to both (where the distances from the ends alone overestimate
// it). Each expected value is elementary geometry stated in its row.
func TestMinimumSetDistanceTo(t *testing.T) {
	pt := landscapes.PointSet
	seg := landscapes.SegmentSet
	tests := []struct {
		name string
		s, u landscapes.MinimumSet
		want float64
	}{
		{"points", pt([]float64{0, 0}), pt([]float64{3, 4}), 5},
		{"point and segment, interior", pt([]float64{1, 2}), seg([]float64{0, 0}, []float64{2, 0}), 2},
		{"point and segment, end", pt([]float64{4, 3}), seg([]float64{0, 0}, []float64{1, 0}), math.Hypot(3, 3)},
		{"parallel segments", seg([]float64{0, 0}, []float64{2, 0}), seg([]float64{1, 1}, []float64{3, 1}), 1},
		{"collinear segments", seg([]float64{0, 0}, []float64{1, 0}), seg([]float64{3, 0}, []float64{5, 0}), 2},
		{"segments in 2-D, end to interior", seg([]float64{0, 0}, []float64{0, 2}), seg([]float64{1, 1}, []float64{3, 0}), 1},
		// x-axis segment at z = 0 and y-axis segment at z = 1, crossing
		// over (0, 0): distance 1 at the midpoints; the ends are √2 away.
		{"skew segments in 3-D", seg([]float64{-1, 0, 0}, []float64{1, 0, 0}), seg([]float64{0, -1, 1}, []float64{0, 1, 1}), 1},
		{"skew segments, closest beyond an end", seg([]float64{-1, 0, 0}, []float64{1, 0, 0}), seg([]float64{3, -1, 1}, []float64{3, 1, 1}), math.Hypot(2, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, got := range []float64{tt.s.DistanceTo(tt.u), tt.u.DistanceTo(tt.s)} {
				if math.Abs(got-tt.want) > 1e-12 {
					t.Errorf("distance %.15g, want %.15g", got, tt.want)
				}
			}
		})
	}
}
