package rng

import (
	"math"
	"math/bits"
	"testing"
)

// withOutput returns a generator whose next Uint64 is out: with s0 = 0 the
// output is rotl(s3, 23), so s3 = rotr(out, 23); s1 = 1 keeps the state
// non-zero.
func withOutput(out uint64) *Rand {
	return fromState([4]uint64{0, 1, 0, bits.RotateLeft64(out, -23)})
}

func TestFloatEndpoints(t *testing.T) {
	tests := []struct {
		name string
		f    func(*Rand) float64
		word uint64
		want float64
	}{
		{"Float64 min", (*Rand).Float64, 0, 0},
		{"Float64 max", (*Rand).Float64, ^uint64(0), 1 - 0x1p-53},
		{"Float64 unit", (*Rand).Float64, 1 << 11, 0x1p-53},
		{"Float64Open min", (*Rand).Float64Open, 0, 0x1p-53},
		{"Float64Open max", (*Rand).Float64Open, ^uint64(0), 1 - 0x1p-53},
		{"Float64Open half", (*Rand).Float64Open, 1 << 63, 0.5 + 0x1p-53},
		{"Float64Open53 min", (*Rand).Float64Open53, 0, 0x1p-54},
		{"Float64Open53 max", (*Rand).Float64Open53, ^uint64(0), 1 - 0x1p-54},
		{"Float64Open53 half", (*Rand).Float64Open53, 1 << 63, 0.5 + 0x1p-54},
	}
	for _, tt := range tests {
		if got := tt.f(withOutput(tt.word)); got != tt.want {
			t.Errorf("%s: word %#x gives %v, want %v", tt.name, tt.word, got, tt.want)
		}
	}
	if x := New(1, 2).Float64Open(); math.IsInf(math.Log(x), 0) {
		t.Error("log of Float64Open is infinite")
	}
	if x := withOutput(0).Float64Open53(); math.IsInf(math.Log(x), 0) {
		t.Error("log of Float64Open53 is infinite")
	}
}

func TestUint64nRange(t *testing.T) {
	r := New(21, 22)
	ns := []uint64{1, 2, 3, 7, 1000, 1<<32 + 1, 1<<63 + 1, 3 << 62, ^uint64(0)}
	for _, n := range ns {
		for k := 0; k < 10000; k++ {
			if x := r.Uint64n(n); x >= n {
				t.Fatalf("Uint64n(%d) = %d", n, x)
			}
		}
	}
	if x := r.Uint64n(0); x != 0 {
		t.Errorf("Uint64n(0) = %d, want 0", x)
	}
}

// mulHigh is Lemire's method without the rejection step, ⌊x·n/2^64⌋, which
// is biased when n does not divide 2^64: the companion of TestUint64nBias.
func mulHigh(r *Rand, n uint64) uint64 {
	hi, _ := bits.Mul64(r.Uint64(), n)
	return hi
}

// TestUint64nBias uses n = 3·2^62, for which the rejection matters most:
// 2^64/n = 4/3, so without rejection ⌊3x/4⌋ hits the residues ≡ 0 (mod 3)
// from two x out of every four and the others from one, giving
// P(X ≡ 0 mod 3) = 1/2 instead of 1/3. With 3·10^5 draws the count of
// residue-0 outputs must be inside the two-sided α = 0.001 band of
// Binomial(n, 1/3) (sd 258) for Uint64n, and outside it for mulHigh
// (expected 1.5·10^5, 58 sd away).
func TestUint64nBias(t *testing.T) {
	const draws = 300_000
	const n = 3 << 62
	tests := []struct {
		name   string
		draw   func(*Rand) uint64
		biased bool
	}{
		{"Uint64n", func(r *Rand) uint64 { return r.Uint64n(n) }, false},
		{"mulHigh without rejection", func(r *Rand) uint64 { return mulHigh(r, n) }, true},
	}
	for _, tt := range tests {
		r := New(31, 32)
		c := 0
		for i := 0; i < draws; i++ {
			if tt.draw(r)%3 == 0 {
				c++
			}
		}
		p := binomialP(c, draws, 1.0/3)
		t.Logf("%s: %d of %d ≡ 0 mod 3 (expected %d), p = %.2g", tt.name, c, draws, draws/3, p)
		if rejected := p < alpha; rejected != tt.biased {
			t.Errorf("%s: p = %.2g, rejected = %v, want %v", tt.name, p, rejected, tt.biased)
		}
	}
}

// TestUint64nChiSquare is a χ² test of Uint64n(7) with 7·10^5 draws: the
// statistic must be below the α = 0.001 critical value of χ²₆, 22.458
// (Abramowitz & Stegun table 26.8), and above it against the wrong
// prediction P(0) = 0.16, P(k) = 0.14 for k ≥ 1 (expected statistic
// ≈ n·Σ(p−q)²/q = 7·10^5·(0.0171²/0.16 + 6·0.0029²/0.14) ≈ 1.5·10^3).
func TestUint64nChiSquare(t *testing.T) {
	const draws, n = 700_000, 7
	r := New(41, 42)
	var counts [n]float64
	for i := 0; i < draws; i++ {
		counts[r.Uint64n(n)]++
	}
	chi2 := func(q func(k int) float64) float64 {
		var s float64
		for k, c := range counts {
			e := draws * q(k)
			s += (c - e) * (c - e) / e
		}
		return s
	}
	const crit = 22.458
	right := chi2(func(int) float64 { return 1.0 / n })
	wrong := chi2(func(k int) float64 {
		if k == 0 {
			return 0.16
		}
		return 0.14
	})
	t.Logf("χ² = %.2f (uniform), %.1f (wrong), critical %.3f", right, wrong, crit)
	if right > crit {
		t.Errorf("χ² = %.2f > %.3f for the uniform prediction", right, crit)
	}
	if wrong <= crit {
		t.Errorf("χ² = %.2f ≤ %.3f for the wrong prediction", wrong, crit)
	}
}
