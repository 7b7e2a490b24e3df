package scenario

import (
	"context"
	"math"
	"slices"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
)

// BuildOptions tune Build. The zero value is the default.
type BuildOptions struct {
	// Basins tunes the numerical basin map of a landscape on R^d whose
	// basins are not explicit (gaussian-wells, himmelblau-modified; see
	// landscapes.NewBasinMap). Zero fields are the landscapes defaults,
	// which take about 4 s for himmelblau-modified on one core; smaller
	// Grid, Directions and CacheCells make it faster and coarser (tests).
	// Its Domain is ignored: the map covers the scenario's projection ball.
	Basins landscapes.BasinMapOptions
}

// Build validates s and builds the Plan it describes, in any dimension:
//
//   - Landscape: landscapes.NewPaper1D(lo, hi), NewCriticalPoints(k,
//     points, lo, hi) or NewQuadratic(k, a, c) for the 1-D kinds;
//     NewQuadraticRd(hessian, basin_radius) or NewQuadraticRdBox(hessian,
//     basin_lo, basin_hi), NewGaussianWells(centers, depths, widths,
//     confinement) or NewHimmelblauModified(PaperHimmelblau()) on R^d.
//   - Basins: landscapes.Discover(line), the critical-point structure, in
//     1-D; the QuadraticRd itself (its explicit basin); otherwise
//     landscapes.NewBasinMap with opt.Basins and the projection ball. A
//     basin map is built once per process for each landscape, domain and
//     options: later builds of the same reuse it (it is immutable after
//     construction and safe for concurrent use).
//   - Domain: the interval [lo, hi] (paper-1d, critical-points), the ball
//     ‖x‖ ≤ domain_radius (gaussian-wells, himmelblau-modified), nil for
//     the quadratic wells, which are not projected.
//   - Noise: noise.Scalar{noise.New(law, α, c, p_+)} in 1-D; on R^d
//     noise.NewRadial(d, noise.New(law, α, c, ½), angular), the angular law
//     nil (isotropic) or noise.Angular{directions, weights}.
//   - B = sgd.b, or +Inf when absent; Etas = sgd.eta; Run and Dynamics
//     from [run] and [dynamics]; Source the scenario.
//   - Starts: every minimum set at its representative point (in 1-D the
//     minimum m_i) when neither sgd.start nor sgd.start_x is given; minimum
//     set sgd.start, which must be < the number of minimum sets (error
//     field "sgd.start"); for sgd.start_x the basin Basins.Locate(x)
//     containing it (error field "sgd.start_x" if it lies in no basin).
//   - Step-size stability (docs/theory.md §2.3): for every η_k and every
//     minimum a run starts from (every minimum when [dynamics] is present,
//     as a trajectory visits them all), an error with field "sgd.eta[k]"
//     if η_k·f″(m) ≥ 2 and a warning if η_k·f″(m) > 1; on R^d f″ is λ_max,
//     the largest eigenvalue of the Hessian (see checkStability).
//   - dynamics.radius (see checkRadius): in 1-D it must be smaller than
//     the distance from every minimum to the exitable ends of its basin; on
//     R^d smaller than half the distance between any two minimum sets
//     (error), and a radius not smaller than the distance from a set to the
//     boundary of its basin is a warning.
//
// Every error is a *FieldError: the errors of the landscapes and noise
// constructors carry the key they name through FieldOf ("landscape.hessian",
// "noise.directions[1]", …), or the table ("landscape" for a landscape
// without a minimum in its domain).
//
// Build is BuildContext without a way to stop it.
func (s *Scenario) Build(opt BuildOptions) (*Plan, error) {
	return s.BuildContext(context.Background(), opt)
}

// BuildContext is Build that stops, returning ctx.Err(), once ctx is
// cancelled: building the basin map of a landscape on R^d takes seconds
// (landscapes.NewBasinMap), and a command must stop within a second of an
// interrupt.
func (s *Scenario) BuildContext(ctx context.Context, opt BuildOptions) (*Plan, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	p := &Plan{
		Name: s.Name,
		B:    s.SGD.BOf(),
		Etas: slices.Clone(s.SGD.Eta),
		Run: RunPlan{
			Samples:  s.Run.Samples,
			MaxSteps: s.Run.MaxSteps,
			Seed:     uint64(s.Run.Seed),
		},
		Source: newSource(s),
	}
	if d := s.Dynamics; d != nil {
		p.Dynamics = &DynamicsPlan{Replicas: d.Replicas, Steps: d.Steps, Radius: d.Radius, Times: slices.Clone(d.Times)}
	}
	if err := s.buildLandscape(ctx, p, opt.Basins); err != nil {
		return nil, err
	}
	minima := p.Basins.MinimumSets()
	if len(minima) == 0 { // Discover and NewBasinMap report this first
		return nil, fieldErr("landscape", "has no minimum inside the domain")
	}
	var err error
	if p.Noise, err = s.buildNoise(); err != nil {
		return nil, err
	}
	if p.Starts, err = s.starts(p.Basins, minima); err != nil {
		return nil, err
	}
	if err := s.checkLambda(p); err != nil {
		return nil, err
	}
	if err := s.checkStability(p, minima); err != nil {
		return nil, err
	}
	if err := s.checkRadius(p, minima); err != nil {
		return nil, err
	}
	return p, nil
}

// checkLambda checks, for heavy-tailed noise, that the scale function
// λ(η) = η^{−1} H(η^{−1}) (docs/theory.md §3.4) is a positive finite
// number at every step size: every time scale of the theory is a power of
// it, and where H(1/η) underflows to 0 (a tiny η or noise scale, a large
// α) no exit would ever be predicted, or seen, in float64. The error names
// sgd.eta[k].
func (s *Scenario) checkLambda(p *Plan) error {
	if !p.Noise.HeavyTailed() {
		return nil
	}
	for k, eta := range p.Etas {
		lam := p.Noise.Tail(1/eta) / eta
		if !(lam > 0) || math.IsInf(lam, 0) {
			return fieldErr(index("sgd.eta", k), "λ(η) = η^{−1}·H(1/η) = %g at η = %g (noise.scale = %g, noise.alpha = %g): "+
				"the noise's tail underflows float64 at 1/η, so the theory's time scale 1/λ(η) is infinite and no replica would ever exit; use a larger η or noise.scale",
				lam, eta, s.Noise.Scale, p.Noise.Alpha())
		}
	}
	return nil
}

// fieldIn returns the error of a constructor for the [table] as a
// *FieldError: the key FieldOf finds, or the table itself.
func fieldIn(table string, err error) *FieldError {
	if fe := lookupField(err, -1); fe != nil {
		return fe
	}
	return &FieldError{Field: table, Err: err}
}

// buildNoise builds the law of Z: noise.Scalar of the [noise] law in 1-D,
// and on R^d the radial law R = |Z₁| from noise.New with p_+ = ½ (Validate
// has checked that p_plus is absent or ½) times the angular law.
func (s *Scenario) buildNoise() (noise.Vector, error) {
	n := &s.Noise
	alpha := math.NaN()
	if n.Alpha != nil {
		alpha = *n.Alpha
	}
	if !s.isRd() {
		law, err := noise.New(n.Law, alpha, n.Scale, n.PPlusOf(), n.PPlus != nil)
		if err != nil {
			return nil, fieldIn("noise", err)
		}
		return noise.Scalar{Law: law}, nil
	}
	law, err := noise.New(n.Law, alpha, n.Scale, DefaultPPlus, false)
	if err != nil {
		return nil, fieldIn("noise", err)
	}
	var ang *noise.Angular
	if n.AngularOf() == AngularFinite {
		ang = &noise.Angular{Directions: cloneRows(n.Directions), Weights: slices.Clone(n.Weights)}
	}
	z, err := noise.NewRadial(s.Dimension(), law, ang)
	if err != nil {
		return nil, fieldIn("noise", err)
	}
	return z, nil
}

// starts lists the starting points of the [sgd] table (see Build).
func (s *Scenario) starts(b landscapes.Basins, minima []landscapes.MinimumSet) ([]Start, error) {
	g := &s.SGD
	switch {
	case g.Start != nil:
		i := *g.Start
		if i >= len(minima) {
			return nil, fieldErr("sgd.start", "must be < %d, the number of %s, got %d", len(minima), s.minimaWord(), i)
		}
		return []Start{{Basin: i, X: minima[i].Centre()}}, nil
	case g.StartX != nil:
		x := slices.Clone([]float64(g.StartX))
		i := b.Locate(x)
		if i < 0 || i >= len(minima) { // in 1-D unreachable after Validate
			return nil, fieldErr("sgd.start_x", "%s lies in no basin (the gradient flow from it reaches no minimum set: it is on a boundary between basins)", fmtVec(x))
		}
		return []Start{{Basin: i, X: x}}, nil
	}
	out := make([]Start, len(minima))
	for i, m := range minima {
		out[i] = Start{Basin: i, X: m.Centre()}
	}
	return out, nil
}

// minimaWord names the minimum sets for a message: "minima" on the line,
// "minimum sets" on R^d (where a set may be a segment).
func (s *Scenario) minimaWord() string {
	if s.isRd() {
		return "minimum sets"
	}
	return "minima"
}
