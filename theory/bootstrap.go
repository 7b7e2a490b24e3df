package theory

import (
	"runtime"
	"sync"

	"github.com/htsgd/htsgd/rng"
	"golang.org/x/sync/errgroup"
	"gonum.org/v1/gonum/stat/distuv"
)

// defaultResamples is the default of Options.Resamples: with B = 999 the
// ends of a 95% percentile interval are the 25th and the 975th of the B
// sorted resamples ((B+1)·0.025 = 25 exactly).
const defaultResamples = 999

// bootstrapSalt separates the streams of the bootstrap (rng.New(Seed ^
// bootstrapSalt, i)) from those of the paths (rng.New(Seed, i)) and of the
// J search.
const bootstrapSalt = 0xb0075a3e1e5

// bootstrap holds the bootstrap resamples of the Monte Carlo rates and, for
// each, the stationary law of every absorbing class: the raw material of the
// intervals of Analysis.StationaryCI and the time fractions. They are
// drawn on first use (draw), so an analysis whose intervals are never asked
// for costs nothing more; until then it keeps the per-path contributions
// (8(n+1) bytes per contributing path), and drops them after.
//
// The rates of minimum set i are means over its S paths of the per-path
// vectors v_p = (v_{p,0}, …, v_{p,n−1}, v_{p,n}) (landing basins, then no
// basin):
//
//	q̂_{i,j} = (1/S) Σ_p v_{p,j},   q̂_i = Σ_j q̂_{i,j}.
//
// A resample draws the S paths of every minimum again, with replacement
// (the nonparametric bootstrap, Efron & Tibshirani 1993, ch. 6):
//
//	q*_{i,j} = (1/S) Σ_p N_p v_{p,j},   (N_p) ~ Multinomial(S; 1/S, …, 1/S).
//
// Rates out of the same minimum share their paths, so a resample keeps their
// correlation (a path that lands in Ω_j does not land in Ω_k); different
// minima use independent streams in computeMonteCarloRates, and are resampled
// independently. Only the K paths with a nonzero vector matter: the number
// of draws that hit them is M ~ Binomial(S, K/S) and, given M, they are M
// uniform draws among the K, so a resample costs O(K) instead of O(S).
//
// The graph, its classes and the wide/narrow split are kept from the point
// estimate (they follow from the jump numbers, not from the Monte Carlo
// error); each resample recomputes the limiting chain of every absorbing
// class (newChain) and its stationary law (Stationary).
type bootstrap struct {
	once    sync.Once
	rr      *monteCarloRates // the per-path contributions; nil once drawn
	classes []Class
	B       int
	seed    uint64

	// rates[b] are the resampled rates: Q, Above (the exits to no basin),
	// Below (zero) and Exit.
	rates []*rateTable
	// pi[b][c] is the stationary law of class c on its Wide for resample
	// b; nil for a transient class, or when the resampled chain has no
	// unique stationary law.
	pi [][][]float64
}

// get draws the resamples on first use and returns bs (safe for concurrent
// use).
func (bs *bootstrap) get() *bootstrap {
	bs.once.Do(bs.draw)
	return bs
}

// draw draws B resamples of rr and solves the chains of the classes for
// each. Minimum set i draws from rng.New(seed ^ bootstrapSalt, i) only, so
// the result does not depend on the scheduling.
func (bs *bootstrap) draw() {
	rr, B := bs.rr, bs.B
	n := len(rr.Exit)
	bs.rates, bs.pi = make([]*rateTable, B), make([][][]float64, B)
	for b := range B {
		r := &rateTable{Q: make([][]float64, n), Below: make([]float64, n), Above: make([]float64, n), Exit: make([]float64, n)}
		for i := range n {
			r.Q[i] = make([]float64, n)
		}
		bs.rates[b] = r
	}
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range n {
		if len(rr.paths[i]) == 0 {
			continue // never left, or no path left: the rates stay 0
		}
		g.Go(func() error {
			resampleRow(bs.rates, rr.paths[i], i, rr.Samples, rng.New(bs.seed^bootstrapSalt, uint64(i)))
			return nil
		})
	}
	_ = g.Wait() // resampleRow cannot fail
	for b, r := range bs.rates {
		bs.pi[b] = make([][]float64, len(bs.classes))
		for c, cl := range bs.classes {
			if !cl.Absorbing {
				continue
			}
			ch, err := newChain(r, cl.Wide, cl.Narrow)
			if err != nil {
				continue
			}
			if pi, err := Stationary(ch.Generator); err == nil {
				bs.pi[b][c] = pi
			}
		}
	}
	bs.rr = nil
}

// resampleRow fills row i of every resample in rates from the contributing
// paths of minimum i (flat (n+1)-vectors, S paths in all).
func resampleRow(rates []*rateTable, paths []float64, i, S int, src *rng.Rand) {
	n := len(rates[0].Q)
	K := len(paths) / (n + 1)
	hit := distuv.Binomial{N: float64(S), P: float64(K) / float64(S), Src: src}
	sum := make([]float64, n+1)
	for _, r := range rates {
		M := S
		if K < S {
			M = int(hit.Rand())
		}
		clear(sum)
		for range M {
			p := paths[int(src.Uint64n(uint64(K)))*(n+1):]
			for c := range sum {
				sum[c] += p[c]
			}
		}
		tot := 0.0
		for j := range n {
			r.Q[i][j] = sum[j] / float64(S)
			tot += r.Q[i][j]
		}
		r.Q[i][i] = 0
		r.Above[i] = sum[n] / float64(S)
		r.Exit[i] = tot + r.Above[i]
	}
}
