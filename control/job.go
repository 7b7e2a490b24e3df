package control

import (
	"context"
	"math"
	"time"

	"github.com/htsgd/htsgd/nn"
	"github.com/htsgd/htsgd/optim"
	"github.com/htsgd/htsgd/rng"
)

// Job is one training run: a method at a threshold b and an index α, in
// replication Rep; Sweep marks the runs of the sensitivity sweep.
type Job struct {
	Method optim.Method `json:"method"`
	B      float64      `json:"b"`
	Alpha  float64      `json:"alpha"`
	Rep    int          `json:"replication"`
	Sweep  bool         `json:"sweep,omitempty"`
}

// Result is what a run measured. Metrics of a diverged run are NaN (null
// in JSON).
type Result struct {
	Job
	// Done is false for a run that was interrupted (its metrics are
	// meaningless).
	Done bool `json:"done"`
	// Diverged reports a non-finite loss or ‖θ‖ > 10^6 at step
	// DivergedAt; the run stops there.
	Diverged   bool `json:"diverged"`
	DivergedAt int  `json:"diverged_at,omitempty"`
	// TestAccuracy and TrainAccuracy are the fractions correct on the test
	// set and on the (corrupted) training set; TrainLoss is L(θ) on the
	// training set.
	TestAccuracy  Num `json:"test_accuracy"`
	TrainAccuracy Num `json:"train_accuracy"`
	TrainLoss     Num `json:"train_loss"`
	// Sharpness is E|L(θ+ν) − L(θ)|, ν ~ N(0, σ²I).
	Sharpness Num `json:"sharpness"`
	// TopEigen is the Hessian eigenvalue of largest modulus at the end,
	// after EigenIters products.
	TopEigen   Num `json:"top_eigenvalue"`
	EigenIters int `json:"eigen_iterations"`
	// Exits is the number of exits in ExitSteps late-phase steps (radius
	// ExitRadius); ExitRate = 1000·Exits/ExitSteps.
	Exits      int `json:"exits"`
	ExitSteps  int `json:"exit_steps"`
	ExitRadius Num `json:"exit_radius"`
	ExitRate   Num `json:"exit_rate"`
	// Excursion is max_k d_k / median d: the largest departure from the
	// moving centre in units of the run's typical one.
	Excursion Num `json:"excursion"`
	// ClippedFraction is the fraction of noisy-phase steps that φ_b
	// shortened; MaxStep the longest step ‖θ_{k+1} − θ_k‖.
	ClippedFraction Num `json:"clipped_fraction"`
	MaxStep         Num `json:"max_step"`
	// Seconds is the wall time of the run.
	Seconds float64 `json:"seconds"`
}

// Stream purposes: each replication has one random stream per purpose,
// the same for every method, so that runs of one replication are paired
// (same data subset, same corrupted labels, same initial weights).
const (
	streamData = iota + 1
	streamInit
	streamOptim
	streamMetrics
)

// stream returns the random stream of a purpose in replication rep.
func stream(seed uint64, rep, purpose int) *rng.Rand {
	return rng.New(seed, uint64(rep)<<8|uint64(purpose))
}

// trainLoss adapts a network and its training set to optim.Loss.
type trainLoss struct {
	net  nn.Net
	data *nn.Data
}

func (t trainLoss) Loss(theta []float64, idx []int, grad []float64) float64 {
	return t.net.Loss(theta, t.data, idx, grad)
}
func (t trainLoss) N() int { return t.data.N }

// divergenceNorm is the ‖θ‖ beyond which a run counts as diverged.
const divergenceNorm = 1e6

// runJob trains and measures one job; work is called with the number of
// gradient examples each step cost (for progress). It returns with
// Done = false when ctx is cancelled.
func runJob(ctx context.Context, s *Spec, sets *Sets, net nn.Net, j Job, work func(int64)) Result {
	t0 := time.Now()
	res := Result{Job: j}
	p := net.NumParams()
	theta := make([]float64, p)
	net.Init(theta, stream(s.Seed, j.Rep, streamInit))
	cfg := s.config(j.Method, j.B, j.Alpha)
	opt := optim.New(cfg, trainLoss{net, sets.Train}, p, stream(s.Seed, j.Rep, streamOptim))
	noisy := s.Train.Steps
	if j.Method.Heavy() {
		noisy -= s.Train.FinalSteps
	}
	late := (s.Train.Steps - s.Train.FinalSteps) / 2
	tr := newExitTracker(p, s.Metrics.ExitWindow, late-2*s.Metrics.ExitWindow)
	clipped, maxStep := 0, 0.0
	for k := 0; k < s.Train.Steps; k++ {
		if k%25 == 0 && ctx.Err() != nil {
			return res
		}
		plain := k >= noisy
		info := opt.Step(theta, plain)
		work(stepCost(s, j.Method, plain))
		if info.Clipped {
			clipped++
		}
		maxStep = math.Max(maxStep, info.Norm)
		if math.IsNaN(info.Loss) || math.IsInf(info.Loss, 0) || math.IsNaN(info.Norm) || math.IsInf(info.Norm, 0) || norm(theta) > divergenceNorm {
			res.Diverged, res.DivergedAt = true, k
			break
		}
		if k < s.Train.Steps-s.Train.FinalSteps {
			tr.observe(k, theta)
		}
	}
	res.ClippedFraction = Num(float64(clipped) / float64(max(1, noisy)))
	res.MaxStep = Num(maxStep)
	nan := Num(math.NaN())
	if res.Diverged {
		res.TestAccuracy, res.TrainAccuracy, res.TrainLoss, res.Sharpness, res.TopEigen = nan, nan, nan, nan, nan
		res.ExitRadius, res.ExitRate, res.Excursion = nan, nan, nan
		res.Done, res.Seconds = true, time.Since(t0).Seconds()
		return res
	}
	res.Exits, res.ExitSteps = 0, 0
	n, radius, steps := tr.exits(s.Metrics.ExitKappa)
	res.Exits, res.ExitRadius, res.ExitSteps = n, Num(radius), steps
	res.Excursion = Num(tr.excursion())
	res.ExitRate = Num(1000 * float64(n) / float64(max(1, steps)))
	res.TestAccuracy = Num(nn.Accuracy(net, theta, sets.Test, nil))
	res.TrainAccuracy = Num(nn.Accuracy(net, theta, sets.Train, nil))
	res.TrainLoss = Num(net.Loss(theta, sets.Train, nil, nil))
	mr := stream(s.Seed, j.Rep, streamMetrics)
	res.Sharpness = Num(Sharpness(ctx, net, theta, sets.Train, s.Metrics.SharpnessSigma, s.Metrics.SharpnessDraws, mr))
	lam, it := TopEigenvalue(ctx, net, theta, sets.Train, s.Metrics.PowerIterations, s.Metrics.PowerTol, mr)
	res.TopEigen, res.EigenIters = Num(lam), it
	res.Done, res.Seconds = ctx.Err() == nil, time.Since(t0).Seconds()
	return res
}

// stepCost is the number of per-example gradients a step of method m
// computes (plain: a large-batch step).
func stepCost(s *Spec, m optim.Method, plain bool) int64 {
	sb, lb := int64(s.Train.SmallBatch), int64(s.Train.LargeBatch)
	if plain {
		return lb
	}
	switch m {
	case optim.LB:
		return lb
	case optim.SAM:
		return 2 * sb
	case optim.Ours1:
		return 2*sb + lb
	case optim.Ours2, optim.SBNoise:
		return sb + lb
	}
	return sb
}

// jobCost is the gradient examples of a whole job.
func jobCost(s *Spec, m optim.Method) int64 {
	noisy := s.Train.Steps
	if m.Heavy() {
		noisy -= s.Train.FinalSteps
	}
	return int64(noisy)*stepCost(s, m, false) + int64(s.Train.Steps-noisy)*stepCost(s, m, true)
}

func norm(a []float64) float64 {
	s := 0.0
	for _, v := range a {
		s += v * v
	}
	return math.Sqrt(s)
}
