package scenario

import "math"

// Limits on the values of a scenario file. Each is far beyond what a
// meaningful experiment uses and well inside what the code computes
// reliably; beyond it a value makes no sense, and Parse, Validate and Build
// reject it with an error naming the key (docs/scenarios.md lists them with
// the same reasons).
const (
	// MaxFileSize bounds a scenario file (1 MiB). A scenario is a few
	// hundred bytes; the largest legal one (MaxEtas step sizes, a
	// MaxDimension² hessian, MaxDirections directions) is well under it.
	// Anything larger is refused before it is parsed, so that a file of
	// millions of numbers cannot hold the parser for seconds.
	MaxFileSize = 1 << 20

	// MaxEtas bounds the number of step sizes in sgd.eta: each is a cell
	// of every run (and a line of every table); a ladder over two decades
	// needs tens. The checks per η and minimum (step-size stability, the
	// scale λ(η)) stay instant up to it.
	MaxEtas = 1000

	// MaxSamples bounds run.samples (10^9 replicas per cell). The exact
	// interval of a mean from n exits has relative half-width about 2/√n:
	// 10^9 samples resolve it to 6·10^{−5}, far below the pre-asymptotic
	// bias of any finite η (docs/theory.md §11.2), and at 100 ns per
	// replica already take a day of one core per cell.
	MaxSamples = 1_000_000_000

	// MaxSteps bounds run.max_steps and dynamics.steps (10^15 steps per
	// replica): two months of one core at the fastest kernel (a few ns per
	// step). It keeps every step count, and the sums of them over
	// MaxSamples replicas, far inside int64 and float64.
	MaxSteps = 1_000_000_000_000_000

	// MaxReplicas bounds dynamics.replicas: every trajectory's record (its
	// basin transitions and snapshots) is kept in memory until the report,
	// and the fractions' intervals across replicas are already tight with
	// hundreds.
	MaxReplicas = 100_000

	// MaxTimes bounds the number of scaled times in dynamics.times: each
	// is a column of the finite-dimensional-distribution check.
	MaxTimes = 100

	// MaxCriticalPoints bounds landscape.points (20 minima). The limiting
	// chain has a state per minimum and the report a row and a column per
	// minimum; and f' = k·Π(x − c_i) is a product of as many factors,
	// which under- or overflows float64 unless every factor is moderate.
	MaxCriticalPoints = 41

	// MaxWells bounds the number of centres of gaussian-wells: the basin
	// map searches minima from a grid and measures each basin by ray
	// scans, and the chain has a state per well.
	MaxWells = 20

	// MaxDimension bounds the dimension d of a landscape on R^d. The ray
	// scans that find J_i and C* (docs/theory.md §9.2, §9.3) use a fixed number
	// of directions (2000 for d ≥ 3), which cover the sphere ever more
	// thinly as d grows; beyond d = 32 they would miss most of it.
	MaxDimension = 32

	// MaxDirections bounds noise.directions, the atoms of a finite angular
	// law.
	MaxDirections = 1000

	// MaxAlpha bounds noise.alpha. The theory's constants are masses
	// ν_α[x, ∞) = x^{−α} at the distances x of the landscape: beyond
	// α = 100 they under- or overflow float64 for distances outside
	// [10^{−3}, 10^3], and the noise is light-tailed for every practical
	// purpose (use the gaussian law).
	MaxAlpha = 100

	// MaxMagnitude bounds every length and coordinate of the file (points,
	// domain, basin, centres, radii, start_x, b when finite, the scale c
	// of the noise) and every curvature (landscape.scale, hessian entries,
	// depths, widths, confinement): their products and squares (the
	// distances, the eigenvalues of the Hessian, f″ at a minimum) must stay
	// finite in float64 (whose range ends near 10^308).
	MaxMagnitude = 1e100

	// MinMagnitude is the smallest positive scale a file may give (the
	// noise scale c, landscape.scale, widths, radii, b, η): below it
	// c^α and λ(η) = η^{−1}H(1/η) underflow to 0 for α of a few, and
	// every time scale of the theory would be infinite.
	MinMagnitude = 1e-100
)

// checkCoordinate returns a *FieldError naming key when the finite number x
// lies outside [−MaxMagnitude, MaxMagnitude].
func checkCoordinate(key string, x float64) error {
	if math.Abs(x) > MaxMagnitude {
		return fieldErr(key, "must lie in [−%g, %g] (scenario.MaxMagnitude: distances must stay finite in float64), got %g", MaxMagnitude, MaxMagnitude, x)
	}
	return nil
}

// checkScale returns a *FieldError naming key when the positive finite
// number x lies outside [MinMagnitude, MaxMagnitude].
func checkScale(key string, x float64) error {
	switch {
	case x < MinMagnitude:
		return fieldErr(key, "must be ≥ %g (scenario.MinMagnitude: smaller scales make the theory's time scales underflow), got %g", MinMagnitude, x)
	case x > MaxMagnitude:
		return fieldErr(key, "must be ≤ %g (scenario.MaxMagnitude: larger values overflow float64 in products and squares), got %g", MaxMagnitude, x)
	}
	return nil
}

// checkCount returns a *FieldError naming key when a list of n elements is
// longer than max (limit names the constant, reason says why).
func checkCount(key string, n, max int, limit, reason string) error {
	if n > max {
		return fieldErr(key, "has %d elements, more than the %d of scenario.%s (%s)", n, max, limit, reason)
	}
	return nil
}
