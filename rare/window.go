package rare

import (
	"math"
	"slices"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
)

// window holds everything one importance-sampled window needs: the SGD
// recursion of THEORY.md section 1, the basin to leave, and the sampler's
// constants. It is built once by Estimate and shared read-only by the
// workers.
type window struct {
	warm        int64   // warm-up steps under P before the importance-sampled part
	n, n0       int64   // importance-sampled part n = ⌈T/η⌉ and burn-in n0 = ⌊T_0/η⌋, in steps
	start       float64 // X_0
	eta, b      float64 // η, b
	lo, hi      float64 // projection interval
	left, right float64 // the basin (left, right); ±Inf on a side that cannot be crossed
	thr         float64 // x = γ/η: a noise is big when |Z| > x
	j           int64   // J
	h           float64 // H(x), probability that one noise is big
	pB          float64 // P(B) = P(Binomial(n, h) ≥ J)
	w           float64 // defensive weight
	law         noise.Law
	cond        Conditional
	count       condBinomial
}

// outcome is the result of one window.
type outcome struct {
	tau   int64   // exit step τ ∈ [1, warm+n], 0 when the window ends inside the basin
	lr    float64 // likelihood ratio dP/dQ on F_τ (0 without an exit)
	steps int64   // SGD steps simulated: τ, or warm+n without an exit
	big   int64   // big noises of the importance-sampled part before τ
	fromB bool    // the window was drawn from P(· | B), not from P
	jth   float64 // J-th largest |ηZ| among the first τ noises (exits only)
	span  int64   // τ minus the earliest step among the J largest |ηZ| (exits only)
}

// topJ keeps the J largest values |Z| seen so far, in decreasing order, with
// the steps at which they occurred. After an exit, val[J−1] is the J-th
// largest jump, which tells for any γ' whether the exit path had J noises
// with |ηZ| > γ' (ExitSample.JthJump), and the earliest of their steps
// dates the start of the exit's jump sequence (ExitSample.Span).
type topJ struct {
	val []float64
	at  []int64
}

func newTopJ(j int64) topJ { return topJ{val: make([]float64, j), at: make([]int64, j)} }

// add offers a ≥ 0, seen at step i, to the list.
func (t topJ) add(a float64, i int64) {
	k := len(t.val) - 1
	if a <= t.val[k] {
		return
	}
	for k > 0 && t.val[k-1] < a {
		t.val[k], t.at[k] = t.val[k-1], t.at[k-1]
		k--
	}
	t.val[k], t.at[k] = a, i
}

// earliest returns the smallest step among the J kept values.
func (t topJ) earliest() int64 { return slices.Min(t.at) }

// likelihood returns the likelihood ratio of P to the mixture
// Q = w·P + (1−w)·P( · | B) on the σ-field F_τ of the first τ noises, given
// that `big` of them were big noises of the importance-sampled part:
//
//	dP/dQ |F_τ = 1 / ( w + (1−w)·P(B | F_τ)/P(B) ),
//	P(B | F_τ) = P(Binomial(m, h) ≥ J − big),   m = n − (τ − warm)⁺,
//
// m being the steps of the importance-sampled part still to come (1 once
// big ≥ J; and 1/(w + (1−w)) = 1 for an exit during the warm-up, which P and
// Q simulate alike). On the whole window this is the ratio
// 1/(w + (1−w)·1_B/P(B)) of THEORY.md section 9 (WSC 2023, eqs. (7) and
// (9)). Stopping at the exit is legitimate because {τ ≤ t} ∈ F_τ:
// E_Q[1{τ≤t}·dP/dQ|F_τ] = P(τ ≤ t). It is also better: dP/dQ|F_τ =
// E_Q[dP/dQ | F_τ], so by Jensen its second moment is at most that of the
// full-window ratio, and the noises after the exit need not be simulated.
func (s *window) likelihood(tau, big int64) float64 {
	m := s.n - max(0, tau-s.warm)
	pBGiven := binomTail(m, s.h, s.j-big)
	return 1 / (s.w + (1-s.w)*pBGiven/s.pB)
}

// run simulates one window with the randomness of r: warm steps under P,
// then n steps from P with probability w, otherwise from P(· | B) by the
// exact construction of WSC 2023 section 3.1: the number of big noises
// N ~ Binomial(n, h) conditioned on N ≥ J, their positions a uniform N-subset
// of the n steps, their values from the tail law and all others from the
// bulk law (Conditional). buf is scratch storage for the positions; the
// (possibly grown) slice is returned for reuse. Steps are numbered from 0
// at X_0 = start, warm-up included.
func run[C landscapes.Curve](c C, s *window, r *Rand, buf []int64) (outcome, []int64) {
	fromB := uniformOpen(r) >= s.w
	top := newTopJ(s.j)
	x := s.start
	for i := int64(0); i < s.warm; i++ {
		z := s.law.Sample(r)
		top.add(math.Abs(z), i)
		x = mc.Step(x, c.Deriv(x), z, s.eta, s.b, s.lo, s.hi)
		if x < s.left || x >= s.right {
			return s.exit(i+1, 0, fromB, top), buf
		}
	}
	if !fromB {
		return runPlain(c, s, r, x, top), buf
	}
	m := s.count.Sample(r)
	buf = positions(r, s.n, m, buf)
	end := s.warm + s.n
	i := s.warm
	for k := 0; k <= len(buf); k++ {
		next := end
		if k < len(buf) {
			next = s.warm + buf[k]
		}
		for ; i < next; i++ {
			z := s.cond.Bulk(r)
			top.add(math.Abs(z), i)
			x = mc.Step(x, c.Deriv(x), z, s.eta, s.b, s.lo, s.hi)
			if x < s.left || x >= s.right {
				return s.exit(i+1, int64(k), true, top), buf
			}
		}
		if k < len(buf) {
			z := s.cond.Tail(r)
			top.add(math.Abs(z), i)
			x = mc.Step(x, c.Deriv(x), z, s.eta, s.b, s.lo, s.hi)
			i++
			if x < s.left || x >= s.right {
				return s.exit(i, int64(k)+1, true, top), buf
			}
		}
	}
	return outcome{steps: end, big: m, fromB: true}, buf
}

// runPlain continues a window under P from x after the warm-up.
func runPlain[C landscapes.Curve](c C, s *window, r *Rand, x float64, top topJ) outcome {
	var big int64
	end := s.warm + s.n
	for i := s.warm; i < end; i++ {
		z := s.law.Sample(r)
		a := math.Abs(z)
		if a > s.thr {
			big++
		}
		top.add(a, i)
		x = mc.Step(x, c.Deriv(x), z, s.eta, s.b, s.lo, s.hi)
		if x < s.left || x >= s.right {
			return s.exit(i+1, big, false, top)
		}
	}
	return outcome{steps: end, big: big}
}

func (s *window) exit(tau, big int64, fromB bool, top topJ) outcome {
	return outcome{tau: tau, lr: s.likelihood(tau, big), steps: tau, big: big, fromB: fromB,
		jth: s.eta * top.val[len(top.val)-1], span: tau - top.earliest()}
}

// runner returns run instantiated for the concrete type of the landscape,
// so that the hot loop calls its derivative directly (DESIGN.md: hot loops
// call concrete 1-D code); other landscapes go through the interface.
func runner(l landscapes.Line) func(s *window, r *Rand, buf []int64) (outcome, []int64) {
	switch c := l.(type) {
	case landscapes.Paper1D:
		return func(s *window, r *Rand, buf []int64) (outcome, []int64) { return run(c, s, r, buf) }
	case landscapes.Quadratic:
		return func(s *window, r *Rand, buf []int64) (outcome, []int64) { return run(c, s, r, buf) }
	case landscapes.CriticalPoints:
		return func(s *window, r *Rand, buf []int64) (outcome, []int64) { return run(c, s, r, buf) }
	}
	return func(s *window, r *Rand, buf []int64) (outcome, []int64) { return run(l, s, r, buf) }
}
