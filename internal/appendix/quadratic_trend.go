package appendix

import (
	"math"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/report"
)

// ratioPoint is one cell's R(η) with its 95% interval.
type ratioPoint struct{ eta, r, lo, hi float64 }

// trendPoints returns the cells (in their order, decreasing η) that have a
// positive ratio with both ends of its interval.
func trendPoints(cells []QuadraticCellResult) []ratioPoint {
	var pts []ratioPoint
	for _, c := range cells {
		r := c.Row
		if r.Ratio == nil || r.RatioLow == nil || r.RatioHigh == nil || !(*r.RatioLow > 0) || !(*r.Ratio > 0) {
			continue
		}
		pts = append(pts, ratioPoint{eta: r.Eta, r: *r.Ratio, lo: *r.RatioLow, hi: *r.RatioHigh})
	}
	return pts
}

// ratioTrend summarises how R(η) moves as η shrinks (R must tend to 1,
// docs/theory.md §11.1). For consecutive cells it counts the steps toward 1
// (|log R| decreases), those of them with disjoint 95% intervals, and the
// steps away from 1 whose intervals overlap. The slope of log R on log η
// is fitted by weighted least squares with Var(log R_k) from the cell's
// interval,
//
//	Var(log R_k) ≈ ((log R_hi − log R_lo) / (2 z_{0.975}))²,
//
// the interval being the errors of τ̄ and of C* combined on the log scale
// (the row's ratio_ci_low and ratio_ci_high). Its main interval takes these
// variances as known (estimators.WLSLineKnownVar): if R does not move, the points lie
// on a flat line and that interval tests "no trend" at the stated level,
// however R curves otherwise. The goodness of fit says whether a straight
// line describes the points; with three or more points the interval with
// the residual scale estimated (estimators.WLSLine) is kept too, as the
// uncertainty of the slope itself when they curve.
func ratioTrend(cells []QuadraticCellResult) RatioTrend {
	pts := trendPoints(cells)
	var t RatioTrend
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		t.Steps++
		overlap := a.lo <= b.hi && b.lo <= a.hi
		switch {
		case math.Abs(math.Log(b.r)) < math.Abs(math.Log(a.r)):
			t.TowardOne++
			if !overlap {
				t.TowardDisjoint++
			}
		case overlap:
			t.AwayOverlapping++
		}
	}
	if len(pts) < 2 {
		return t
	}
	x, y, w := make([]float64, len(pts)), make([]float64, len(pts)), make([]float64, len(pts))
	etaMin, etaMax := math.Inf(1), 0.0
	for i, p := range pts {
		se := (math.Log(p.hi) - math.Log(p.lo)) / (2 * z975)
		x[i], y[i], w[i] = math.Log(p.eta), math.Log(p.r), 1/(se*se)
		etaMin, etaMax = math.Min(etaMin, p.eta), math.Max(etaMax, p.eta)
	}
	k, err := estimators.WLSLineKnownVar(x, y, w, level)
	if err != nil {
		return t
	}
	s := &RatioSlope{Slope: k.Slope, Low: k.SlopeLow, High: k.SlopeHigh,
		GoodnessP: report.Num(k.GoodnessP), N: k.N, EtaMin: etaMin, EtaMax: etaMax}
	if len(pts) >= 3 {
		if l, err := estimators.WLSLine(x, y, w, level); err == nil {
			s.ResidualLow, s.ResidualHigh = report.Num(l.SlopeLow), report.Num(l.SlopeHigh)
		}
	}
	t.Slope = s
	return t
}
