package rng

import (
	"math"
	"testing"
)

func TestZigguratConstants(t *testing.T) {
	// r and v as printed by Marsaglia & Tsang (2000) for the exponential
	// with 256 layers (r = 7.69711747013104972,
	// v = .0039496598225815571993) and for the normal with 256 layers (r = 3.6541528853610088, v = .00492867323399). The paper's
	// digits bound the tolerance for the normal v (12 significant digits).
	tests := []struct {
		name       string
		z          *zigTable
		f          func(float64) float64
		r, v, vTol float64
		fast       float64 // mean of k[i]/2^53, stated in the doc comments
	}{
		{"exponential", expZig, func(x float64) float64 { return math.Exp(-x) }, 7.69711747013104972, 3.9496598225815571993e-3, 1e-14, 0.978},
		{"normal", normZig, func(x float64) float64 { return math.Exp(-x * x / 2) }, 3.6541528853610088, 4.92867323399e-3, 1e-11, 0.985},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := tt.z
			if math.Abs(z.r/tt.r-1) > 1e-14 {
				t.Errorf("r = %.17g, paper %.17g", z.r, tt.r)
			}
			if math.Abs(z.v/tt.v-1) > tt.vTol {
				t.Errorf("v = %.17g, paper %.17g", z.v, tt.v)
			}
			// Every layer has area v: the base strip x[0]·f(r), layers
			// 1..255 x[i]·(f(x[i+1]) − f(x[i])) including the top one,
			// whose upper edge is f(0) = 1 (the closing condition).
			if a := z.x[0] * tt.f(z.r); math.Abs(a/z.v-1) > 1e-12 {
				t.Errorf("base strip area %.17g, want v = %.17g", a, z.v)
			}
			for i := 1; i < zigLayers; i++ {
				if a := z.x[i] * (z.f[i+1] - z.f[i]); math.Abs(a/z.v-1) > 1e-9 {
					t.Errorf("layer %d area %.17g, want v = %.17g", i, a, z.v)
				}
				if !(z.x[i+1] < z.x[i]) {
					t.Errorf("x[%d] = %g ≥ x[%d] = %g", i+1, z.x[i+1], i, z.x[i])
				}
			}
			if z.f[zigLayers] != 1 || z.k[zigLayers-1] != 0 {
				t.Errorf("top layer: f = %g, k = %d; want 1, 0", z.f[zigLayers], z.k[zigLayers-1])
			}
			var fast float64
			for i := range z.k {
				if z.k[i] > 1<<53 {
					t.Errorf("k[%d] = %d > 2^53", i, z.k[i])
				}
				fast += float64(z.k[i]) / (1 << 53) / zigLayers
			}
			if math.Abs(fast-tt.fast) > 5e-4 {
				t.Errorf("fast-path probability %.5f, documented %.3f", fast, tt.fast)
			}
		})
	}
}

// TestFastSlowAgree checks that ExpSlow and NormSlow return the fast-path
// value for words the fast path accepts, so that ExpFloat64 is the same
// function of the stream whichever path a caller uses.
func TestFastSlowAgree(t *testing.T) {
	r := New(11, 12)
	for k := 0; k < 10000; k++ {
		j := r.Uint64()
		if x, ok := ExpFast(j); ok {
			if y := r.ExpSlow(j); y != x {
				t.Fatalf("j = %#x: ExpFast %v, ExpSlow %v", j, x, y)
			}
		}
		if x, ok := NormFast(j); ok {
			if y := r.NormSlow(j); y != x {
				t.Fatalf("j = %#x: NormFast %v, NormSlow %v", j, x, y)
			}
		}
	}
}
