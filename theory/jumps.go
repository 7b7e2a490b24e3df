package theory

import (
	"fmt"
	"math"
	"strconv"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/param"
)

// Tolerances on the ratios |s − m_i|/b (docs/theory.md §4.1).
const (
	// nearIntegerWarn: a ratio that matters this close to an integer is
	// legal but converges slowly in η; it is reported as a warning.
	nearIntegerWarn = 0.05
	// nearIntegerReject: a ratio this close to an integer is rejected; the
	// theory says nothing there (q_{i,j} is discontinuous in b).
	nearIntegerReject = 1e-9
)

// jumps holds the jump numbers of docs/theory.md §5.1 on the real line:
//
//	r_i     = distance from m_i to the nearer exitable end of Ω_i
//	J_i     = ⌈r_i / b⌉              (1 if b = ∞)
//	J_{i,j} = ⌈dist(m_i, Ω_j) / b⌉   (1 if b = ∞)
//
// A jump number 0 means "never": Ω_i has no exitable end (one minimum on a
// closed domain), or the end towards a pseudo-basin is closed or infinitely
// far.
type jumps struct {
	// Radius is r_i (+Inf when Ω_i has no exitable end).
	Radius []float64
	// J is J_i, the least number of truncated jumps that leave Ω_i.
	J []int
	// Pair is J_{i,j} between minima (Pair[i][i] = 0).
	Pair [][]int
	// Below and Above are the jump numbers from m_i to the pseudo-basins
	// beyond an open lower or upper end (0 when that end is closed).
	Below, Above []int
	// Warnings lists the ratios |s − m_i|/b that matter (J_{i,j} ≤ J_i + 1)
	// and lie within 0.05 of an integer.
	Warnings []string
}

// MaxJumpNumber is the largest jump number J_i = ⌈r_i/b⌉ (docs/theory.md
// §5.1) for which this package computes rates; Analyse refuses a
// model with a larger one (a *param.Error naming theory.Model.B). Two
// reasons, one of cost and one of accuracy:
//
//   - nothing could check such a prediction: the mean exit time
//     1/(q η λ(η)^J) grows like λ(η)^{−J}, and λ(η) is well below 1
//     wherever the asymptotics hold, so each jump beyond the sixth
//     multiplies an already astronomical time;
//   - the exact recursion nests J quadratures, and the independent
//     Monte Carlo cross-check (CrossCheck) stops confirming it beyond
//     J = 6: on the three-well landscape f'(x) = x(x+1)(x−1.5), Pareto
//     α = 1.5, c = 0.5, the two agree at J = 6 (b = 0.19: 10.78 vs
//     9.04 ± 2.63) and disagree by 8 standard errors at J = 7 (b = 0.137:
//     6.17 vs 2.42 ± 0.94); at J ≈ 50 the recursion even returns negative
//     rates (cancellation), and as b → 0 its cost grows without bound
//     (b = 1.1·10^{−3} gives J ≈ 900 and never finishes).
const MaxJumpNumber = 6

// jumpNumberLimit is where JumpNumber saturates: ⌈dist/b⌉ above it is
// returned as jumpNumberLimit, so that a tiny b (5·10^{−324}) cannot
// overflow the conversion to int.
const jumpNumberLimit = 1 << 30

// JumpNumber returns ⌈dist/b⌉, the least number of jumps of size at most b
// that cover dist > 0; 1 if b = +Inf and 0 if dist = +Inf (never). A
// ratio above 2^30 is returned as 2^30 (far beyond MaxJumpNumber; the
// conversion of a larger one to int would overflow).
func JumpNumber(dist, b float64) int {
	switch {
	case math.IsInf(dist, 1):
		return 0
	case math.IsInf(b, 1):
		return 1
	}
	q := math.Ceil(dist / b)
	if !(q < jumpNumberLimit) { // NaN too
		return jumpNumberLimit
	}
	return int(q)
}

// checkJumpNumber returns a *param.Error naming theory.Model.B when the
// jump number J of basin i (radius r) exceeds MaxJumpNumber.
func checkJumpNumber(i, J int, r, b float64) error {
	if J <= MaxJumpNumber {
		return nil
	}
	count := strconv.Itoa(J)
	if J >= jumpNumberLimit {
		count = "more than 2^30"
	}
	return param.Errorf(nameB, "b = %g needs J_%d = ⌈%.6g/%g⌉ = %s jumps to leave basin %d, above the cap of %d "+
		"(theory.MaxJumpNumber: the rates cannot be computed reliably, and the mean exit time grows like λ(η)^{−J}); use b > %.4g",
		b, i, r, b, count, i, MaxJumpNumber, r/MaxJumpNumber)
}

// target is a basin Ω_j as seen from the minimum m_i: the side on which it
// lies and the distances from m_i to its near and far edges. far is +Inf when
// everything beyond the near edge lands in Ω_j: the outer basin at a closed
// domain end (the projection clamps onto the end, which belongs to Ω_j) and
// the pseudo-basins Below and Above beyond an open end.
type target struct {
	basin     int     // landscapes index: 0..n−1, landscapes.Below or Above()
	side      float64 // +1: Ω_j lies to the right of m_i; −1: to the left
	near, far float64 // dist(m_i, Ω_j) and the distance to Ω_j's far edge
}

// targets lists every basin reachable from m_i: the other minima's basins
// and, for an open end with a finite distance, the pseudo-basin beyond it.
func targets(s landscapes.Structure, i int) []target {
	n := len(s.Minima)
	mi := s.Minima[i]
	var out []target
	if s.OpenLo && !math.IsInf(s.Lo, -1) {
		out = append(out, target{basin: landscapes.Below, side: -1, near: mi - s.Lo, far: math.Inf(1)})
	}
	for j := range n {
		if j == i {
			continue
		}
		left, right := s.Interval(j)
		t := target{basin: j, far: math.Inf(1)}
		if j < i {
			t.side, t.near = -1, mi-right
			if j > 0 || s.OpenLo {
				t.far = mi - left
			}
		} else {
			t.side, t.near = 1, left-mi
			if j < n-1 || s.OpenHi {
				t.far = right - mi
			}
		}
		out = append(out, t)
	}
	if s.OpenHi && !math.IsInf(s.Hi, 1) {
		out = append(out, target{basin: s.Above(), side: 1, near: s.Hi - mi, far: math.Inf(1)})
	}
	return out
}

// exitPoints lists the exitable boundary points of the structure: the
// saddles and the finite open ends.
func exitPoints(s landscapes.Structure) []float64 {
	var pts []float64
	if s.OpenLo && !math.IsInf(s.Lo, -1) {
		pts = append(pts, s.Lo)
	}
	pts = append(pts, s.Saddles...)
	if s.OpenHi && !math.IsInf(s.Hi, 1) {
		pts = append(pts, s.Hi)
	}
	return pts
}

// computeJumps returns the jump numbers of a validated model (docs/theory.md
// §5.1). It checks every ratio |s − m_i|/b, s a saddle or open end,
// that matters (⌈|s − m_i|/b⌉ ≤ J_i + 1, i.e. s is the near edge of a basin
// Ω_j with J_{i,j} ≤ J_i + 1): within 1e-9 of an integer it returns a
// *param.Error naming theory.Model.B, within 0.05 it adds a warning. A jump
// number above MaxJumpNumber is a *param.Error naming theory.Model.B.
func computeJumps(m curveModel) (*jumps, error) {
	s := m.s
	n := len(s.Minima)
	jm := &jumps{
		Radius: make([]float64, n),
		J:      make([]int, n),
		Pair:   make([][]int, n),
		Below:  make([]int, n),
		Above:  make([]int, n),
	}
	pts := exitPoints(s)
	for i, mi := range s.Minima {
		jm.Radius[i] = s.Radius(i)
		jm.J[i] = JumpNumber(jm.Radius[i], m.b)
		if err := checkJumpNumber(i, jm.J[i], jm.Radius[i], m.b); err != nil {
			return nil, err
		}
		jm.Pair[i] = make([]int, n)
		for _, t := range targets(s, i) {
			k := JumpNumber(t.near, m.b)
			switch t.basin {
			case landscapes.Below:
				jm.Below[i] = k
			case s.Above():
				jm.Above[i] = k
			default:
				jm.Pair[i][t.basin] = k
			}
		}
		if math.IsInf(m.b, 1) || jm.J[i] == 0 {
			continue
		}
		for _, p := range pts {
			ratio := math.Abs(p-mi) / m.b
			if int(math.Ceil(ratio)) > jm.J[i]+1 {
				continue
			}
			gap := math.Abs(ratio - math.Round(ratio))
			switch {
			case gap < nearIntegerReject:
				return nil, param.Errorf(nameB, "|s − m|/b = %.12g for minimum %d at %.6g and boundary s = %.6g is within %g of an integer; the theory does not apply there", ratio, i, mi, p, nearIntegerReject)
			case gap < nearIntegerWarn:
				jm.Warnings = append(jm.Warnings, fmt.Sprintf("b: |s − m|/b = %.4f for minimum %d at %.6g and boundary s = %.6g is within %g of an integer; convergence in η will be slow", ratio, i, mi, p, nearIntegerWarn))
			}
		}
	}
	return jm, nil
}

// to returns J_{i,j} for a landscapes basin index j (minimum, Below or
// Above).
func (jm *jumps) to(i, j int) int {
	switch {
	case j == landscapes.Below:
		return jm.Below[i]
	case j == len(jm.J):
		return jm.Above[i]
	}
	return jm.Pair[i][j]
}
