package appendix

import (
	"math"
	"testing"

	"gonum.org/v1/plot/vg/draw"
)

// grid10 samples f on a 10×10 grid of [0, 1]².
func grid10(f func(x, y float64) float64) ([]float64, [][]float64) {
	g := make([]float64, 10)
	for i := range g {
		g[i] = float64(i) / 9
	}
	z := make([][]float64, len(g))
	for r, y := range g {
		z[r] = make([]float64, len(g))
		for c, x := range g {
			z[r][c] = f(x, y)
		}
	}
	return g, z
}

// TestContours checks the level lines of a smooth function (f = x: the
// line x = 0.3, one piece per row of cells) and that a function with a jump
// gets no line along the jump: f = x + 10·1{x ≥ 0.5} has the level 5 only
// between its two branches, which the plot must not draw, and its level
// 0.3 is still drawn.
func TestContours(t *testing.T) {
	g, z := grid10(func(x, _ float64) float64 { return x })
	ct := newContours(g, z, []float64{0.3}, draw.LineStyle{})
	if len(ct.segments) != 9 {
		t.Fatalf("f = x: %d pieces, want 9", len(ct.segments))
	}
	for _, s := range ct.segments {
		if math.Abs(s[0][0]-0.3) > 1e-12 || math.Abs(s[1][0]-0.3) > 1e-12 {
			t.Errorf("f = x: piece %v off the line x = 0.3", s)
		}
	}
	g, z = grid10(func(x, _ float64) float64 {
		if x >= 0.5 {
			return x + 10
		}
		return x
	})
	if ct := newContours(g, z, []float64{5}, draw.LineStyle{}); len(ct.segments) != 0 {
		t.Errorf("a jump: %d pieces of level 5 along it, want none", len(ct.segments))
	}
	if ct := newContours(g, z, []float64{0.3}, draw.LineStyle{}); len(ct.segments) != 9 {
		t.Errorf("a jump elsewhere: %d pieces of level 0.3, want 9", len(ct.segments))
	}
	// Without the test for jumps (a huge ratio), the jump is drawn: the
	// companion that shows the test above can fail.
	if got := len(cellSegments(0, 1, 0, 1, 0.4, 10.6, 10.6, 0.4, 5)); got != 1 {
		t.Errorf("marching squares across the jump: %d pieces, want 1", got)
	}
}

// TestCellSegmentsSaddle checks the two readings of a saddle cell: the
// centre on the side of the corners a and c joins them.
func TestCellSegmentsSaddle(t *testing.T) {
	// a = c = 1 above, b = d = 0 below the level 0.5; centre 0.5 + ε.
	segs := cellSegments(0, 1, 0, 1, 1, 0, 1.1, 0, 0.5)
	if len(segs) != 2 {
		t.Fatalf("%d pieces, want 2", len(segs))
	}
	// The centre is above, on a's side: the lines cut off b (bottom
	// right) and d (top left).
	for _, s := range segs {
		mx, my := (s[0][0]+s[1][0])/2, (s[0][1]+s[1][1])/2
		if !(mx > 0.5 && my < 0.5) && !(mx < 0.5 && my > 0.5) {
			t.Errorf("piece %v does not cut off b or d", s)
		}
	}
}
