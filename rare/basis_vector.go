package rare

import (
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
)

// Constants of the R^d rule's reading of the landscape.
const (
	// rayDirections is the number of directions from the minimum along
	// which the boundary of the basin is located (landscapes.UnitDirections:
	// the angles 2πk/128 in 2-D; in higher dimension the ±e_k and random
	// directions, to which the rule adds the eigenvectors of the Hessian).
	rayDirections = 128
	// rayScanSteps is the number of equal steps of a ray scan before the
	// bisection of the first step that leaves the basin (to 1e-9).
	rayScanSteps = 128
	// hessianStep is the central-difference step of the numerical
	// Hessian, relative to max(1, ‖m‖) (truncation error O(h²) relative
	// for features of width ≫ h).
	hessianStep = 1e-4
	// flatCurvature is the smallest ratio λ_min/λ_max of the Hessian's
	// eigenvalues the rule accepts: the central differences of a quartic
	// direction give λ ≈ h² = 1e-8 relative.
	flatCurvature = 1e-6
)

// vectorBasis reads the basis of the rule in R^d around the minimum m of
// the basin of start (the minimum set must be a point):
//
//   - the curvature: λ_min, the smallest eigenvalue of the Hessian ∇²f(m)
//     (exact for a landscapes.QuadraticRd, else central differences of the
//     gradient), and the relaxation time 1/λ_min of the slowest direction
//     of the linearised flow;
//   - the rays: the distance ρ_∂(θ) from m to the boundary of the basin
//     along each of the directions θ (rayScan), and r = dist(m, ∂Ω), the
//     smallest of them (or the basins' own exact radius, when they report
//     one: landscapes.BasinMap.Radius, the ball or box of a
//     landscapes.QuadraticRd); the J-directions are the rays whose
//     boundary needs exactly J jumps, ⌈ρ_∂(θ)/b⌉ = J, the counterpart of
//     the J-sides on the line;
//   - the slack s = r − (J−1)b: along the worst direction, the one of the
//     nearest boundary point;
//   - contraction: whether (y − m)·∇f(y) ≥ 0 at the points of the rays in
//     the tube ‖y − m‖ < r, the condition under which every jump of a
//     J-jump exit is at least s (Rule) and an exit path, once it has left
//     the ball ‖y − m‖ ≤ γ, does not come back into it;
//   - the flow span D_J of the J-jump exit paths (vectorFlowSpan).
//
// J must be ⌈r/b⌉: a smaller J (which the theory finds for a flow that
// carries paths towards the boundary) has no slack the rule can use.
// Errors are *param.Error naming rare.Plan.Start (a segment of minimizers),
// rare.Plan.J and rare.Plan.System (a Hessian that is not positive
// definite at m, a basin that is never left).
func vectorBasis(sys mc.System, basin int, j int) (Basis, *rays, error) {
	set := sys.Basins.MinimumSets()[basin]
	if !set.IsPoint() {
		return Basis{}, nil, param.Errorf("rare.Plan.Start", "the minimum set of basin %d is a segment: the design rule needs an isolated minimum, where the flow relaxes at a positive rate", basin)
	}
	m := set.A
	basis := Basis{J: j, Minimum: append([]float64(nil), m...)}
	lmin, vmin, err := smallestCurvature(sys.Landscape, m)
	if err != nil {
		return Basis{}, nil, err
	}
	basis.Curvature, basis.RelaxTime = lmin, 1/lmin

	dirs := landscapes.UnitDirections(sys.Dim(), rayDirections)
	if sys.Dim() > 2 {
		neg := make([]float64, len(vmin))
		for k, v := range vmin {
			neg[k] = -v
		}
		dirs = append(dirs, vmin, neg)
	}
	g := rayScan(sys, basin, m, dirs, j)
	r := g.nearestBoundary()
	if exact, ok := exactRadius(sys.Basins, basin); ok {
		r = exact
	}
	if math.IsInf(r, 1) {
		return Basis{}, nil, param.Errorf("rare.Plan.System", "no ray from the minimum %v leaves its basin: it cannot be exited", m)
	}
	need := 1
	if !math.IsInf(sys.B, 1) {
		need = int(math.Ceil(r / sys.B))
	}
	if need != j {
		return Basis{}, nil, param.Errorf("rare.Plan.J", "the boundary of the basin of %v is at distance r = %.6g, which needs ⌈r/b⌉ = %d jumps of at most b = %v, not %d: the design rule needs J = ⌈r/b⌉ (a flow that carries exits towards the boundary leaves no slack to read)",
			m, r, need, sys.B, j)
	}
	g.r = r
	basis.Distance = r
	basis.Slack = r
	if j > 1 {
		basis.Slack = r - float64(j-1)*sys.B
	}
	basis.Directions = len(dirs)
	for _, rho := range g.dist {
		if !math.IsInf(rho, 1) && (math.IsInf(sys.B, 1) && j == 1 || int(math.Ceil(rho/sys.B)) == j) {
			basis.JDirections++
		}
	}
	basis.Contracting = contracts(sys.Landscape, m, r, dirs)
	if j > 1 {
		span, err := vectorFlowSpan(sys, basin, g, j)
		if err != nil {
			return Basis{}, nil, err
		}
		basis.FlowSpan = span
	}
	return basis, g, nil
}

// rays holds the boundary of a basin seen from its minimum m along
// directions: dist[k] = ρ_∂(dirs[k]) (+Inf when the ray does not leave the
// basin within the scan), and r = dist(m, ∂Ω).
type rays struct {
	m    []float64
	dirs [][]float64
	dist []float64
	r    float64
}

// nearestBoundary returns the smallest ray distance.
func (g *rays) nearestBoundary() float64 { return floats.Min(g.dist) }

// boundaryAlong returns ρ_∂ along the direction of y − m: the distance of
// the ray whose direction is closest to it.
func (g *rays) boundaryAlong(y []float64) float64 {
	best, at := math.Inf(-1), 0
	for k, dir := range g.dirs {
		var dot float64
		for c, v := range dir {
			dot += v * (y[c] - g.m[c])
		}
		if dot > best {
			best, at = dot, k
		}
	}
	return g.dist[at]
}

// rayScan locates the boundary of basin i along every direction from m:
// the ray m + sθ (projected onto the domain, as the recursion projects its
// iterates) is scanned in rayScanSteps equal steps out to smax and the
// first step in another basin (or none) refined by bisection to 1e-9·(1 +
// s). smax is twice the radius of a finite projection ball (beyond it
// every point projects onto the ball), else the larger of 4√d times the
// basin's core radius, 2Jb and 1.
func rayScan(sys mc.System, i int, m []float64, dirs [][]float64, j int) *rays {
	d := sys.Dim()
	smax := math.Max(1, math.Max(4*math.Sqrt(float64(d))*sys.Basins.Core(i), 2*float64(j)*sys.B))
	if math.IsInf(smax, 1) {
		smax = math.Max(1, 4*math.Sqrt(float64(d))*sys.Basins.Core(i))
	}
	if dom, ok := sys.Domain.(landscapes.Ball); ok && !math.IsInf(dom.Radius, 1) {
		smax = 2 * dom.Radius
	}
	x := make([]float64, d)
	inside := func(dir []float64, s float64) bool {
		for c := range x {
			x[c] = m[c] + s*dir[c]
		}
		if sys.Domain != nil {
			sys.Domain.Project(x)
		}
		return sys.Basins.Locate(x) == i
	}
	g := &rays{m: append([]float64(nil), m...), dirs: dirs, dist: make([]float64, len(dirs))}
	for k, dir := range dirs {
		g.dist[k] = math.Inf(1)
		prev := 0.0
		for step := 1; step <= rayScanSteps; step++ {
			s := smax * float64(step) / rayScanSteps
			if inside(dir, s) {
				prev = s
				continue
			}
			lo, hi := prev, s
			for hi-lo > 1e-9*(1+hi) {
				mid := 0.5 * (lo + hi)
				if inside(dir, mid) {
					lo = mid
				} else {
					hi = mid
				}
			}
			g.dist[k] = hi
			break
		}
	}
	return g
}

// exactRadius returns the distance from minimum set i to the boundary of
// its basin when the basins know it: a landscapes.BasinMap (Radius, by
// radial bisection over many directions) or a landscapes.QuadraticRd (its
// ball or box, where Core is exact).
func exactRadius(bs landscapes.Basins, i int) (float64, bool) {
	switch b := bs.(type) {
	case interface{ Radius(int) float64 }:
		return b.Radius(i), true
	case landscapes.QuadraticRd:
		return b.Core(i), true
	}
	return 0, false
}

// contracts reports whether the flow contracts towards m in the tube
// ‖y − m‖ < r: (y − m)·∇f(y) ≥ −1e-9·‖y − m‖·‖∇f(y)‖ at the distances r·k/8,
// k = 1..8 (0.999·r for k = 8), along every direction.
func contracts(l landscapes.Landscape, m []float64, r float64, dirs [][]float64) bool {
	d := len(m)
	y, g := make([]float64, d), make([]float64, d)
	for _, dir := range dirs {
		for k := 1; k <= 8; k++ {
			t := r * float64(k) / 8
			if k == 8 {
				t = 0.999 * r
			}
			for c := range y {
				y[c] = m[c] + t*dir[c]
			}
			l.Gradient(g, y)
			var dot, ny, ng float64
			for c := range y {
				e := y[c] - m[c]
				dot += e * g[c]
				ny += e * e
				ng += g[c] * g[c]
			}
			if dot < -1e-9*math.Sqrt(ny*ng) {
				return false
			}
		}
	}
	return true
}

// smallestCurvature returns the smallest eigenvalue λ_min of the Hessian
// of l at m and a unit eigenvector of it: exact for a
// landscapes.QuadraticRd, else from the symmetrised central-difference
// Hessian of the gradient, H_ij = (∂_i f(m + h e_j) − ∂_i f(m − h e_j))/(2h),
// h = hessianStep·max(1, ‖m‖), by gonum's mat.EigenSym. λ_min must be
// positive, and above flatCurvature times the largest eigenvalue (below,
// the direction is flat to the accuracy of the differences: a quartic
// minimum, where the relaxation is not exponential): the rule's relaxation
// time is 1/λ_min.
func smallestCurvature(l landscapes.Landscape, m []float64) (float64, []float64, error) {
	d := len(m)
	h := mat.NewSymDense(d, nil)
	if q, ok := l.(landscapes.QuadraticRd); ok {
		for a, row := range q.Hessian() {
			for b := a; b < d; b++ {
				h.SetSym(a, b, row[b])
			}
		}
	} else {
		step := hessianStep * math.Max(1, floats.Norm(m, 2))
		y := append([]float64(nil), m...)
		gp, gm := make([]float64, d), make([]float64, d)
		raw := make([]float64, d*d)
		for b := range d {
			y[b] = m[b] + step
			l.Gradient(gp, y)
			y[b] = m[b] - step
			l.Gradient(gm, y)
			y[b] = m[b]
			for a := range d {
				raw[a*d+b] = (gp[a] - gm[a]) / (2 * step)
			}
		}
		for a := range d {
			for b := a; b < d; b++ {
				h.SetSym(a, b, 0.5*(raw[a*d+b]+raw[b*d+a]))
			}
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(h, true) {
		return 0, nil, param.Errorf("rare.Plan.System", "the eigen-decomposition of the Hessian at the minimum %v failed", m)
	}
	vals := eig.Values(nil)
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	k := floats.MinIdx(vals)
	if !(vals[k] > flatCurvature*floats.Max(vals)) || math.IsInf(vals[k], 0) {
		return 0, nil, param.Errorf("rare.Plan.System", "the smallest curvature of f at the minimum %v is %.3g (the largest %.3g): the design rule needs a positive definite Hessian, whose relaxation time 1/λ_min it reads", m, vals[k], floats.Max(vals))
	}
	v := mat.Col(nil, k, &vecs)
	floats.Scale(1/floats.Norm(v, 2), v)
	return vals[k], v, nil
}
