package rare

import (
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
)

// lineOf returns the one-dimensional parts of a system that the rule reads
// on the real line: its curve and basin structure (false when the system
// is not one-dimensional in this sense).
func lineOf(sys mc.System) (landscapes.Curve, landscapes.Structure, bool) {
	c, ok1 := sys.Landscape.(landscapes.Curve)
	st, ok2 := sys.Basins.(landscapes.Structure)
	if !ok1 || !ok2 || sys.Dim() != 1 {
		return nil, landscapes.Structure{}, false
	}
	return c, st, true
}

// lineBasis reads the basis of the rule on the real line: the J-sides of
// the basin of start (its exitable ends at a distance r_side with
// ⌈r_side/b⌉ = J), their slacks r_side − (J−1)b and flow spans (FlowSpan),
// and f″(m) at the minimum. Errors are *param.Error naming rare.Plan.Start
// (a basin with no exitable end), rare.Plan.J (no side needs exactly J
// jumps), rare.Plan.System (f″(m) not positive) and those of FlowSpan.
func lineBasis(c landscapes.Curve, st landscapes.Structure, b float64, start float64, j int) (Basis, error) {
	i := st.Basin(start)
	m := st.Minima[i]
	left, right := st.Interval(i)
	exitLeft, exitRight := st.Exitable(i)
	if !exitLeft && !exitRight {
		return Basis{}, param.Errorf("rare.Plan.Start", "the basin of %v has no exitable end", start)
	}
	basis := Basis{J: j, Minimum: []float64{m}, Contracting: true}
	for _, side := range []struct {
		ok bool
		at float64
	}{{exitLeft, left}, {exitRight, right}} {
		if !side.ok {
			continue
		}
		dist := math.Abs(side.at - m)
		need := 1
		if !math.IsInf(b, 1) {
			need = int(math.Ceil(dist / b))
		}
		if need != j {
			continue
		}
		slack := dist
		if j > 1 {
			slack = dist - float64(j-1)*b
		}
		span, err := FlowSpan(c, m, side.at, b, j)
		if err != nil {
			return Basis{}, err
		}
		basis.Sides = append(basis.Sides, Side{Boundary: side.at, Distance: dist, Slack: slack, FlowSpan: span})
	}
	if len(basis.Sides) == 0 {
		return Basis{}, param.Errorf("rare.Plan.J", "no exitable side of the basin of %v needs exactly %d jumps of at most b = %v", m, j, b)
	}
	basis.Slack, basis.Distance = math.Inf(1), math.Inf(1)
	for _, s := range basis.Sides {
		basis.Slack = math.Min(basis.Slack, s.Slack)
		basis.Distance = math.Min(basis.Distance, s.Distance)
		basis.FlowSpan = math.Max(basis.FlowSpan, s.FlowSpan)
	}
	basis.Curvature = landscapes.SecondDeriv(c, m)
	if !(basis.Curvature > 0) || math.IsInf(basis.Curvature, 0) {
		return Basis{}, param.Errorf("rare.Plan.System", "f″(m) = %v at the minimum %v must be positive and finite", basis.Curvature, m)
	}
	basis.RelaxTime = 1 / basis.Curvature
	return basis, nil
}

// lineReturnTime returns the longest FlowTime, over the two sides of the
// minimum m, from distance γ to ε·γ; on a side where the basin (or the
// domain) ends closer than γ, from just inside that end.
func lineReturnTime(c landscapes.Curve, st landscapes.Structure, m, gamma, eps float64) (float64, error) {
	left, right := st.Interval(st.Basin(m))
	var worst float64
	for _, side := range []struct{ dir, room float64 }{{-1, m - left}, {1, right - m}} {
		from := math.Min(gamma, (1-1e-6)*side.room)
		if !(from > 0) {
			continue
		}
		t, err := FlowTime(c, m, side.dir, eps*from, from)
		if err != nil {
			return 0, err
		}
		worst = math.Max(worst, t)
	}
	return worst, nil
}
