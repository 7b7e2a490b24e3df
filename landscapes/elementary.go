package landscapes

import (
	"math"
	"math/big"
)

// This file holds the two elementary functions of the paper-1d gradient,
// exp(y) and z^{−2/5}, written for the simulation's inner loop. The paper-1d
// step spends most of its time in math.Exp and math.Log (about 10 ns each
// here); the table-driven forms below cost a few nanoseconds each and stay
// within 2 ulp of the exact value (largest errors measured against math/big
// in TestExpTable and TestPowNegTwoFifths: 0.99 ulp for exp, 1.31 ulp for
// the power). math.Exp is documented to within 1 ulp, so these are at most
// about one ulp less accurate: a relative change below 3·10^{−16} in the
// gradient, far below anything a simulation resolves. Outside the ranges
// where the tables apply they defer to package math.

// expTableBits is log2 of the number of entries of expTable.
const expTableBits = 5

// Cody–Waite split of ln2/2^expTableBits: ln2Hi has its low 21 bits zero
// (32 significant bits), so k·ln2Hi/32 is exact for every |k| < 2^21; the
// range used below is |k| < 2^15 (the constants are those of fdlibm's
// e_exp.c).
const (
	expLn2Hi = 6.93147180369123816490e-01 / (1 << expTableBits)
	expLn2Lo = 1.90821492927058770002e-10 / (1 << expTableBits)
	expInvLn = (1 << expTableBits) / math.Ln2
	// expShifter = 1.5·2^52: adding it to a float64 of magnitude below 2^51
	// rounds it to the nearest integer, which then sits in the low bits of
	// the sum.
	expShifter = 0x1.8p52
)

// expTable[j] = 2^{j/32} correctly rounded, j = 0, …, 31.
var expTable = func() (t [1 << expTableBits]float64) {
	// 2^{1/32} by five square roots, then its powers, at 256 bits: the
	// result rounds correctly to float64 (math/big's Sqrt and Mul are
	// correctly rounded at the working precision).
	const prec = 256
	root := new(big.Float).SetPrec(prec).SetInt64(2)
	for range expTableBits {
		root.Sqrt(root)
	}
	p := new(big.Float).SetPrec(prec).SetInt64(1)
	for j := range t {
		t[j], _ = p.Float64()
		p.Mul(p, root)
	}
	return t
}()

// exp returns e^y to within 2 ulp. With k = round(32·y/ln2), j = k mod 32
// and r = y − k·ln2/32 (|r| ≤ ln2/64),
//
//	e^y = 2^{⌊k/32⌋} · 2^{j/32} · e^r,
//
// with 2^{j/32} from expTable and e^r − 1 from its Taylor polynomial of
// degree 6 (remainder below r^7/7! < 4·10^{−18}). Arguments outside
// (−708, 709), where the result would be subnormal or overflow, and NaN go
// to math.Exp.
func exp(y float64) float64 {
	if !(y > -708 && y < 709) {
		return math.Exp(y)
	}
	kf := y*expInvLn + expShifter
	// kf now lies in (2^52, 2^53): its low 52 bits hold 2^51 + k.
	k := int64(math.Float64bits(kf)&(1<<52-1)) - 1<<51
	kf -= expShifter
	r := (y - kf*expLn2Hi) - kf*expLn2Lo
	q := r * (1 + r*(1.0/2+r*(1.0/6+r*(1.0/24+r*(1.0/120+r*(1.0/720))))))
	t := expTable[k&(1<<expTableBits-1)]
	// ⌊k/32⌋ lies in [−1022, 1022] for y in (−708, 709): 2^⌊k/32⌋ is normal.
	scale := math.Float64frombits(uint64(1023+k>>expTableBits) << 52)
	return (t + t*q) * scale
}

// powTableBits is log2 of the number of mantissa intervals of powTable.
const powTableBits = 6

// powTable[s][j] = (2^{−2s} · c_j^{−2})^{1/5} = 2^{−2s/5} · c_j^{−2/5}
// correctly rounded, with c_j = 1 + (j + ½)/64 the centre of the j-th of 64
// equal subintervals of [1, 2); powInv[j] = 1/c_j rounded.
var powTable, powInv = func() (t [5][1 << powTableBits]float64, inv [1 << powTableBits]float64) {
	const prec = 256
	for j := range inv {
		c := 1 + (float64(j)+0.5)/(1<<powTableBits) // exact in float64
		inv[j] = 1 / c
		for s := range t {
			// A = 2^{−2s}·c^{−2} exactly at this precision, then the fifth
			// root by Newton's iteration y ← (4y + A/y⁴)/5 from the float64
			// estimate: four steps take its 1e−16 error below 1e−70.
			a := new(big.Float).SetPrec(prec).SetFloat64(c)
			a.Mul(a, a)
			a.Quo(new(big.Float).SetPrec(prec).SetFloat64(math.Ldexp(1, -2*s)), a)
			af, _ := a.Float64()
			y := new(big.Float).SetPrec(prec).SetFloat64(math.Pow(af, 0.2))
			four, five := big.NewFloat(4), big.NewFloat(5)
			for range 4 {
				y4 := new(big.Float).SetPrec(prec).Mul(y, y)
				y4.Mul(y4, y4)
				q := new(big.Float).SetPrec(prec).Quo(a, y4)
				y.Mul(y, four).Add(y, q).Quo(y, five)
			}
			t[s][j], _ = y.Float64()
		}
	}
	return t, inv
}()

// Binomial coefficients C(−2/5, k) of (1 + δ)^{−2/5} = Σ_k C(−2/5, k) δ^k.
const (
	powB1 = -2.0 / 5
	powB2 = powB1 * (-2.0/5 - 1) / 2
	powB3 = powB2 * (-2.0/5 - 2) / 3
	powB4 = powB3 * (-2.0/5 - 3) / 4
	powB5 = powB4 * (-2.0/5 - 4) / 5
	powB6 = powB5 * (-2.0/5 - 5) / 6
	powB7 = powB6 * (-2.0/5 - 6) / 7
)

// powNegTwoFifths returns z^{−2/5} to within 2 ulp. Writing the normal
// number z = m·2^e with m in [1, 2) and e = 5a + s, s in {0, …, 4},
//
//	z^{−2/5} = 2^{−2a} · 2^{−2s/5} · c_j^{−2/5} · (1 + δ)^{−2/5},
//	δ = (m − c_j)/c_j,
//
// where c_j is the centre of the 1/64-wide subinterval of [1, 2) holding m,
// so |δ| < 1/128. The product of the first three factors is powTable[s][j]
// (times the exact power of two) and the last is its binomial series to
// degree 7, whose remainder is below 0.13·δ⁸ < 2·10^{−18}. The subtraction
// m − c_j is exact (Sterbenz). Zero, subnormal, negative, infinite and NaN
// arguments go to math.Pow.
func powNegTwoFifths(z float64) float64 {
	if !(z >= 0x1p-1022 && z <= math.MaxFloat64) {
		return math.Pow(z, -0.4)
	}
	bits := math.Float64bits(z)
	// With E = e + 1030 (1030 = 5·206) the quotient and remainder by 5 are
	// those of a non-negative number: a = E/5 − 206, s = E mod 5.
	biased := int(bits >> 52) // e + 1023, z > 0
	E := biased + 7
	a, s := E/5-206, E%5
	j := (bits >> (52 - powTableBits)) & (1<<powTableBits - 1)
	m := math.Float64frombits(bits&(1<<52-1) | 1023<<52)
	c := 1 + (float64(j)+0.5)/(1<<powTableBits)
	d := (m - c) * powInv[j]
	p := d * (powB1 + d*(powB2+d*(powB3+d*(powB4+d*(powB5+d*(powB6+d*powB7))))))
	t := powTable[s][j]
	scale := math.Float64frombits(uint64(1023-2*a) << 52)
	return (t + t*p) * scale
}
