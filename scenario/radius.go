package scenario

import (
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
)

// checkRadius checks dynamics.radius against the basins (see Build); it
// does nothing without [dynamics].
//
// On the line (Basins a landscapes.Structure) the radius is the half-width
// of the marker neighbourhoods (m_i − radius, m_i + radius), which must lie
// inside their basins: radius < |m_i − e| for every exitable end e of Ω_i
// (the saddles, and the open ends of a quadratic basin).
//
// On R^d it is the visiting distance ρ of a trajectory: the balls of radius
// ρ around the minimum sets must be disjoint, 2ρ < dist(S_i, S_j) for
// i ≠ j (error), and should lie in their basins, ρ < r_i (a warning
// otherwise; r_i from BasinMap.Radius, or the quadratic's exact Core).
// dynamics.times, which R^d trajectories do not use, gives a warning.
func (s *Scenario) checkRadius(p *Plan, minima []landscapes.MinimumSet) error {
	d := s.Dynamics
	if d == nil {
		return nil
	}
	if st, ok := p.Basins.(landscapes.Structure); ok {
		return checkRadiusLine(d.Radius, st)
	}
	if len(d.Times) > 0 {
		p.Warnings = append(p.Warnings,
			"dynamics.times: not used in R^d: the trajectories record time fractions and transitions, no states at fixed times")
	}
	for i := range minima {
		for j := i + 1; j < len(minima); j++ {
			if dist := minima[i].DistanceTo(minima[j]); 2*d.Radius >= dist {
				return fieldErr("dynamics.radius",
					"must be < %.4g, half the distance %.4g between the minimum sets %d = %s and %d = %s (the visiting neighbourhoods must be disjoint), got %g",
					dist/2, dist, i, fmtSet(minima[i]), j, fmtSet(minima[j]), d.Radius)
			}
		}
	}
	for i := range minima {
		r := p.Basins.Core(i)
		if rb, ok := p.Basins.(interface{ Radius(int) float64 }); ok {
			r = rb.Radius(i)
		}
		if d.Radius >= r {
			p.Warnings = append(p.Warnings, fmt.Sprintf(
				"dynamics.radius: %g ≥ %.4g, the distance from the minimum set %d = %s to the boundary of its basin: its visiting neighbourhood reaches out of the basin",
				d.Radius, r, i, fmtSet(minima[i])))
		}
	}
	return nil
}

// checkRadiusLine is checkRadius on the line: the marker neighbourhoods of
// the minima must lie inside their basins.
func checkRadiusLine(radius float64, st landscapes.Structure) error {
	for i, m := range st.Minima {
		left, right := st.Interval(i)
		exitL, exitR := st.Exitable(i)
		for _, edge := range []struct {
			x        float64
			exitable bool
		}{{left, exitL}, {right, exitR}} {
			if edge.exitable && radius >= math.Abs(m-edge.x) {
				return fieldErr("dynamics.radius",
					"must be < %.4g, the distance from the minimum m_%d = %.6g to the edge %.6g of its basin, got %g",
					math.Abs(m-edge.x), i, m, edge.x, radius)
			}
		}
	}
	return nil
}

// fmtSet formats a minimum set: "(x, y)" for a point, "[(…), (…)]" for a
// segment.
func fmtSet(m landscapes.MinimumSet) string {
	if m.IsPoint() {
		return fmtVec(m.A)
	}
	return "[" + fmtVec(m.A) + ", " + fmtVec(m.B) + "]"
}
