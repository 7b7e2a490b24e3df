package theory

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/htsgd/htsgd/param"
)

// chain is the limiting continuous-time Markov chain of one communication
// class G on its wide minima (docs/theory.md §8.2), in the time unit
// 1/(η λ(η)^{J_G}) steps. From wide m_i the process leaves at total rate
// q_i; a visit to a narrow minimum is instantaneous on this scale and is
// followed by the embedded chain P(j → k) = q_{j,k}/q_j until a wide minimum
// (or, for a transient class, the cemetery † outside G) is hit:
//
//	N = (I − P_NN)^{−1},  B = N P_NW,  B_† = N P_N†
//	Q_{i,k} = q_{i,k} + Σ_{j narrow} q_{i,j} B_{j,k}               (i ≠ k wide)
//	κ_i     = Σ_{j∉G} q_{i,j} + Σ_{j narrow} q_{i,j} B_{j,†}        (kill rate)
//	Q_{i,i} = −Σ_{k≠i} Q_{i,k} − κ_i
//
// Paths that return to i through narrow minima are invisible jumps, so
// Q_{i,i} ≠ −q_i in general. For an absorbing class κ = 0 and the rows of Q
// sum to 0; for a transient class Q is the sub-generator of the killed chain.
type chain struct {
	// Wide and Narrow are the wide and narrow minima of the class.
	Wide, Narrow []int
	// Generator is Q, indexed in the order of Wide.
	Generator [][]float64
	// Kill is κ_i (all 0 for an absorbing class), in the order of Wide.
	Kill []float64
	// Absorb[a][c] is B_{j,k}: the probability that the embedded chain
	// started at narrow minimum Narrow[a] first hits wide minimum Wide[c]
	// (the start map from a narrow basin).
	Absorb [][]float64
	// AbsorbKilled[a] is B_{j,†}: the probability that it leaves the class
	// first (0 for an absorbing class).
	AbsorbKilled []float64
}

// newChain computes the chain of the class with the given wide and narrow
// minima from the rates q (rateTable.Q) and exit rates q_i (rateTable.Exit,
// which include exits through open ends or to no basin; they kill the
// chain).
func newChain(r *rateTable, wide, narrow []int) (*chain, error) {
	if len(wide) == 0 {
		return nil, errors.New("theory: a class needs at least one wide minimum")
	}
	nw, nn := len(wide), len(narrow)
	members := append(slices.Clone(wide), narrow...)
	for _, j := range narrow {
		if !(r.Exit[j] > 0) {
			return nil, fmt.Errorf("theory: narrow minimum %d has exit rate %v", j, r.Exit[j])
		}
	}
	// leaving returns the rate of exits of m_i out of the class (to other
	// classes or through open ends).
	leaving := func(i int) float64 {
		out := r.Exit[i]
		for _, k := range members {
			out -= r.Q[i][k]
		}
		return math.Max(0, out)
	}
	c := &chain{Wide: wide, Narrow: narrow, Kill: make([]float64, nw)}
	B := mat.NewDense(max(nn, 1), nw+1, nil) // last column: †
	if nn > 0 {
		// N = (I − P_NN)^{−1}; B = N [P_NW | P_N†].
		A := mat.NewDense(nn, nn, nil)
		rhs := mat.NewDense(nn, nw+1, nil)
		for a, j := range narrow {
			A.Set(a, a, 1)
			for bb, k := range narrow {
				A.Set(a, bb, A.At(a, bb)-r.Q[j][k]/r.Exit[j])
			}
			for cc, k := range wide {
				rhs.Set(a, cc, r.Q[j][k]/r.Exit[j])
			}
			rhs.Set(a, nw, leaving(j)/r.Exit[j])
		}
		B = mat.NewDense(nn, nw+1, nil)
		if err := B.Solve(A, rhs); err != nil {
			return nil, fmt.Errorf("theory: absorption probabilities of narrow minima %v: %w", narrow, err)
		}
		c.Absorb = make([][]float64, nn)
		c.AbsorbKilled = make([]float64, nn)
		for a := range narrow {
			c.Absorb[a] = make([]float64, nw)
			for cc := range wide {
				c.Absorb[a][cc] = B.At(a, cc)
			}
			c.AbsorbKilled[a] = B.At(a, nw)
		}
	}
	c.Generator = make([][]float64, nw)
	for a, i := range wide {
		row := make([]float64, nw)
		kill := leaving(i)
		for bb, j := range narrow {
			kill += r.Q[i][j] * B.At(bb, nw)
		}
		sum := 0.0
		for cc, k := range wide {
			if k == i {
				continue
			}
			row[cc] = r.Q[i][k]
			for bb, j := range narrow {
				row[cc] += r.Q[i][j] * B.At(bb, cc)
			}
			sum += row[cc]
		}
		diag := 0.0
		diag -= sum + kill // 0 − 0 = +0: no −0 in JSON
		row[a] = diag
		c.Kill[a] = kill
		c.Generator[a] = row
	}
	return c, nil
}

// Stationary returns the stationary law π of the generator Q (πQ = 0,
// Σπ = 1), in the order of the rows of Q. It is an error for a killed
// (transient) chain or a chain whose stationary law is not unique.
func Stationary(Q [][]float64) ([]float64, error) {
	n := len(Q)
	if n == 0 {
		return nil, param.Errorf("theory.Stationary.Q", "is empty")
	}
	pi, err := solveStationary(Q, 1)
	if err != nil {
		// The rates may all be huge or tiny (a large α: q of order 10^{±20}),
		// which makes the system ill-conditioned against the row Σπ = 1
		// although the chain is fine: π is the same for Q/s, so solve again
		// with Q scaled to entries of order 1.
		scale := 0.0
		for _, row := range Q {
			for _, q := range row {
				scale = math.Max(scale, math.Abs(q))
			}
		}
		if !(scale > 0) || math.IsInf(scale, 0) {
			return nil, fmt.Errorf("theory: stationary law: %w", err)
		}
		if pi, err = solveStationary(Q, 1/scale); err != nil {
			return nil, fmt.Errorf("theory: stationary law: %w", err)
		}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = pi.AtVec(i)
		if out[i] < -1e-12 {
			return nil, fmt.Errorf("theory: stationary law has a negative entry %v", out[i])
		}
		out[i] = math.Max(0, out[i])
	}
	return out, nil
}

// solveStationary solves (sQ)ᵀπ = 0 with the last equation replaced by
// Σπ = 1.
func solveStationary(Q [][]float64, s float64) (*mat.VecDense, error) {
	n := len(Q)
	A := mat.NewDense(n, n, nil)
	for i := range n {
		for k := range n {
			A.Set(k, i, s*Q[i][k])
		}
	}
	for i := range n {
		A.Set(n-1, i, 1)
	}
	rhs := mat.NewVecDense(n, nil)
	rhs.SetVec(n-1, 1)
	var pi mat.VecDense
	if err := pi.SolveVec(A, rhs); err != nil {
		return nil, err
	}
	return &pi, nil
}

// Transition returns exp(tQ), the law at time t ≥ 0 of the chain with
// generator Q (sub-stochastic rows for a killed chain: the missing mass is
// the probability of having been killed). It uses gonum's mat.Dense.Exp.
func Transition(Q [][]float64, t float64) ([][]float64, error) {
	if !(t >= 0) || math.IsInf(t, 1) {
		return nil, param.Errorf("theory.Transition.t", "must be finite and ≥ 0, got %v", t)
	}
	n := len(Q)
	if n == 0 {
		return nil, param.Errorf("theory.Transition.Q", "is empty")
	}
	A := mat.NewDense(n, n, nil)
	for i := range n {
		for k := range n {
			A.Set(i, k, t*Q[i][k])
		}
	}
	var E mat.Dense
	E.Exp(A)
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, n)
		for k := range out[i] {
			out[i][k] = E.At(i, k)
		}
	}
	return out, nil
}

// narrowVisits returns N = (I − P_NN)^{−1} for the narrow minima of a class
// from the rates q (q[j][k] = q_{j,k}) and the exit rates q_j: N[a][c] is
// the expected number of visits to Narrow[c] of the embedded chain started
// at Narrow[a] before it leaves the narrow set.
func narrowVisits(q [][]float64, exit []float64, narrow []int) (*mat.Dense, error) {
	nn := len(narrow)
	A := mat.NewDense(nn, nn, nil)
	for a, j := range narrow {
		A.Set(a, a, 1)
		for bb, k := range narrow {
			A.Set(a, bb, A.At(a, bb)-q[j][k]/exit[j])
		}
	}
	var N mat.Dense
	if err := N.Inverse(A); err != nil {
		return nil, fmt.Errorf("theory: visits of narrow minima %v: %w", narrow, err)
	}
	return &N, nil
}
