package rare

import (
	"context"
	"math"
	"testing"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
)

// TestVectorRuleQuadratic checks the R^d rule where it has closed forms.
// In the isotropic well f = ½‖x‖² with the basin ‖x‖ < 1.5 the flow is
// radial, y(t) = e^{−t}y(0), so the exit sequences are those of the line
// f = x²/2 with a saddle at 1.5, and the search's D_J must equal FlowSpan's
// (J = 2 with b = 1: ln 2; J = 3 with b = 0.6) to the accuracy of the two
// methods (the bisection to 1e-9, FlowSpan's grid to ~1e-7). In the
// anisotropic well f = ½(x² + 2y²) the slowest relaxation is along x: the
// curvature is λ_min = 1, the warm-up the return time ln(1/ε) = ln 50 from
// γ along x, and D_2 = ln 2, the span along x. Both flows contract; r =
// 1.5, s = r − (J−1)b, γ = 0.9·s, T_0 = D_J + 1.
func TestVectorRuleQuadratic(t *testing.T) {
	law := mustRadial(t, mustPareto(t, 1.5, 0.1, 0.5))
	line, err := landscapes.NewQuadratic(1, -1.5, 1.5)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		hessian [][]float64
		b       float64
		j       int
	}{
		{"isotropic J=2", [][]float64{{1, 0}, {0, 1}}, 1, 2},
		{"isotropic J=3", [][]float64{{1, 0}, {0, 1}}, 0.6, 3},
		{"anisotropic J=2", [][]float64{{1, 0}, {0, 2}}, 1, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			q, err := landscapes.NewQuadraticRd(c.hessian, 1.5)
			if err != nil {
				t.Fatal(err)
			}
			sys := mc.System{Landscape: q, Basins: q, Noise: law, Eta: 0.01, B: c.b}
			d, basis, err := DefaultRule.Design(sys, []float64{0, 0}, c.j)
			if err != nil {
				t.Fatal(err)
			}
			span, err := FlowSpan(line, 0, 1.5, c.b, c.j)
			if err != nil {
				t.Fatal(err)
			}
			slack := 1.5 - float64(c.j-1)*c.b
			for _, v := range []struct {
				name      string
				got, want float64
				tol       float64
			}{
				{"flow span", basis.FlowSpan, span, 1e-6},
				{"curvature", basis.Curvature, 1, 1e-12},
				{"return time", basis.ReturnTime, math.Log(50), 1e-6},
				{"distance", basis.Distance, 1.5, 1e-12},
				{"slack", basis.Slack, slack, 1e-12},
				{"gamma", d.Gamma, 0.9 * slack, 1e-12},
				{"burn", d.Burn, span + 1, 1e-6},
			} {
				if math.Abs(v.got-v.want) > v.tol {
					t.Errorf("%s = %.10g, want %.10g", v.name, v.got, v.want)
				}
			}
			if !basis.Contracting || d.ReplayAll || basis.JDirections != basis.Directions {
				t.Errorf("basis %+v, design %+v: want a contracting flow, every ray a J-direction, no replay of every exit", basis, d)
			}
		})
	}
}

// axis is the section x ↦ f(x, 0) of a landscape on R², as a curve: on a
// line of symmetry of the landscape the flow stays on the line.
type axis struct{ l landscapes.Landscape }

func (a axis) F(x float64) float64 { return a.l.Value([]float64{x, 0}) }
func (a axis) Deriv(x float64) float64 {
	g := make([]float64, 2)
	return a.l.Gradient(g, []float64{x, 0})[0]
}

// TestVectorRuleWells checks the rule on the two gaussian wells, whose
// basins are bounded by the plane x = 0 (symmetry): r is the distance from
// the minimum (0.9211, 0) to it. The x-axis is a line of symmetry, so the
// exit paths along it are those of the section f(x, 0), and the search,
// whose family contains them (the ray of angle π is scanned), must find a
// D_2 at least the section's FlowSpan (up to the accuracy 1e-6).
func TestVectorRuleWells(t *testing.T) {
	g, bm := twoWells(t)
	m := bm.MinimumSets()[1].A
	sys := mc.System{Landscape: g, Basins: bm, Noise: mustRadial(t, mustPareto(t, 1.5, 0.3, 0.5)), Eta: 0.05, B: 0.6,
		Domain: landscapes.Ball{Radius: 2.5}}
	d, basis, err := DefaultRule.Design(sys, m, 2)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(basis.Distance-m[0]) > 1e-6 {
		t.Errorf("distance %v, want %v (the plane x = 0)", basis.Distance, m[0])
	}
	span, err := FlowSpan(axis{g}, m[0], 0, 0.6, 2)
	if err != nil {
		t.Fatal(err)
	}
	if basis.FlowSpan < span-1e-6 {
		t.Errorf("D_2 = %v, below the span %v along the axis", basis.FlowSpan, span)
	}
	t.Logf("basis %+v (span along the axis %.6g), design %+v", basis, span, d)
	if !basis.Contracting || basis.JDirections == 0 || basis.JDirections == basis.Directions {
		t.Errorf("basis %+v: want a contracting flow and some, not all, rays needing 2 jumps", basis)
	}
}

// halfPlane is a user's basin structure for one minimum m: the half-plane
// x < edge. Paired with doubleWell it makes a basin in which the flow
// does not contract towards m (beyond x = 0 it runs to the other well).
type halfPlane struct {
	m    []float64
	edge float64
}

func (h halfPlane) MinimumSets() []landscapes.MinimumSet {
	return []landscapes.MinimumSet{landscapes.PointSet(h.m)}
}
func (h halfPlane) Locate(x []float64) int {
	if x[0] < h.edge {
		return 0
	}
	return landscapes.NoBasin
}
func (h halfPlane) Core(int) float64 { return 0 }

// doubleWell is f(x, y) = (x² − 1)²/4 + y²/2 on R², minima (±1, 0).
type doubleWell struct{}

func (doubleWell) Dim() int { return 2 }
func (doubleWell) Value(x []float64) float64 {
	return (x[0]*x[0]-1)*(x[0]*x[0]-1)/4 + x[1]*x[1]/2
}
func (doubleWell) Gradient(dst, x []float64) []float64 {
	dst[0], dst[1] = x[0]*(x[0]*x[0]-1), x[1]
	return dst
}

// TestVectorRuleNonContracting checks that the rule sees a flow that does
// not contract towards the minimum: in doubleWell with the basin x < 0.4
// around m = (−1, 0) (r = 1.4), the flow between x = 0 and 0.4 runs away
// from m, so the slack bound and the at-rest ball are not guaranteed: the
// basis says so and the design replays every counted exit. The companion
// (the same with the basin x < −0.1, inside the true basin of attraction)
// contracts.
func TestVectorRuleNonContracting(t *testing.T) {
	law := mustRadial(t, mustPareto(t, 1.5, 0.1, 0.5))
	for _, c := range []struct {
		edge     float64
		contract bool
	}{{0.4, false}, {-0.1, true}} {
		sys := mc.System{Landscape: doubleWell{}, Basins: halfPlane{m: []float64{-1, 0}, edge: c.edge}, Noise: law, Eta: 0.01, B: 0.6}
		j := int(math.Ceil((c.edge + 1) / 0.6))
		d, basis, err := DefaultRule.Design(sys, []float64{-1, 0}, j)
		if err != nil {
			t.Fatal(err)
		}
		if basis.Contracting != c.contract || d.ReplayAll == c.contract {
			t.Errorf("edge %v: contracting %v, replay all %v; want contracting %v", c.edge, basis.Contracting, d.ReplayAll, c.contract)
		}
	}
}

// TestVectorRuleErrors checks the R^d rule's refusals, each a *param.Error
// naming what to change: a J other than ⌈r/b⌉, a start whose minimum set is
// a segment, and a minimum with a flat direction (f = ½x² + y⁴/4: λ_min = 0).
func TestVectorRuleErrors(t *testing.T) {
	law := mustRadial(t, mustPareto(t, 1.5, 0.1, 0.5))
	q := anisotropicQuadratic(t)
	seg := segmentBasins{q}
	for _, c := range []struct {
		name  string
		sys   mc.System
		start []float64
		j     int
		want  string
	}{
		{"J ≠ ⌈r/b⌉", mc.System{Landscape: q, Basins: q, Noise: law, Eta: 0.01, B: 1}, []float64{0, 0}, 3, "rare.Plan.J"},
		{"segment", mc.System{Landscape: q, Basins: seg, Noise: law, Eta: 0.01, B: 1}, []float64{0, 0}, 2, "rare.Plan.Start"},
		{"flat", mc.System{Landscape: quartic{}, Basins: halfPlane{m: []float64{0, 0}, edge: 1}, Noise: law, Eta: 0.01, B: 1}, []float64{0, 0}, 1, "rare.Plan.System"},
	} {
		_, _, err := DefaultRule.Design(c.sys, c.start, c.j)
		if pe := param.As(err); pe == nil || pe.Name != c.want {
			t.Errorf("%s: error %v, want a *param.Error naming %s", c.name, err, c.want)
		}
	}
}

// segmentBasins is the basin of a QuadraticRd reported with a segment of
// minimizers around 0.
type segmentBasins struct{ q landscapes.QuadraticRd }

func (s segmentBasins) MinimumSets() []landscapes.MinimumSet {
	return []landscapes.MinimumSet{landscapes.SegmentSet([]float64{-0.1, 0}, []float64{0.1, 0})}
}
func (s segmentBasins) Locate(x []float64) int { return s.q.Locate(x) }
func (s segmentBasins) Core(int) float64       { return 0 }

// quartic is f = ½x² + y⁴/4: a minimum at 0 with a flat direction.
type quartic struct{}

func (quartic) Dim() int                  { return 2 }
func (quartic) Value(x []float64) float64 { return x[0]*x[0]/2 + x[1]*x[1]*x[1]*x[1]/4 }
func (quartic) Gradient(dst, x []float64) []float64 {
	dst[0], dst[1] = x[0], x[1]*x[1]*x[1]
	return dst
}

// TestVectorShortDesignFlagged is TestShortDesignFlagged in R²: on the two
// gaussian wells (J = 2, b = 0.6), a design with no warm-up and a burn-in
// of a tenth of the rule's starts counting exits while the hazard still
// rises from the start at rest, and the diagnostics must flag it (a
// transient check fails; one-sided tests with false-alarm rate 0.1% when
// the design is right). The companion: the rule's own design, on the same
// windows' streams, fails no transient check.
func TestVectorShortDesignFlagged(t *testing.T) {
	if raceEnabled {
		t.Skip("statistical check: nothing for the race detector to find")
	}
	sys, m := vectorCases[3].system(t)
	design, _, err := DefaultRule.Design(sys, m, 2)
	if err != nil {
		t.Fatal(err)
	}
	short := design
	short.Warmup, short.Burn = 0, design.Burn/10
	short.Window = short.Burn + (design.Window - design.Burn)
	for _, c := range []struct {
		name    string
		d       Design
		flagged bool
	}{{"short", short, true}, {"rule", design, false}} {
		res, err := Estimate(context.Background(), Config{System: sys, Start: m, Design: c.d}, mc.StreamKey{Seed: 5}, 100000, 0)
		if err != nil {
			t.Fatal(err)
		}
		d := res.Diagnostics
		t.Logf("%s design %+v: mean %.4g, hazard ratio %.3f [%.3f, %.3f], transient bias %.3f [%.3f, %.3f], failed %v",
			c.name, res.Design, res.MeanSteps, d.HazardRatio.Value, d.HazardRatio.Low, d.HazardRatio.High,
			d.TransientBias.Value, d.TransientBias.Low, d.TransientBias.High, d.Failed)
		if d.Transient() != c.flagged {
			t.Errorf("%s design: transient failure %v, want %v", c.name, d.Transient(), c.flagged)
		}
	}
}
