package landscapes

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// refPrec is the working precision of the math/big references.
const refPrec = 200

// bigExp returns e^y at refPrec bits: the Taylor series of e^{y/2^20}
// (30 terms, far more than its 2^{−200} target needs), squared 20 times.
func bigExp(y float64) *big.Float {
	x := new(big.Float).SetPrec(refPrec).SetFloat64(math.Ldexp(y, -20))
	sum := new(big.Float).SetPrec(refPrec).SetInt64(1)
	term := new(big.Float).SetPrec(refPrec).SetInt64(1)
	for k := 1; k <= 30; k++ {
		term.Mul(term, x)
		term.Quo(term, new(big.Float).SetPrec(refPrec).SetInt64(int64(k)))
		sum.Add(sum, term)
	}
	for range 20 {
		sum.Mul(sum, sum)
	}
	return sum
}

// bigPowNegTwoFifths returns z^{−2/5} = (z^{−2})^{1/5} at refPrec bits by
// Newton's iteration for the fifth root.
func bigPowNegTwoFifths(z float64) *big.Float {
	a := new(big.Float).SetPrec(refPrec).SetFloat64(z)
	a.Mul(a, a)
	a.Quo(new(big.Float).SetPrec(refPrec).SetInt64(1), a)
	y := new(big.Float).SetPrec(refPrec).SetFloat64(math.Pow(z, -0.4))
	for range 6 {
		y4 := new(big.Float).SetPrec(refPrec).Mul(y, y)
		y4.Mul(y4, y4)
		q := new(big.Float).SetPrec(refPrec).Quo(a, y4)
		y.Mul(y, big.NewFloat(4)).Add(y, q).Quo(y, big.NewFloat(5))
	}
	return y
}

// bigRoot32 returns 2^{j/32} at refPrec bits by Newton's iteration
// x ← x − (x^32 − 2^j)/(32·x^31) from the float64 estimate.
func bigRoot32(j int) *big.Float {
	a := new(big.Float).SetPrec(refPrec).SetMantExp(big.NewFloat(1), j)
	x := new(big.Float).SetPrec(refPrec).SetFloat64(math.Exp2(float64(j) / 32))
	for range 6 {
		p := new(big.Float).SetPrec(refPrec).SetInt64(1)
		for range 31 {
			p.Mul(p, x)
		}
		num := new(big.Float).SetPrec(refPrec).Mul(p, x)
		num.Sub(num, a)
		den := new(big.Float).SetPrec(refPrec).Mul(p, big.NewFloat(32))
		x.Sub(x, num.Quo(num, den))
	}
	return x
}

// ulpError returns |got − want|/ulp(want), ulp(w) being the spacing of
// float64 numbers at want rounded to float64.
func ulpError(got float64, want *big.Float) float64 {
	w, _ := want.Float64()
	ulp := math.Nextafter(math.Abs(w), math.Inf(1)) - math.Abs(w)
	d := new(big.Float).SetPrec(refPrec).SetFloat64(got)
	d.Sub(d, want)
	df, _ := d.Float64()
	return math.Abs(df) / ulp
}

// TestExpTable checks exp against a math/big reference: the largest error
// over a grid of the paper-1d range and random arguments of the whole
// table range must stay within the documented 2 ulp, and the table must be
// the correctly rounded 2^{j/32}.
func TestExpTable(t *testing.T) {
	for j, v := range expTable {
		// 2^{j/32} by Newton's iteration for x^32 = 2^j (independent of
		// the square roots that build the table): it must round to v.
		if want, _ := bigRoot32(j).Float64(); v != want {
			t.Errorf("expTable[%d] = %v, want 2^(%d/32) rounded = %v", j, v, j, want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	var ys []float64
	for i := range 4000 { // the dip factor's range on paper-1d: y = −5(x+0.8)² ≥ −29.
		ys = append(ys, -29*float64(i)/3999)
	}
	for range 4000 {
		ys = append(ys, -707.9+1416.8*r.Float64())
	}
	ys = append(ys, 0, -0x1p-30, 0x1p-30, math.Ln2/64, -math.Ln2/64)
	worst, at := 0.0, 0.0
	for _, y := range ys {
		if e := ulpError(exp(y), bigExp(y)); e > worst {
			worst, at = e, y
		}
	}
	t.Logf("exp: largest error %.3f ulp at y = %v over %d arguments", worst, at, len(ys))
	if worst > 2 {
		t.Errorf("exp: error %.3f ulp at y = %v, want ≤ 2", worst, at)
	}
	if exp(0) != 1 {
		t.Errorf("exp(0) = %v, want 1", exp(0))
	}
}

// TestExpFallback checks the arguments that go to math.Exp.
func TestExpFallback(t *testing.T) {
	for _, y := range []float64{-750, -708, 709, 710, math.Inf(1), math.Inf(-1), math.NaN()} {
		got, want := exp(y), math.Exp(y)
		if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("exp(%v) = %v, want math.Exp's %v", y, got, want)
		}
	}
}

// TestPowNegTwoFifths checks powNegTwoFifths against a math/big reference
// over the cusp factor's range on paper-1d (z = 0.05(1.65 − x) in
// [0.0025, 0.1625]) and random normal arguments, and its fallbacks.
func TestPowNegTwoFifths(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var zs []float64
	for i := range 4000 {
		zs = append(zs, 0.0025+0.16*float64(i)/3999)
	}
	for range 4000 {
		zs = append(zs, math.Ldexp(1+r.Float64(), r.IntN(2044)-1022))
	}
	zs = append(zs, 1, 2, 0.5, 0x1p-1022, math.MaxFloat64, 1+0.5/64, math.Nextafter(2, 0))
	worst, at := 0.0, 0.0
	for _, z := range zs {
		if e := ulpError(powNegTwoFifths(z), bigPowNegTwoFifths(z)); e > worst {
			worst, at = e, z
		}
	}
	t.Logf("powNegTwoFifths: largest error %.3f ulp at z = %v over %d arguments", worst, at, len(zs))
	if worst > 2 {
		t.Errorf("powNegTwoFifths: error %.3f ulp at z = %v, want ≤ 2", worst, at)
	}
	for _, z := range []float64{0, 0x1p-1060, -1, math.Inf(1), math.NaN()} {
		got, want := powNegTwoFifths(z), math.Pow(z, -0.4)
		if got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("powNegTwoFifths(%v) = %v, want math.Pow's %v", z, got, want)
		}
	}
}

func BenchmarkExp(b *testing.B) {
	s := 0.0
	for i := 0; b.Loop(); i++ {
		s += exp(-5 * float64(i&1023) / 1024)
	}
	sink = s
}

func BenchmarkPowNegTwoFifths(b *testing.B) {
	s := 0.0
	for i := 0; b.Loop(); i++ {
		s += powNegTwoFifths(0.0025 + 0.16*float64(i&1023)/1024)
	}
	sink = s
}
