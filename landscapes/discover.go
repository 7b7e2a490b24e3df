package landscapes

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/param"
)

// nameLine is the name of the landscape given to Discover in its parameter
// errors.
const nameLine = "landscapes.Line"

// Structured is implemented by landscapes that know their critical-point
// structure exactly (CriticalPoints, Quadratic, or a user type). Discover
// returns Structure() for them instead of searching numerically.
type Structured interface {
	Structure() Structure
}

// Parameters of the numerical search of Discover.
const (
	// discoverCells is the number of cells of the coarse grid on [lo, hi].
	discoverCells = 20000
	// discoverSubcells is the number of sub-cells each coarse cell next to a
	// sign change of f' is split into, to catch roots closer together than
	// one coarse cell.
	discoverSubcells = 64
)

// Discover returns the critical-point structure of docs/theory.md §4.1 of the
// 1-D landscape l: minima m_0 < s_0 < m_1 < … < m_{n−1} (0-based) strictly
// inside the domain [lo, hi] = l.Domain(), the saddles (local maxima) s_i, and
// the domain ends as closed ends of the outer basins.
//
// If l implements Structured (CriticalPoints, Quadratic) its exact structure
// is returned. Otherwise f' is evaluated on a grid of 20000 equal cells of
// [lo, hi]; the cells next to a sign change (or an exact zero) of f' are
// split into 64 sub-cells, and every bracketed sign change is refined by
// Brent's method to full double precision (a grid point where f' is exactly
// zero between values of opposite signs is itself a root). A change from
// f' < 0 to f' > 0 is a minimum, from f' > 0 to f' < 0 a maximum. Zeros of
// f' at which it does not change sign (inflection points) do not separate
// basins and are ignored; roots closer together than 1/64 of a cell may be
// missed.
//
// The critical points must alternate minimum, maximum, …, minimum, strictly
// inside the domain, that is f'(lo) < 0 < f'(hi). Otherwise, or if the domain
// is not finite, or if f' is NaN or vanishes on a whole stretch, Discover
// returns a *param.Error naming landscapes.Line (the landscape as a whole),
// whose cause starts with l.Name().
func Discover(l Line) (Structure, error) {
	if s, ok := l.(Structured); ok {
		return s.Structure(), nil
	}
	lo, hi := l.Domain()
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) || lo >= hi {
		return Structure{}, param.Errorf(nameLine, "%s: discovery needs a finite domain lo < hi, got [%v, %v]", l.Name(), lo, hi)
	}
	roots, kinds, err := signChanges(l.Deriv, lo, hi)
	if err != nil {
		return Structure{}, param.Errorf(nameLine, "%s: %w", l.Name(), err)
	}
	if err := checkAlternation(roots, kinds, lo, hi); err != nil {
		return Structure{}, param.Errorf(nameLine, "%s: %w", l.Name(), err)
	}
	st := Structure{Lo: lo, Hi: hi}
	for i, x := range roots {
		if kinds[i] == minimum {
			st.Minima = append(st.Minima, x)
		} else {
			st.Saddles = append(st.Saddles, x)
		}
	}
	return st, nil
}

// criticalKind says whether a sign change of f' is a minimum or a maximum.
type criticalKind int8

const (
	minimum criticalKind = iota // f' changes from − to +
	maximum                     // f' changes from + to −
)

func (k criticalKind) String() string {
	if k == minimum {
		return "minimum"
	}
	return "maximum"
}

// sample is one evaluation (x, f'(x)) of the search grid.
type sample struct{ x, d float64 }

// signChanges returns the points of [lo, hi] where deriv changes sign, in
// increasing order, and their kinds (see Discover for the method).
func signChanges(deriv func(float64) float64, lo, hi float64) ([]float64, []criticalKind, error) {
	eval := func(x float64) (sample, error) {
		d := deriv(x)
		if math.IsNaN(d) {
			return sample{}, fmt.Errorf("f' is NaN at x = %v", x)
		}
		return sample{x, d}, nil
	}
	at := func(k int) float64 {
		if k == discoverCells {
			return hi
		}
		return lo + (hi-lo)*float64(k)/discoverCells
	}

	// Coarse grid.
	coarse := make([]sample, discoverCells+1)
	for k := range coarse {
		s, err := eval(at(k))
		if err != nil {
			return nil, nil, err
		}
		coarse[k] = s
	}

	// Mark the cells next to a sign change or a zero: cell k is [x_k, x_{k+1}].
	refine := make([]bool, discoverCells)
	mark := func(k int) {
		for j := k - 1; j <= k+1; j++ {
			if j >= 0 && j < discoverCells {
				refine[j] = true
			}
		}
	}
	for k := range discoverCells {
		d0, d1 := coarse[k].d, coarse[k+1].d
		if d0 == 0 || d1 == 0 || (d0 > 0) != (d1 > 0) {
			mark(k)
		}
	}

	// Refined sequence of samples.
	seq := make([]sample, 0, len(coarse))
	for k := range discoverCells {
		seq = append(seq, coarse[k])
		if !refine[k] {
			continue
		}
		a, b := coarse[k].x, coarse[k+1].x
		for j := 1; j < discoverSubcells; j++ {
			s, err := eval(a + (b-a)*float64(j)/discoverSubcells)
			if err != nil {
				return nil, nil, err
			}
			seq = append(seq, s)
		}
	}
	seq = append(seq, coarse[discoverCells])

	// Walk the sequence between consecutive nonzero samples: a strict sign
	// change is bracketed and refined; a single exact zero between opposite
	// signs is itself the root.
	last := len(seq) - 1
	if seq[0].d == 0 {
		return nil, nil, fmt.Errorf("f' vanishes at the lower domain end x = %v: a critical point must be strictly inside the domain", lo)
	}
	if seq[last].d == 0 {
		return nil, nil, fmt.Errorf("f' vanishes at the upper domain end x = %v: a critical point must be strictly inside the domain", hi)
	}
	atol := 1e-3 * 0x1p-52 * (hi - lo)
	var roots []float64
	var kinds []criticalKind
	prev := 0 // index of the last sample with f' ≠ 0
	for i := 1; i <= last; i++ {
		if seq[i].d == 0 {
			continue
		}
		s0, s1 := seq[prev], seq[i]
		zeros := i - prev - 1
		prev = i
		if zeros > 1 {
			return nil, nil, fmt.Errorf("f' vanishes on the whole interval [%v, %v]", seq[i-zeros].x, seq[i-1].x)
		}
		if (s0.d > 0) == (s1.d > 0) {
			continue // no sign change (possibly a zero where f' touches 0)
		}
		kind := maximum
		if s0.d < 0 {
			kind = minimum
		}
		switch zeros {
		case 0:
			x, err := brentRoot(deriv, s0.x, s1.x, s0.d, s1.d, atol)
			if err != nil {
				return nil, nil, fmt.Errorf("root of f' in [%v, %v]: %w", s0.x, s1.x, err)
			}
			roots = append(roots, x)
		default: // one exact zero between opposite signs
			roots = append(roots, seq[i-1].x)
		}
		kinds = append(kinds, kind)
	}
	return roots, kinds, nil
}

// checkAlternation checks that the critical points alternate minimum,
// maximum, …, minimum strictly inside (lo, hi). Consecutive sign changes
// alternate by construction, so this reduces to: at least one, the first and
// the last are minima, all strictly increasing and inside the domain.
func checkAlternation(roots []float64, kinds []criticalKind, lo, hi float64) error {
	n := len(roots)
	if n == 0 {
		return fmt.Errorf("f' does not change sign in [%v, %v]: no interior minimum (the minimum is at a domain edge)", lo, hi)
	}
	if kinds[0] != minimum {
		return fmt.Errorf("the first critical point x = %v is a maximum: f' > 0 at the lower end %v, so the edge is a minimum; critical points must alternate minimum, maximum, …, minimum strictly inside the domain", roots[0], lo)
	}
	if kinds[n-1] != minimum {
		return fmt.Errorf("the last critical point x = %v is a maximum: f' < 0 at the upper end %v, so the edge is a minimum; critical points must alternate minimum, maximum, …, minimum strictly inside the domain", roots[n-1], hi)
	}
	for i, x := range roots {
		if !(x > lo && x < hi) {
			return fmt.Errorf("critical point x = %v is not strictly inside the domain [%v, %v]", x, lo, hi)
		}
		if i > 0 && !(x > roots[i-1]) {
			return fmt.Errorf("critical points %v and %v are not strictly increasing", roots[i-1], x)
		}
		if i > 0 && kinds[i] == kinds[i-1] {
			return fmt.Errorf("critical points %v and %v are both a %v", roots[i-1], x, kinds[i])
		}
	}
	return nil
}
