package landscapes

import (
	"context"
	"math"
	"sync"
	"testing"

	"github.com/htsgd/htsgd/param"
)

// valley is f(x, y) = ½y² + ½·max(|x| − 1, 0)²: its minimizers are the
// segment [−1, 1] × {0}, a non-isolated minimum set.
type valley struct{}

func (valley) Dim() int { return 2 }
func (valley) Value(x []float64) float64 {
	e := math.Max(math.Abs(x[0])-1, 0)
	return 0.5*x[1]*x[1] + 0.5*e*e
}
func (valley) Gradient(dst, x []float64) []float64 {
	e := math.Max(math.Abs(x[0])-1, 0)
	dst[0] = math.Copysign(e, x[0])
	dst[1] = x[1]
	return dst
}

var (
	himOnce sync.Once
	himMap  *BasinMap
	himErr  error
)

// himmelblauMap builds, once per test binary, the basin map of the paper's
// function with coarse options (a fraction of the default cost).
func himmelblauMap(t testing.TB) *BasinMap {
	himOnce.Do(func() {
		h, err := NewHimmelblauModified(PaperHimmelblau())
		if err != nil {
			himErr = err
			return
		}
		himMap, himErr = NewBasinMap(context.Background(), h, BasinMapOptions{Domain: Ball{Radius: 4.2}, Grid: 25, Directions: 120, CacheCells: 256})
	})
	if himErr != nil {
		t.Fatal(himErr)
	}
	return himMap
}

func TestBasinMapGaussianWells(t *testing.T) {
	// A wide well (width 0.8) and a sharp one (width 0.25) of equal depth.
	g, err := NewGaussianWells([][]float64{{-1.2, 0}, {1.2, 0}}, []float64{1, 1}, []float64{0.8, 0.25}, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	m, err := NewBasinMap(context.Background(), g, BasinMapOptions{Domain: Ball{Radius: 3}, Grid: 21, Directions: 180, CacheCells: 128})
	if err != nil {
		t.Fatal(err)
	}
	sets := m.MinimumSets()
	if len(sets) != 2 || !sets[0].IsPoint() || !sets[1].IsPoint() {
		t.Fatalf("minima %v, want two points", sets)
	}
	for i, c := range [][]float64{{-1.2, 0}, {1.2, 0}} {
		// The confinement pulls each minimum towards 0 by k·c/(D/w² + k):
		// less than 0.1 here.
		if d := sets[i].Dist(c); d > 0.1 {
			t.Errorf("minimum %d at %v, %v from its centre", i, sets[i].A, d)
		}
		// The descent stops when a step moves less than 1e-12(1 + ‖x‖);
		// with the sharp well's curvature D/w² = 16 that leaves ‖∇f‖ far
		// below 1e-6.
		grad := g.Gradient(make([]float64, 2), sets[i].A)
		if math.Hypot(grad[0], grad[1]) > 1e-6 {
			t.Errorf("∇f at minimum %d = %v", i, grad)
		}
	}
	if !(m.Radius(0) > m.Radius(1)) {
		t.Errorf("r = (%v, %v): the wide well should have the larger basin radius", m.Radius(0), m.Radius(1))
	}
	tests := []struct {
		x    []float64
		want int
	}{{[]float64{-2, 1}, 0}, {[]float64{1.2, 0.1}, 1}, {[]float64{1.3, 0}, 1}, {[]float64{-0.5, 0}, 0}, {[]float64{9, 0}, 1}}
	for _, tc := range tests {
		if got := m.Locate(tc.x); got != tc.want {
			t.Errorf("Locate(%v) = %d, want %d", tc.x, got, tc.want)
		}
		if got := m.Classify(tc.x); got != tc.want {
			t.Errorf("Classify(%v) = %d, want %d", tc.x, got, tc.want)
		}
	}
}

func TestBasinMapSegment(t *testing.T) {
	m, err := NewBasinMap(context.Background(), valley{}, BasinMapOptions{Domain: Ball{Radius: 3}, Grid: 15, Directions: 60, CacheCells: 64})
	if err != nil {
		t.Fatal(err)
	}
	sets := m.MinimumSets()
	if len(sets) != 1 || sets[0].IsPoint() {
		t.Fatalf("minima %v, want one segment", sets)
	}
	a, b := sets[0].A, sets[0].B
	if a[0] > b[0] {
		a, b = b, a
	}
	// The flat set is extended to its true ends (−1, 0) and (1, 0) by
	// bisection on f ≤ min f + 1e-9: f = ½e² ≤ 1e-9 gives |e| ≤ 4.5e-5.
	if math.Abs(a[0]+1) > 1e-4 || math.Abs(b[0]-1) > 1e-4 || math.Abs(a[1]) > 1e-6 || math.Abs(b[1]) > 1e-6 {
		t.Errorf("segment %v – %v, want (−1, 0) – (1, 0)", a, b)
	}
	if !math.IsInf(m.Radius(0), 1) {
		t.Errorf("r = %v, want +Inf (one basin fills the domain)", m.Radius(0))
	}
}

func TestBasinMapHimmelblau(t *testing.T) {
	m := himmelblauMap(t)
	sets := m.MinimumSets()
	if len(sets) != 4 {
		t.Fatalf("%d minimum sets, want 4", len(sets))
	}
	// Sorted by the first coordinate of the centre: the segment (paper's
	// Ω_2), m_1, m_3 = (3, 1), m_4.
	wantA := [][]float64{{-3.0380915, -2.9}, {-0.8020452, 2.5697395}, {3, 1}, {3.2151447, -0.8843263}}
	for i, s := range sets {
		if s.Dist(wantA[i]) > 1e-5 {
			t.Errorf("set %d = %v–%v, want it through %v", i, s.A, s.B, wantA[i])
		}
	}
	if sets[0].IsPoint() || math.Abs(sets[0].Length()-2.538) > 1e-3 {
		t.Errorf("Ω_2's set %v–%v: want the segment y = −2.9 from x = −3.038 (the ball) to −0.5 (b_r)", sets[0].A, sets[0].B)
	}
	// r_i with the default options (720 directions): 2.2468, 2.4657,
	// 0.9737, 0.9227. The coarse map's 120 directions can only miss a
	// nearer boundary point, by at most about r·(1 − cos(π/120)) ≈ 3.4e-4·r
	// on a smooth boundary (more near a corner of Ω_i).
	wantR := []float64{2.2468, 2.4657, 0.9737, 0.9227}
	for i, r := range wantR {
		if got := m.Radius(i); math.Abs(got-r) > 5e-3*r {
			t.Errorf("r_%d = %v, want %v", i, got, r)
		}
	}
	// Paper: at b = 2.15, two jumps for Ω_1, Ω_2 and one for Ω_3, Ω_4.
	for i, want := range []float64{2, 2, 1, 1} {
		if got := math.Ceil(m.Radius(i) / 2.15); got != want {
			t.Errorf("⌈r_%d/b⌉ = %v, want %v", i, got, want)
		}
	}
	// Basins of a few points (paper Figure 3b).
	for _, tc := range []struct {
		x    []float64
		want int
	}{{[]float64{-2, 1}, 1}, {[]float64{-2, -1}, 0}, {[]float64{2.9, 1.0}, 2}, {[]float64{3.5, -2}, 3}, {[]float64{0, -4}, 0}} {
		if got := m.Locate(tc.x); got != tc.want {
			t.Errorf("Locate(%v) = %d, want %d", tc.x, got, tc.want)
		}
	}
}

func TestBasinMapConcurrentLocate(t *testing.T) {
	g, _ := NewGaussianWells([][]float64{{-1, 0}, {1, 0.5}}, []float64{1, 1}, []float64{0.6, 0.4}, 0.2)
	opt := BasinMapOptions{Domain: Ball{Radius: 2.5}, Grid: 15, Directions: 90, CacheCells: 64}
	serial, err := NewBasinMap(context.Background(), g, opt)
	if err != nil {
		t.Fatal(err)
	}
	shared, _ := NewBasinMap(context.Background(), g, opt)
	pts := make([][]float64, 0, 400)
	for a := range 20 {
		for b := range 20 {
			pts = append(pts, []float64{-2.4 + 4.8*float64(a)/19, -2.4 + 4.8*float64(b)/19})
		}
	}
	want := make([]int, len(pts))
	for i, p := range pts {
		want[i] = serial.Locate(p)
	}
	got := make([]int, len(pts))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(pts); i += 4 {
				got[i] = shared.Locate(pts[i])
			}
		}()
	}
	wg.Wait()
	for i := range pts {
		if got[i] != want[i] {
			t.Errorf("Locate(%v): concurrent %d, serial %d", pts[i], got[i], want[i])
		}
	}
}

// flat0 is a landscape of dimension 0, which NewBasinMap rejects.
type flat0 struct{}

func (flat0) Dim() int                            { return 0 }
func (flat0) Value([]float64) float64             { return 0 }
func (flat0) Gradient(dst, _ []float64) []float64 { return dst }

// TestBasinMapErrors checks that NewBasinMap reports each bad argument as a
// *param.Error naming it, before any search.
func TestBasinMapErrors(t *testing.T) {
	g, err := NewGaussianWells([][]float64{{-1, 0}, {1, 0}}, []float64{1, 1}, []float64{0.5, 0.5}, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	const W = param.Whole
	tests := []struct {
		name  string
		l     Landscape
		opt   BasinMapOptions
		param string
		index int
	}{
		{"dimension 0", flat0{}, BasinMapOptions{Domain: Ball{Radius: 1}}, "landscapes.Landscape", W},
		{"unbounded", g, BasinMapOptions{}, "landscapes.BasinMapOptions.Domain", W},
		{"negative radius", g, BasinMapOptions{Domain: Ball{Radius: -1}}, "landscapes.Ball.Radius", W},
		{"centre of another dimension", g, BasinMapOptions{Domain: Ball{Radius: 1, Center: []float64{0}}}, "landscapes.Ball.Center", W},
		{"box of another dimension", g, BasinMapOptions{Lo: []float64{-1}, Hi: []float64{1, 1}}, "landscapes.BasinMapOptions.Lo", W},
		{"empty box side", g, BasinMapOptions{Lo: []float64{-1, 1}, Hi: []float64{1, 1}}, "landscapes.BasinMapOptions.Lo", 1},
		{"minimum set of another dimension", g, BasinMapOptions{Domain: Ball{Radius: 3}, Minima: []MinimumSet{PointSet([]float64{-1, 0}), PointSet([]float64{1})}}, "landscapes.BasinMapOptions.Minima", 1},
		{"no minimum", g, BasinMapOptions{Domain: Ball{Radius: 3}, Minima: []MinimumSet{}}, "landscapes.Landscape", W},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := NewBasinMap(context.Background(), tt.l, tt.opt)
			if m != nil {
				t.Errorf("a basin map with the error %v", err)
			}
			wantParamErr(t, tt.name, err, tt.param, tt.index)
		})
	}
}
