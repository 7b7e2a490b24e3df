package noise

import (
	"math"
	"sync"

	"github.com/htsgd/htsgd/rng"
)

// lomaxZigLayers is the number of layers of the Lomax ziggurat: one byte of
// the 64-bit draw picks the layer, as in package rng's ziggurats.
const lomaxZigLayers = 256

// lomaxZig is a ziggurat (Marsaglia & Tsang, J. Stat. Softw. 5(8), 2000) of
// the unnormalised standard Lomax density with tail index α > 1,
//
//	f(y) = (1 + y)^{−(α+1)},   y ≥ 0,   f(0) = 1,
//	f^{−1}(v) = v^{−1/(α+1)} − 1,   ∫_y^∞ f = (1 + y)^{−α}/α.
//
// A variate Y with density ∝ f has P(Y > y) = (1 + y)^{−α}: it is the W of
// the Lomax law, and 1 + Y is the W of the Pareto law, P(1 + Y > w) = w^{−α}
// for w ≥ 1 (docs/theory.md §3.2). Drawing Y from this table replaces the
// exp(E/α) of the inversion method by one multiplication on the fast path.
//
// The layout is that of package rng's exponential ziggurat, indexed from
// the bottom with 256 layers of equal area v:
//
//   - the edges are x[1] = r > x[2] > … > x[255] > x[256] = 0 with
//     f(x[i+1]) = f(x[i]) + v/x[i], so that layer i (1 ≤ i ≤ 255) is the
//     rectangle [0, x[i]] × [f(x[i]), f(x[i+1])] of area v;
//   - layer 0 is the base strip [0, r] × [0, f(r)] together with the tail
//     {y > r, 0 < h < f(y)}, of area v = r·f(r) + (1 + r)^{−α}/α, drawn as
//     a rectangle of width x[0] = v/f(r) whose part beyond r stands for the
//     tail;
//   - r is the root of the closing condition f(x[255]) + v/x[255] = 1: the
//     top layer reaches f(0) = 1.
//
// A draw takes one uniform 64-bit word j: the layer i = j mod 256 (bits
// 0..7) and u = j ≫ 11, a 53-bit uniform (bits 11..63); y = u·x[i]/2^53. If
// y < x[i+1] (the integer test u < k[i]) the point is under f at any height
// and y is returned (fast path, written out in Pareto.SampleFast and
// Lomax.SampleFast so that they stay inlinable). Otherwise layer 0 falls
// back to the tail and layers ≥ 1 test a uniform height in
// [f(x[i]), f(x[i+1])] against f(y) (the wedge); see slow. Bits 8..10 of j
// are not used, so a law may take its sign from them (see signSplit).
//
// The wedge test is squeezed (McFarland, J. Stat. Comput. Simul. 86(7),
// 2016): f is convex (its second derivative (α+1)(α+2)(1+y)^{−(α+3)} is
// positive), so on [x[i+1], x[i]] it lies below its chord c_i(y) and above
// c_i(y) − ε_i, where ε_i is the largest gap between them. A height above the chord is
// rejected and one below c_i − ε_i accepted without evaluating f; only the
// thin band in between costs an exp and a log1p. This makes the slow path,
// taken by 3–4% of the draws, several times cheaper, and changes nothing
// in the law: each shortcut gives the answer the exact test would.
//
// The tail fallback is exact by self-similarity: for y > r,
// P(Y > y | Y > r) = ((1 + y)/(1 + r))^{−α}, so 1 + Y given Y > r has the
// law of (1 + r)·(1 + Y′) with Y′ a fresh standard Lomax variate.
type lomaxZig struct {
	k        [lomaxZigLayers]uint64      // k[i] = ⌈2^53·x[i+1]/x[i]⌉: accept u < k[i]
	w        [lomaxZigLayers]float64     // w[i] = x[i]·2^−53: y = u·w[i]
	x        [lomaxZigLayers + 1]float64 // the edges x[i]
	f        [lomaxZigLayers + 1]float64 // f[i] = f(x[i]) for 1 ≤ i ≤ 256; f[0] unused
	slope    [lomaxZigLayers]float64     // s_i = (f[i+1] − f[i])/(x[i] − x[i+1]), i ≥ 1
	eps      [lomaxZigLayers]float64     // ε_i ≥ max over the wedge of c_i(y) − f(y), i ≥ 1
	tol      [lomaxZigLayers]float64     // τ_i = 10^{−12}·f[i+1], a margin for rounding
	onePlusR float64                     // 1 + r, the factor of one tail step
	negAP1   float64                     // −(α + 1), the exponent of f
}

// lomaxDensity returns f(y) = (1 + y)^{−(α+1)} = exp(−(α+1)·log1p(y)), with
// negAP1 = −(α + 1).
func lomaxDensity(negAP1, y float64) float64 { return math.Exp(negAP1 * math.Log1p(y)) }

// lomaxZigClosing returns f(x[255]) + v/x[255] − 1 for the ziggurat started
// at r: 0 at the wanted r, positive when r is too small (the layers reach the
// top before 255 steps; then +1 is returned) and negative when r is too
// large.
func lomaxZigClosing(alpha, r float64) float64 {
	a1 := alpha + 1
	v := r*lomaxDensity(-a1, r) + math.Exp(-alpha*math.Log1p(r))/alpha
	x := r
	for i := 1; i < lomaxZigLayers-1; i++ { // x[i] → x[i+1], i = 1..254
		y := lomaxDensity(-a1, x) + v/x
		if y >= 1 {
			return 1
		}
		x = math.Expm1(-math.Log(y) / a1) // f^{−1}(y)
	}
	return lomaxDensity(-a1, x) + v/x - 1
}

// lomaxZigCache holds the ziggurats built so far, by α: a table costs about
// 2 ms to build (the bisection below) and 6 KB, and is immutable, so every
// law with the same α shares one. The cache stops growing at
// lomaxZigCacheMax entries (later tables are built but not kept).
var lomaxZigCache struct {
	sync.Mutex
	m map[float64]*lomaxZig
}

// lomaxZigCacheMax bounds lomaxZigCache.
const lomaxZigCacheMax = 64

// lomaxZigFor returns the ziggurat for tail index α > 1, from the cache or
// newly built.
func lomaxZigFor(alpha float64) *lomaxZig {
	c := &lomaxZigCache
	c.Lock()
	defer c.Unlock()
	if z, ok := c.m[alpha]; ok {
		return z
	}
	z := newLomaxZig(alpha)
	if c.m == nil {
		c.m = make(map[float64]*lomaxZig)
	}
	if len(c.m) < lomaxZigCacheMax {
		c.m[alpha] = z
	}
	return z
}

// newLomaxZig builds the ziggurat for tail index α > 1. It finds r by
// bisection of the closing condition in s = log1p(r), to the last bit of
// float64, then fills the tables from the formulas of lomaxZig.
//
// Bracket: with t = α·s the tail mass beyond r is e^{−t}/α, a fraction
// e^{−t} of the total area 1/α, and the base layer holds about 1/256 of the
// area, so t is a few units: 7.697 in the exponential limit α → ∞ (the r of
// Marsaglia & Tsang), 6.2 at α = 1.01. The search starts from
// t ∈ [0.5, 20] and widens the bracket if ever needed.
func newLomaxZig(alpha float64) *lomaxZig {
	lo, hi := 0.5/alpha, 20/alpha
	for lomaxZigClosing(alpha, math.Expm1(lo)) <= 0 {
		lo /= 2
	}
	for lomaxZigClosing(alpha, math.Expm1(hi)) > 0 {
		hi *= 2
	}
	for {
		mid := lo + (hi-lo)/2
		if mid <= lo || mid >= hi {
			break
		}
		if lomaxZigClosing(alpha, math.Expm1(mid)) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	r := math.Expm1(lo)
	a1 := alpha + 1
	z := &lomaxZig{onePlusR: 1 + r, negAP1: -a1}
	var x [lomaxZigLayers + 1]float64
	v := r*lomaxDensity(-a1, r) + math.Exp(-alpha*math.Log1p(r))/alpha
	x[0] = v / lomaxDensity(-a1, r)
	x[1] = r
	for i := 1; i < lomaxZigLayers-1; i++ {
		x[i+1] = math.Expm1(-math.Log(lomaxDensity(-a1, x[i])+v/x[i]) / a1)
	}
	x[lomaxZigLayers] = 0
	z.x = x
	for i := 1; i <= lomaxZigLayers; i++ {
		z.f[i] = lomaxDensity(-a1, x[i])
	}
	for i := range lomaxZigLayers {
		z.k[i] = uint64(math.Ceil(x[i+1] / x[i] * 0x1p53))
		z.w[i] = x[i] * 0x1p-53
	}
	for i := 1; i < lomaxZigLayers; i++ {
		z.slope[i], z.eps[i] = lomaxChordGap(alpha, x[i+1], x[i], z.f[i+1], z.f[i])
		z.tol[i] = 1e-12 * z.f[i+1]
	}
	return z
}

// lomaxChordGap returns the slope s = (f1 − f0)/(x0 − x1) of the chord of f
// over [x1, x0] (f1 = f(x1) > f0 = f(x0)), c(y) = f0 + (x0 − y)·s, and a
// bound ε ≥ max_{[x1, x0]} (c(y) − f(y)). c − f is concave and vanishes at
// both ends, so its maximum is where f'(y) = −s:
// (α+1)(1+y)^{−(α+2)} = s, i.e. 1 + y* = ((α+1)/s)^{1/(α+2)}. The gap at y*
// is enlarged by 10^{−9} relative and 10^{−12}·f1 absolute, far more than
// the rounding of c, f and the heights (a few ulp), so that accepting
// below c − ε never accepts a point above f (as computed by the exact
// test). Likewise slow rejects only above c + 10^{−12}·f1.
func lomaxChordGap(alpha, x1, x0, f1, f0 float64) (slope, eps float64) {
	slope = (f1 - f0) / (x0 - x1)
	y := math.Expm1(math.Log((alpha+1)/slope) / (alpha + 2))
	y = min(max(y, x1), x0)
	gap := max(0, f0+(x0-y)*slope-lomaxDensity(-(alpha+1), y))
	return slope, gap*(1+1e-9) + 1e-12*f1
}

// slow returns the standard Lomax variate Y determined by j and, when
// needed, further draws from r, as the pair (y, s) with
//
//	Y = s·(1 + y) − 1,   so that 1 + Y = s·(1 + y),
//
// where s = (1 + r)^m counts the m tail steps taken (s = 1 unless the base
// layer's tail was hit). For a j accepted by the fast path it returns the
// same y and s = 1 without drawing. Otherwise (Marsaglia & Tsang 2000):
//
//   - layer 0 beyond r: the tail. By the self-similarity stated at
//     lomaxZig, s is multiplied by 1 + r and a fresh Y′ is drawn;
//   - layers 1..255 (the wedge x[i+1] ≤ y < x[i]): accept y if a uniform
//     height h in [f(x[i]), f(x[i+1])] is below f(y), otherwise draw
//     afresh. With the chord c_i(y) = f[i] + (x[i] − y)·s_i: h > c_i + τ_i
//     rejects (f ≤ c_i on the wedge, τ_i covering rounding; the test is
//     skipped if rounding put y below x[i+1], where the chord would pass
//     under f) and h < c_i(y) − ε_i accepts (f ≥ c_i − ε_i everywhere);
//     only heights in between are compared with f(y) itself.
//
// Fresh words go through the fast test first, so the loop ends after few
// draws with probability 1.
func (z *lomaxZig) slow(r *rng.Rand, j uint64) (y, s float64) {
	s = 1
	for {
		i := uint8(j)
		u := j >> 11
		y = float64(int64(u)) * z.w[i]
		if u < z.k[i] {
			return y, s
		}
		if i == 0 {
			s *= z.onePlusR
		} else {
			h := z.f[i] + r.Float64()*(z.f[int(i)+1]-z.f[i])
			c := z.f[i] + (z.x[i]-y)*z.slope[i]
			switch {
			case h > c+z.tol[i] && y >= z.x[int(i)+1]:
				// above the chord: reject
			case h < c-z.eps[i] || h < lomaxDensity(z.negAP1, y):
				return y, s
			}
		}
		j = r.Uint64()
	}
}
