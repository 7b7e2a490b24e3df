package mc

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rng"
)

// cancelCheckSteps is how many steps a replica runs between two looks at its
// context: small enough that Ctrl-C stops a run within milliseconds, large
// enough that the check costs nothing per step.
const cancelCheckSteps = 1 << 16

// System is one instance of truncated heavy-tailed SGD in one dimension: the
// loss, its basin structure, the noise law and the parameters (η, b) of
// THEORY.md section 1.
type System struct {
	// Line is the loss; its Domain is the projection interval K.
	Line landscapes.Line
	// Structure holds the basins of Line (landscapes.Discover).
	Structure landscapes.Structure
	// Law is the law of the noise increments Z.
	Law noise.Law
	// Eta is the step size η > 0.
	Eta float64
	// B is the truncation threshold b > 0; +Inf means no truncation.
	B float64
}

// Validate reports whether the system's parameters can be simulated.
func (s System) Validate() error {
	switch {
	case s.Line == nil:
		return errors.New("landscape: missing")
	case s.Law == nil:
		return errors.New("noise: missing")
	case !(s.Eta > 0) || math.IsInf(s.Eta, 0):
		return fmt.Errorf("eta: must be positive and finite, got %v", s.Eta)
	case !(s.B > 0):
		return fmt.Errorf("b: must be positive (or +Inf for no truncation), got %v", s.B)
	case s.Structure.N() == 0:
		return errors.New("landscape: no minimum in the domain")
	}
	return nil
}

// ExitRecord is the outcome of one first-exit replica.
type ExitRecord struct {
	// Replica is the replica index k; its randomness depends on k only.
	Replica int `json:"replica"`
	// Steps is the first n with X_n outside the start basin, or the step cap
	// for a censored replica.
	Steps int64 `json:"steps"`
	// Censored reports that the replica reached the step cap still inside
	// its basin: its exit time is only known to exceed Steps.
	Censored bool `json:"censored"`
	// Landing is the basin X_τ lies in (landscapes.Below or Above beyond an
	// open end); −2 for a censored replica.
	Landing int `json:"landing"`
}

// NoLanding is the Landing of a censored replica.
const NoLanding = -2

// FirstExit is the first-exit experiment of THEORY.md section 3: from Start,
// run until X leaves the basin containing Start, or until MaxSteps.
type FirstExit struct {
	System
	// Start is X_0; the experiment measures the exit from its basin.
	Start float64
	// MaxSteps is the step cap; a replica reaching it is censored.
	MaxSteps int64
}

// Basin returns the index of the basin the experiment exits.
func (e FirstExit) Basin() int { return e.Structure.Basin(e.Start) }

// Run simulates one replica with the randomness of r. It watches ctx every
// 2^16 steps and returns ctx.Err() when it is cancelled. RunExits and
// RunExitsOf give each replica the same result as Run, two at a time.
func (e FirstExit) Run(ctx context.Context, r *rng.Rand) (ExitRecord, error) {
	p := e.params()
	kernel, _ := exitKernelFor(e.Line, e.Law)
	x, n, out := kernel(ctx, r, p, e.Start, e.MaxSteps)
	if err := ctx.Err(); err != nil && !out && n < e.MaxSteps {
		return ExitRecord{}, err
	}
	return e.record(x, n, out), nil
}

// params returns the kernel parameters of the experiment: the exitable
// sides of the start basin, and ±Inf for a side that is not exitable (the
// projection clamps there, so it is never crossed).
func (e FirstExit) params() exitParams {
	basin := e.Basin()
	left, right := e.Structure.Interval(basin)
	exitLeft, exitRight := e.Structure.Exitable(basin)
	if !exitLeft {
		left = math.Inf(-1)
	}
	if !exitRight {
		right = math.Inf(1)
	}
	lo, hi := e.Line.Domain()
	return exitParams{eta: e.Eta, b: e.B, lo: lo, hi: hi, left: left, right: right}
}

// record returns the record of a replica that ended at x after n steps,
// having left its basin (out) or not (censored at the cap). Replica is left
// to the caller.
func (e FirstExit) record(x float64, n int64, out bool) ExitRecord {
	if !out {
		return ExitRecord{Steps: n, Censored: true, Landing: NoLanding}
	}
	return ExitRecord{Steps: n, Landing: e.Structure.Basin(x)}
}

// exitParams are the fixed inputs of an exit kernel: the step size η, the
// truncation b, the projection interval [lo, hi] and the basin
// (left, right) to leave.
type exitParams struct {
	eta, b, lo, hi, left, right float64
}

// exitKernel iterates Step from x until x < left or x ≥ right (the basin
// (left, right) is left; a point on a saddle belongs to the basin on its
// right, as in landscapes.Structure.Basin) or until maxSteps steps. It
// returns the final point, the number of steps taken and whether the basin
// was left. It watches ctx every cancelCheckSteps steps.
//
// This and exitKernelPair are the one source of the exit kernels: kernelgen
// (go generate; see mc/internal/kernelgen) copies their bodies into
// kernels_gen.go once per concrete (curve, law) pair, replacing each
// statement v := law.Sample(r) by the law's inlinable hot-loop form, which
// draws the same v. exitKernelFor picks the copy; this generic version runs
// any other pair (Go does not devirtualise the method calls of a generic
// function, so here every step makes two indirect calls). Keep every draw a
// statement of its own, and do not name variables vWord or vOK.
func exitKernel[C landscapes.Curve, L noise.Law](ctx context.Context, c C, law L, r *rng.Rand, p exitParams, x float64, maxSteps int64) (float64, int64, bool) {
	eta, b, lo, hi, left, right := p.eta, p.b, p.lo, p.hi, p.left, p.right
	var n int64
	for n < maxSteps {
		chunk := min(maxSteps-n, cancelCheckSteps)
		for i := int64(0); i < chunk; i++ {
			z := law.Sample(r)
			x = Step(x, c.Deriv(x), z, eta, b, lo, hi)
			if x < left || x >= right {
				return x, n + i + 1, true
			}
		}
		n += chunk
		if ctx.Err() != nil {
			return x, n, false
		}
	}
	return x, n, false
}

// exitKernelPair advances two independent replicas a and b of one
// experiment in lockstep, each exactly as exitKernel would (its own
// generator, the same arithmetic, so bit-identical paths): for at most
// steps steps, stopping after the first step at which either leaves the
// basin. It returns both points, the number of steps taken (by each) and
// which of them left.
//
// Why: one step of one chain is a chain of dependent floating-point
// operations (f'(x), then the step), so a single replica runs at the
// latency of that chain while most of the core idles; two independent
// chains fill it (out-of-order execution overlaps them). The gain is
// largest where f' is long (paper-1d: about 1.6×).
func exitKernelPair[C landscapes.Curve, L noise.Law](c C, law L, ra, rb *rng.Rand, p exitParams, xa, xb float64, steps int64) (float64, float64, int64, bool, bool) {
	eta, b, lo, hi, left, right := p.eta, p.b, p.lo, p.hi, p.left, p.right
	for i := int64(1); i <= steps; i++ {
		za := law.Sample(ra)
		zb := law.Sample(rb)
		xa = Step(xa, c.Deriv(xa), za, eta, b, lo, hi)
		xb = Step(xb, c.Deriv(xb), zb, eta, b, lo, hi)
		outA, outB := xa < left || xa >= right, xb < left || xb >= right
		if outA || outB {
			return xa, xb, i, outA, outB
		}
	}
	return xa, xb, steps, false, false
}

// ExitResult holds the replicas of a first-exit experiment that finished,
// in replica order.
type ExitResult struct {
	// Records are the finished replicas, sorted by Replica.
	Records []ExitRecord
	// Requested is the number of replicas asked for.
	Requested int
}

// RunExits runs replicas [first, last) of e with the streams of key on
// workers goroutines (GOMAXPROCS when workers ≤ 0), two replicas at a time
// per goroutine (see runExitPairs); replica k's record is the one
// e.Run(ctx, key.Rand(k)) returns. On cancellation it returns the finished
// replicas with ctx.Err(). onDone, if not nil, is called after each
// replica, possibly concurrently.
func RunExits(ctx context.Context, e FirstExit, key StreamKey, first, last, workers int, onDone func(ExitRecord)) (ExitResult, error) {
	if err := e.check(); err != nil {
		return ExitResult{}, err
	}
	n := max(0, last-first)
	return runIndexed(ctx, e, key, n, func(i int) int { return first + i }, workers, onDone)
}

// check reports whether e can be run: the system, the cap and the start.
func (e FirstExit) check() error {
	if err := e.Validate(); err != nil {
		return err
	}
	if e.MaxSteps < 1 {
		return fmt.Errorf("max_steps: must be ≥ 1, got %d", e.MaxSteps)
	}
	if lo, hi := e.Line.Domain(); !(e.Start >= lo && e.Start <= hi) {
		return fmt.Errorf("start_x: %v is outside the domain [%v, %v]", e.Start, lo, hi)
	}
	if b := e.Basin(); b < 0 || b >= e.Structure.N() {
		return fmt.Errorf("start_x: %v is outside every basin", e.Start)
	}
	return nil
}

// runIndexed runs the n replicas index(0), …, index(n−1) of e and keeps the
// finished ones, in that order.
func runIndexed(ctx context.Context, e FirstExit, key StreamKey, n int, index func(int) int, workers int, onDone func(ExitRecord)) (ExitResult, error) {
	results, done, err := runExitPairs(ctx, e, key, n, index, workers, onDone)
	out := ExitResult{Requested: n}
	for i, r := range results {
		if done[i] {
			out.Records = append(out.Records, r)
		}
	}
	return out, err
}
