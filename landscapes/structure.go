package landscapes

import "math"

// Structure is the critical-point structure of a 1-D loss (docs/theory.md
// §4.1): minima m_0 < s_0 < m_1 < … < s_{n−2} < m_{n−1} (0-based) and the
// basins of attraction
//
//	Ω_0 = [Lo, s_0), Ω_i = (s_{i−1}, s_i), Ω_{n−1} = (s_{n−2}, Hi].
//
// Lo and Hi are the ends of the domain. A closed end (OpenLo or OpenHi false)
// is a projection edge: it belongs to its basin and can never be an exit. An
// open end is an exitable boundary of the outer basin (the quadratic fixture
// of docs/theory.md §10.2): crossing it leaves the basin towards the pseudo
// basin Below (index −1) or Above (index n).
type Structure struct {
	Minima  []float64
	Saddles []float64
	Lo, Hi  float64
	OpenLo  bool
	OpenHi  bool
}

// Below is the basin index reported for a point beyond an open lower end.
const Below = -1

// N returns the number of minima n.
func (s Structure) N() int { return len(s.Minima) }

// Above returns the basin index n reported for a point beyond an open upper
// end.
func (s Structure) Above() int { return len(s.Minima) }

// Basin returns the index of the basin containing x: 0..n−1 inside the
// domain, Below or Above beyond an open end. A point exactly on a saddle
// belongs to the basin on its right (the saddle is a measure-zero set). A
// point beyond a closed end is assigned to the outer basin, as the projection
// would put it there.
func (s Structure) Basin(x float64) int {
	if x < s.Lo && s.OpenLo {
		return Below
	}
	if x > s.Hi && s.OpenHi {
		return s.Above()
	}
	// Binary search over the saddles: the number of saddles ≤ x.
	lo, hi := 0, len(s.Saddles)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if s.Saddles[mid] <= x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Interval returns the ends (left, right) of basin Ω_i.
func (s Structure) Interval(i int) (left, right float64) {
	left, right = s.Lo, s.Hi
	if i > 0 {
		left = s.Saddles[i-1]
	}
	if i < len(s.Saddles) {
		right = s.Saddles[i]
	}
	return left, right
}

// Exitable reports whether the left and right ends of basin Ω_i can be
// crossed: inner ends (saddles) always, domain ends only when open.
func (s Structure) Exitable(i int) (left, right bool) {
	left = i > 0 || s.OpenLo
	right = i < len(s.Saddles) || s.OpenHi
	return left, right
}

// Radius returns r_i, the distance from m_i to the nearer exitable end of
// Ω_i (docs/theory.md §4.1), and +Inf if Ω_i has no exitable end (a single
// minimum on a closed domain).
func (s Structure) Radius(i int) float64 {
	l, r := s.Interval(i)
	el, er := s.Exitable(i)
	rad := math.Inf(1)
	if el {
		rad = math.Min(rad, s.Minima[i]-l)
	}
	if er {
		rad = math.Min(rad, r-s.Minima[i])
	}
	return rad
}

// MinimumSets returns the minima as point sets (Basins).
func (s Structure) MinimumSets() []MinimumSet {
	sets := make([]MinimumSet, len(s.Minima))
	for i, m := range s.Minima {
		sets[i] = MinimumSet{A: []float64{m}}
	}
	return sets
}

// Locate returns Basin(x[0]) (Basins): Below = NoBasin and Above() = n
// label the outside beyond open ends.
func (s Structure) Locate(x []float64) int { return s.Basin(x[0]) }

// Core returns Radius(i) (Basins): every x with |x − m_i| < r_i lies in
// Ω_i, since r_i is the distance to the nearer exitable end and a closed
// end keeps every point of its side in Ω_i.
func (s Structure) Core(i int) float64 { return s.Radius(i) }
