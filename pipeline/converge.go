package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// Defaults of ConvergeOptions.
const (
	// DefaultLambdaFactor is ρ: each adaptive rung halves λ(η).
	DefaultLambdaFactor = 0.5
	// DefaultCapFactor censors a replica at 10 predicted mean exit times
	// (times max(1, R̂) of the rung before), so that about e^{−10} of the
	// replicas are censored when the prediction is right.
	DefaultCapFactor = 10
	// DefaultMaxRungs bounds the rungs of a basin, and so the looks the
	// walk takes (the Bonferroni divisor of its level).
	DefaultMaxRungs = 8
)

// Methods of a rung (ConvergeOptions.Method, report.ConvergeRung.Method).
const (
	MethodAuto  = "auto"
	MethodBrute = "bf"
	MethodRare  = "is"
)

// ConvergeOptions control RunConverge. The zero value selects every
// default.
type ConvergeOptions struct {
	// Workers is the number of goroutines (GOMAXPROCS when ≤ 0).
	Workers int
	// Level is the confidence level of the walk as a whole (0:
	// estimators.DefaultLadderLevel); every look is judged at the level
	// 1 − (1 − Level)/K over the K looks the walk may take (see LookRule).
	Level float64
	// Tol is the band of R around 1 (0: estimators.DefaultRatioTol, ±5%),
	// LandingTol that of the landing probabilities (0:
	// estimators.DefaultLandingTol).
	Tol, LandingTol float64
	// LambdaFactor is ρ ∈ (0, 1) of an adaptive ladder (0:
	// DefaultLambdaFactor).
	LambdaFactor float64
	// Exits is the number of brute-force replicas of a rung (0: the exits
	// that make R's interval at the look level ±Tol/2 wide on the log
	// scale, estimators.ExitsForLogHalfWidth).
	Exits int
	// CapFactor censors a replica at CapFactor × max(1, R̂) × E τ_pred
	// (0: DefaultCapFactor).
	CapFactor float64
	// MaxRungs bounds the rungs of each basin (0: DefaultMaxRungs, or the
	// number of Etas).
	MaxRungs int
	// Method is MethodAuto (the default: brute force, or importance
	// sampling where its pilot predicts it cheaper), MethodBrute or
	// MethodRare (importance sampling wherever package rare applies).
	Method string
	// Etas, if not empty, is a fixed ladder (decreasing step sizes) in
	// place of the adaptive one.
	Etas []float64
	// BudgetSteps and BudgetTime bound the whole run (0: no bound); each
	// basin is given an equal share of what is left when its walk starts.
	// A rung starts only if its predicted cost fits in the basin's share.
	BudgetSteps int64
	BudgetTime  time.Duration
	// TheorySamples is the -theory-samples the analysis was made with
	// (recorded in the report; see TheorySamples).
	TheorySamples int
	// Predict, if not nil, replaces the theory's prediction of a basin's
	// first exit at a step size (the analysis' PredictExit): a seam for
	// tests that compare with a deliberately wrong prediction.
	Predict func(basin int, eta float64) (*theory.ExitPrediction, error)
	// Resume, if not nil, is a report of the same run to continue (see
	// RunConverge).
	Resume *report.ConvergeReport
	// OnRung, if not nil, is called after every rung with the report so
	// far and the index of the start whose ladder grew (for checkpoints and
	// progress lines), and once per start when its walk ends.
	OnRung func(rep report.ConvergeReport, si int)
	// OnProgress, if not nil, is called while a rung runs (after every
	// replica or batch of windows), one call at a time.
	OnProgress func(ConvergeProgress)
}

// ConvergeProgress is the state of the rung under way.
type ConvergeProgress struct {
	Start, Basin, Rung int
	Eta                float64
	Method             string
	// Done and Total count replicas (brute force) or windows (importance
	// sampling, pilot excluded).
	Done, Total int
	// Units is the number of replicas or windows that finished since the
	// last call and UnitSteps their steps.
	Units     int
	UnitSteps int64
	// Steps are the steps simulated so far in this rung, PredictedSteps
	// the rung's predicted cost, StepsPerSecond the throughput measured so
	// far in the run (0: not yet known).
	Steps          int64
	PredictedSteps float64
	StepsPerSecond float64
}

// LookRule states how the walk spends its error budget over its looks
// (Bonferroni); the report quotes it with its numbers.
const LookRule = "each look after a rung is judged at level 1 − (1 − level)/K for the K looks the walk may take " +
	"(Bonferroni), and the walk stops at the first \"converges\" or \"inconsistent\": so over the whole walk " +
	"P(false \"inconsistent\") ≤ 1 − level and P(\"converges\" while the last rung's R is outside the band) ≤ (1 − level)/2"

// settings resolves and checks the options for p. Errors are *param.Error
// named pipeline.ConvergeOptions.<Field>.
func (o ConvergeOptions) settings() (report.ConvergeSettings, error) {
	name := func(f string) string { return "pipeline.ConvergeOptions." + f }
	s := report.ConvergeSettings{
		Level: o.Level, Tol: o.Tol, LandingTol: o.LandingTol, LambdaFactor: o.LambdaFactor,
		Exits: o.Exits, CapFactor: o.CapFactor, MaxRungs: o.MaxRungs, Method: o.Method,
		Etas: slices.Clone(o.Etas), TheorySamples: o.TheorySamples, LookRule: LookRule,
	}
	if s.Level == 0 {
		s.Level = estimators.DefaultLadderLevel
	}
	if s.Tol == 0 {
		s.Tol = estimators.DefaultRatioTol
	}
	if s.LandingTol == 0 {
		s.LandingTol = estimators.DefaultLandingTol
	}
	if s.LambdaFactor == 0 {
		s.LambdaFactor = DefaultLambdaFactor
	}
	if s.CapFactor == 0 {
		s.CapFactor = DefaultCapFactor
	}
	if s.Method == "" {
		s.Method = MethodAuto
	}
	switch {
	case !(s.Level > 0 && s.Level < 1):
		return s, param.Errorf(name("Level"), "must be in (0, 1), got %v", o.Level)
	case !(s.Tol > 0 && s.Tol < 1):
		return s, param.Errorf(name("Tol"), "must be in (0, 1), got %v", o.Tol)
	case !(s.LandingTol > 0 && s.LandingTol < 1):
		return s, param.Errorf(name("LandingTol"), "must be in (0, 1), got %v", o.LandingTol)
	case !(s.LambdaFactor > 0 && s.LambdaFactor < 1):
		return s, param.Errorf(name("LambdaFactor"), "must be in (0, 1), got %v", o.LambdaFactor)
	case !(s.CapFactor >= 1) || math.IsInf(s.CapFactor, 0):
		return s, param.Errorf(name("CapFactor"), "must be finite and ≥ 1, got %v", o.CapFactor)
	case s.Exits < 0:
		return s, param.Errorf(name("Exits"), "must be ≥ 0, got %d", o.Exits)
	case s.MaxRungs < 0:
		return s, param.Errorf(name("MaxRungs"), "must be ≥ 0, got %d", o.MaxRungs)
	case o.BudgetSteps < 0:
		return s, param.Errorf(name("BudgetSteps"), "must be ≥ 0, got %d", o.BudgetSteps)
	case o.BudgetTime < 0:
		return s, param.Errorf(name("BudgetTime"), "must be ≥ 0, got %v", o.BudgetTime)
	case s.Method != MethodAuto && s.Method != MethodBrute && s.Method != MethodRare:
		return s, param.Errorf(name("Method"), "want %s, %s or %s, got %q", MethodAuto, MethodBrute, MethodRare, o.Method)
	}
	for k, eta := range s.Etas {
		if !(eta > 0) || math.IsInf(eta, 0) || (k > 0 && eta >= s.Etas[k-1]) {
			return s, param.ElemErrorf(name("Etas"), k, "must be finite, > 0 and decreasing, got %v", eta)
		}
	}
	if s.MaxRungs == 0 {
		s.MaxRungs = DefaultMaxRungs
		if len(s.Etas) > 0 {
			s.MaxRungs = len(s.Etas)
		}
	}
	if len(s.Etas) > 0 {
		s.MaxRungs = min(s.MaxRungs, len(s.Etas))
	}
	s.Looks = s.MaxRungs
	s.LookLevel = 1 - (1-s.Level)/float64(s.Looks)
	if s.Exits == 0 {
		d, err := estimators.ExitsForLogHalfWidth(s.Tol/2, s.LookLevel)
		if err != nil {
			return s, param.Errorf(name("Tol"), "%v", err)
		}
		s.Exits = d
	}
	return s, nil
}

// ErrOtherConverge reports a -resume report of another run: another
// scenario (or seed) or other settings.
var ErrOtherConverge = errors.New("the report belongs to another converge run")

// RunConverge walks a step-size ladder for every start of p to which the
// theory's first-exit prediction applies (app, from CheckApplicability),
// and returns the report: per start basin, the rungs, the verdict on
// R(η) = τ̄·q η λ(η)^J → 1 (estimators.JudgeRatio) and the verdict on the
// landing law (estimators.JudgeLanding) (docs/converge.md).
//
// The ladder. Rung 0 is at the largest step size of p (or Etas[0]); rung
// k+1 at the η' < η_k with λ(η') = ρ·λ(η_k) (estimators.NextEta), so the
// ladder is geometric in λ, the scale the bias decays in (or Etas[k+1]).
// Each rung estimates R(η) by brute force (n = Exits replicas of the first
// exit, each censored at CapFactor × max(1, R̂_{k−1}) × E τ_pred, streams
// mc.ConvergeKey(seed, start, k)) or, when its pilot says it is cheaper,
// by importance sampling (rareRung, 1-D only). After every rung the
// ladder is judged; the walk stops at "converges" or "inconsistent"
// (judged at the look level, see LookRule), after MaxRungs rungs, when the
// fixed ladder ends, or before a rung whose predicted cost
// (estimators.RungCost with R̂_{k−1} E τ_pred) does not fit in the
// basin's share of the budget; its report then names the rung it would
// run next and its cost, and a verdict "consistent, not yet converged"
// carries the η and steps its trend calls for.
//
// Determinism. A rung's numbers depend on the seed, the start and the
// rung index only (not on workers, budgets or resuming): budgets decide
// how many rungs run, not what a rung is. A rung cut by the time budget or
// an interruption is dropped: its finished replicas are the short ones, a
// biased subset.
//
// Resume. With opt.Resume, a report of the same scenario (canonical form,
// seed included) and settings, the rungs it holds are kept and each walk
// continues where it stopped (a walk that ended on a verdict, at MaxRungs
// or at the end of a fixed ladder stays as it is).
//
// On cancellation RunConverge returns the report so far (Interrupted) and
// ctx.Err().
func RunConverge(ctx context.Context, p *scenario.Plan, app *Applicability, opt ConvergeOptions) (report.ConvergeReport, error) {
	set, err := opt.settings()
	if err != nil {
		return report.ConvergeReport{}, err
	}
	w, err := newWalk(p, app, opt, set)
	if err != nil {
		return report.ConvergeReport{}, err
	}
	start := time.Now()
	if opt.BudgetTime > 0 {
		w.deadline = start.Add(opt.BudgetTime)
	}
	w.stepsLeft = opt.BudgetSteps
	for si := range p.Starts {
		b := &w.rep.Basins[si]
		if final(b.Stop) {
			continue
		}
		if err := w.walkBasin(ctx, si, w.basinsLeft(si)); err != nil {
			if ctx.Err() != nil {
				w.rep.Interrupted = true
				b.Stop = report.StopInterrupted
				if opt.OnRung != nil {
					opt.OnRung(w.rep, si)
				}
				return w.rep, ctx.Err()
			}
			return w.rep, err
		}
		if opt.OnRung != nil {
			opt.OnRung(w.rep, si)
		}
	}
	return w.rep, nil
}

// final reports whether a walk that stopped for this reason is over for
// good (a resumed run does not continue it).
func final(stop string) bool {
	switch stop {
	case report.StopConverges, report.StopInconsistent, report.StopMaxRungs, report.StopLadderEnd,
		report.StopNotApplicable, report.StopNoLadder, report.StopRareUntrusted:
		return true
	}
	return false
}

// walk is the state of RunConverge.
type walk struct {
	p       *scenario.Plan
	app     *Applicability
	opt     ConvergeOptions
	set     report.ConvergeSettings
	rep     report.ConvergeReport
	predict func(basin int, eta float64) (*theory.ExitPrediction, error)

	stepsLeft  int64     // budget of steps left (0: no budget)
	sh         share     // the share of the walk under way
	deadline   time.Time // end of the time budget (zero: none)
	throughput float64   // steps per second measured so far (0: unknown)
}

// newWalk prepares the report of every start (from opt.Resume, checked to
// be the same run, or new).
func newWalk(p *scenario.Plan, app *Applicability, opt ConvergeOptions, set report.ConvergeSettings) (*walk, error) {
	if len(app.Reasons) != len(p.Starts) {
		return nil, errors.New("pipeline: the applicability was decided for another plan")
	}
	if set.Method == MethodRare {
		if err := CheckRare(p); err != nil {
			return nil, param.Errorf("pipeline.ConvergeOptions.Method", "is: %v", err)
		}
	}
	w := &walk{p: p, app: app, opt: opt, set: set, predict: opt.Predict}
	if w.predict == nil && app.Analysis != nil {
		w.predict = app.Analysis.PredictExit
	}
	rep, err := newConvergeReport(p, set)
	if err != nil {
		return nil, err
	}
	rep.Budget = report.ConvergeBudget{Steps: opt.BudgetSteps, Seconds: opt.BudgetTime.Seconds()}
	for si := range p.Starts {
		b, err := w.newBasin(si)
		if err != nil {
			return nil, err
		}
		rep.Basins = append(rep.Basins, b)
	}
	if r := opt.Resume; r != nil {
		if err := sameConvergeRun(&rep, r); err != nil {
			return nil, err
		}
		for si := range rep.Basins {
			old := r.Basins[si]
			if rep.Basins[si].NotApplicable != "" {
				continue
			}
			rep.Basins[si].Rungs = old.Rungs
			rep.Basins[si].Labels, rep.Basins[si].PredictedLanding = old.Labels, old.PredictedLanding
			rep.Basins[si].Stop, rep.Basins[si].Next = old.Stop, old.Next
			rep.Basins[si].Verdict, rep.Basins[si].Landing = old.Verdict, old.Landing
		}
		rep.StepsPerSecond = r.StepsPerSecond
		w.throughput = r.StepsPerSecond
	}
	w.rep = rep
	return w, nil
}

// newConvergeReport returns the report of p with settings set and no
// basins.
func newConvergeReport(p *scenario.Plan, set report.ConvergeSettings) (report.ConvergeReport, error) {
	rep := report.ConvergeReport{Format: report.ConvergeFormat, Scenario: p.Name, Dimension: p.Dim(),
		Law: lawName(p.Noise), Alpha: estimators.Number(math.NaN()), NoiseScale: noiseScale(p.Noise),
		B: estimators.Number(p.B), Settings: set, Basins: []report.ConvergeBasin{},
		Warnings: append([]string{}, p.Warnings...)}
	if l := lawOf(p.Noise); l != nil && heavyTailed(p) {
		rep.Alpha = estimators.Number(l.Alpha())
	}
	if p.Source != nil {
		text, err := p.Source.TOML()
		if err != nil {
			return rep, err
		}
		rep.ScenarioTOML = string(text)
	}
	return rep, nil
}

// sameConvergeRun checks that old is a report of the run rep starts: the
// same scenario in canonical form and the same settings.
func sameConvergeRun(rep, old *report.ConvergeReport) error {
	mine, err := canonicalTOML(rep.ScenarioTOML)
	if err != nil {
		return err
	}
	theirs, err := canonicalTOML(old.ScenarioTOML)
	if err != nil {
		return fmt.Errorf("%w: its scenario: %v", ErrOtherConverge, err)
	}
	a, b := rep.Settings, old.Settings
	a.LookRule, b.LookRule = "", ""
	switch {
	case mine != theirs:
		return fmt.Errorf("%w: another scenario or seed", ErrOtherConverge)
	case !slices.Equal(a.Etas, b.Etas):
		return fmt.Errorf("%w: another fixed ladder", ErrOtherConverge)
	case a.FromRecords || b.FromRecords:
		return fmt.Errorf("%w: a ladder judged from records is not continued", ErrOtherConverge)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		return fmt.Errorf("%w: other settings (%s; this run %s)", ErrOtherConverge, jb, ja)
	}
	if len(old.Basins) != len(rep.Basins) {
		return fmt.Errorf("%w: %d starts, this run %d", ErrOtherConverge, len(old.Basins), len(rep.Basins))
	}
	return nil
}

// canonicalTOML returns the canonical JSON of the scenario in text.
func canonicalTOML(text string) (string, error) {
	if text == "" {
		return "", errors.New("pipeline: the report quotes no scenario (the plan had no Plan.Source)")
	}
	sc, err := scenario.Parse([]byte(text))
	if err != nil {
		return "", err
	}
	data, err := json.Marshal(sc)
	return string(data), err
}

// newBasin returns the report of start si before any rung: its basin,
// prediction constants and landing cells, or the reason the theory does
// not apply.
func (w *walk) newBasin(si int) (report.ConvergeBasin, error) {
	st := w.p.Starts[si]
	b := report.ConvergeBasin{Start: si, Basin: st.Basin, StartPoint: slices.Clone(st.X),
		Labels: []int{}, PredictedLanding: []float64{}, Rungs: []report.ConvergeRung{}}
	if !w.app.Applies(si) {
		b.NotApplicable = w.app.Reasons[si]
		b.Stop = report.StopNotApplicable
		b.Verdict = estimators.NotApplicableVerdict(b.NotApplicable)
		return b, nil
	}
	pred, err := w.predict(st.Basin, w.firstEta(st.Basin))
	if err != nil {
		return b, err
	}
	b.Jump, b.Rate, b.RateErr = pred.JumpNumber, pred.Rate, pred.RateErr
	n := len(w.p.Basins.MinimumSets())
	labels := map[int]bool{}
	for j := range n {
		if j != st.Basin {
			labels[j] = true
		}
	}
	for j := range pred.Landing {
		labels[j] = true
	}
	for j := range labels {
		b.Labels = append(b.Labels, j)
	}
	slices.Sort(b.Labels)
	for _, j := range b.Labels {
		b.PredictedLanding = append(b.PredictedLanding, pred.Landing[j])
	}
	return b, nil
}

// firstCurvature bounds the step size of an adaptive ladder's first rung:
// η₀·f″(m) ≤ 1/4. The discrete-time part of the bias is not monotone in η:
// on a quadratic well f = k x²/2 the displacement the small noises keep
// up has variance η²σ²/(1 − ρ²) with ρ = 1 − ηk (σ² = Var Z for α > 2), and
// the relative excess of the exit hazard it causes, ∝ ρ²·η²σ²/(1 − ρ²) =
// (σ²/k)·u(1 − u)²/(2 − u) with u = ηk, rises with u up to u ≈ 0.38 and
// falls after (it is 0 at u = 1, where X_{n+1} = ηZ_{n+1} and R = 1
// exactly). A ladder starting above the peak sees R move away from 1 at
// first, which the verdict's assumption (bias monotone in λ) forbids; 1/4
// keeps the first rung on the monotone side with a margin.
const firstCurvature = 0.25

// firstEta is the step size of rung 0 of basin i: Etas[0] of a fixed
// ladder; else the largest step size of the plan, lowered to
// firstCurvature/f″(m_i) (λ_max of the Hessian on R^d) when it is above.
func (w *walk) firstEta(i int) float64 {
	if len(w.set.Etas) > 0 {
		return w.set.Etas[0]
	}
	eta := slices.Max(w.p.Etas)
	if curv, smooth := scenario.MaxCurvature(w.p.Landscape, w.p.Basins.MinimumSets()[i]); smooth && curv > 0 {
		eta = min(eta, firstCurvature/curv)
	}
	return eta
}

// basinsLeft is the number of starts from si on whose walks are not over
// (their share of the budget).
func (w *walk) basinsLeft(si int) int {
	n := 0
	for k := si; k < len(w.rep.Basins); k++ {
		if !final(w.rep.Basins[k].Stop) {
			n++
		}
	}
	return max(n, 1)
}

// lambda is λ(η) of the plan's noise (NaN where undefined).
func (w *walk) lambda(eta float64) float64 {
	l, err := theory.Lambda(w.p.Noise, eta)
	if err != nil {
		return math.NaN()
	}
	return l
}

// meanExit returns the predicted mean exit time of basin i at η (NaN where
// undefined).
func (w *walk) meanExit(i int) func(float64) float64 {
	return func(eta float64) float64 {
		pred, err := w.predict(i, eta)
		if err != nil {
			return math.NaN()
		}
		return pred.MeanSteps
	}
}

// share is the budget of a basin's walk: an equal share of what is left
// among the n walks still to run.
type share struct {
	steps    int64     // 0: none
	deadline time.Time // zero: none
}

// walkBasin runs the ladder of start si until its walk ends.
func (w *walk) walkBasin(ctx context.Context, si, left int) error {
	b := &w.rep.Basins[si]
	w.sh = share{}
	if w.stepsLeft > 0 {
		w.sh.steps = max(1, w.stepsLeft/int64(left))
	}
	if !w.deadline.IsZero() {
		w.sh.deadline = time.Now().Add(time.Until(w.deadline) / time.Duration(left))
	}
	b.Stop, b.Next = "", nil
	for {
		if err := w.judge(b); err != nil {
			return err
		}
		if len(b.Rungs) > 0 {
			switch b.Verdict.Kind {
			case estimators.Converges:
				b.Stop = report.StopConverges
				return nil
			case estimators.Inconsistent:
				b.Stop = report.StopInconsistent
				return nil
			}
		}
		k := len(b.Rungs)
		if k >= w.set.MaxRungs {
			b.Stop = report.StopMaxRungs
			if len(w.set.Etas) > 0 && k >= len(w.set.Etas) {
				b.Stop = report.StopLadderEnd
			}
			return nil
		}
		eta, err := w.nextEta(b)
		if err != nil {
			b.Stop = report.StopNoLadder
			b.Verdict.Warnings = append(b.Verdict.Warnings, "no further rung: "+err.Error())
			return nil
		}
		pred, err := w.predict(b.Basin, eta)
		if err != nil {
			return scenario.FieldOf(err)
		}
		rHat := lastRatio(b)
		theta := rHat * pred.MeanSteps
		capSteps := capOf(w.set.CapFactor*max(1, rHat)*pred.MeanSteps, w.p.Run.MaxSteps)
		bfSteps, _, err := estimators.RungCost(theta, w.set.Exits, float64(capSteps))
		if err != nil {
			b.Stop = report.StopNoLadder
			b.Verdict.Warnings = append(b.Verdict.Warnings, fmt.Sprintf("no rung at η = %g: %v", eta, err))
			return nil
		}
		next := &report.ConvergeNext{Eta: eta, Lambda: w.lambda(eta), Method: MethodBrute, PredictedSteps: bfSteps}
		afford := w.afford
		var counts map[int]int
		rung, used, note, err := w.rareRung(ctx, si, k, eta, pred, bfSteps, afford)
		next.Note = note
		if !used && err == nil {
			if stop := afford(bfSteps); stop != "" {
				err = &unaffordable{stop: stop, steps: bfSteps}
			} else {
				rung, counts, err = w.bruteRung(ctx, si, k, eta, pred, capSteps, bfSteps)
			}
		}
		var u *unaffordable
		var refused *rareRefused
		switch {
		case errors.As(err, &refused):
			w.charge(refused.spent)
			next.Method, next.Note = MethodRare, refused.msg
			b.Stop, b.Next = report.StopRareUntrusted, next
			if err := w.judge(b); err != nil {
				return err
			}
			b.Verdict.Warnings = append(b.Verdict.Warnings, fmt.Sprintf("rung %d (η = %g): %s; the walk stops", k, eta, refused.msg))
			return nil
		case errors.As(err, &u):
			if used {
				next.Method = MethodRare
			}
			next.PredictedSteps = u.steps
			b.Stop, b.Next = u.stop, next
			w.charge(u.spent)
			return w.judge(b)
		case err != nil:
			return err
		}
		w.spend(rung)
		w.addRung(b, rung, counts)
		if err := w.judge(b); err != nil {
			return err
		}
		if !trusted(rung) {
			b.Stop = report.StopRareUntrusted
			b.Verdict.Warnings = append(b.Verdict.Warnings, fmt.Sprintf("rung %d (η = %g, importance sampling) failed its diagnostics and is not judged: %s; the walk stops",
				k, eta, strings.Join(rung.Rare.Warnings, "; ")))
			return nil
		}
		if w.opt.OnRung != nil {
			w.opt.OnRung(w.rep, si)
		}
	}
}

// unaffordable reports a rung that the budget refuses (stop is the
// reason, steps its predicted cost).
type unaffordable struct {
	stop  string
	steps float64
	spent int64 // steps spent on the rung before it was refused (a probe), not yet charged
}

func (u *unaffordable) Error() string {
	return fmt.Sprintf("%s: a rung of %.3g predicted steps does not fit", u.stop, u.steps)
}

// afford returns "" when a rung of the predicted steps fits in the share,
// or the stop reason.
func (w *walk) afford(steps float64) string {
	if w.sh.steps > 0 && steps > float64(w.sh.steps) {
		return report.StopBudgetSteps
	}
	if !w.sh.deadline.IsZero() {
		left := time.Until(w.sh.deadline).Seconds()
		if left <= 0 || (w.throughput > 0 && steps/w.throughput > left) {
			return report.StopBudgetTime
		}
	}
	return ""
}

// charge takes steps from the step budget (which stays positive, so that
// it remains a budget: the shares of the walks left are then 0 steps).
func (w *walk) charge(steps int64) {
	if w.stepsLeft > 0 {
		w.stepsLeft = max(1, w.stepsLeft-steps)
	}
	if w.sh.steps > 0 {
		w.sh.steps = max(1, w.sh.steps-steps)
	}
}

// spend charges a rung to the budget (a pilot of importance sampling was
// charged when it ran) and updates the throughput.
func (w *walk) spend(r report.ConvergeRung) {
	steps := r.Steps
	if r.Rare != nil {
		steps -= r.Rare.PilotSteps
	}
	w.charge(steps)
	if r.Seconds > 0 && r.Steps > 0 {
		w.throughput = float64(r.Steps) / r.Seconds
		w.rep.StepsPerSecond = w.throughput
	}
}

// nextEta is the step size of the next rung of b.
func (w *walk) nextEta(b *report.ConvergeBasin) (float64, error) {
	k := len(b.Rungs)
	switch {
	case len(w.set.Etas) > 0:
		return w.set.Etas[k], nil
	case k == 0:
		return w.firstEta(b.Basin), nil
	}
	return estimators.NextEta(w.lambda, b.Rungs[k-1].Eta, w.set.LambdaFactor)
}

// lastRatio is R̂ of the last trusted rung of b, or 1 before any: the
// correction of the prediction that sizes the next rung.
func lastRatio(b *report.ConvergeBasin) float64 {
	for k := len(b.Rungs) - 1; k >= 0; k-- {
		if r := b.Rungs[k]; trusted(r) && r.Ratio > 0 {
			return r.Ratio
		}
	}
	return 1
}

// capOf is the step cap of a replica: c rounded up, at most maxSteps
// (the plan's run.max_steps) and at least 1.
func capOf(c float64, maxSteps int64) int64 {
	if !(c < float64(maxSteps)) {
		return max(maxSteps, 1)
	}
	return max(int64(math.Ceil(c)), 1)
}

// addRung appends r to b with its landing counts by label (nil for an
// importance-sampled rung), adding any label not seen before (with
// predicted probability 0: a forbidden cell) to b and, with count 0, to
// its earlier brute-force rungs.
func (w *walk) addRung(b *report.ConvergeBasin, r report.ConvergeRung, counts map[int]int) {
	if counts != nil {
		var fresh []int
		for j := range counts {
			if !slices.Contains(b.Labels, j) {
				fresh = append(fresh, j)
			}
		}
		slices.Sort(fresh)
		for _, j := range fresh {
			b.Labels = append(b.Labels, j)
			b.PredictedLanding = append(b.PredictedLanding, 0)
			for k := range b.Rungs {
				if b.Rungs[k].LandingCounts != nil {
					b.Rungs[k].LandingCounts = append(b.Rungs[k].LandingCounts, 0)
				}
			}
		}
		r.LandingCounts = make([]int, len(b.Labels))
		for c, j := range b.Labels {
			r.LandingCounts[c] = counts[j]
		}
	}
	b.Rungs = append(b.Rungs, r)
}

// exitExperimentAt is the first-exit experiment of start si at step size
// eta with the cap capSteps.
func exitExperimentAt(p *scenario.Plan, si int, eta float64, capSteps int64) mc.FirstExit {
	return mc.FirstExit{
		System:   mc.System{Landscape: p.Landscape, Basins: p.Basins, Noise: p.Noise, Eta: eta, B: p.B, Domain: p.Domain},
		Start:    slices.Clone(p.Starts[si].X),
		MaxSteps: capSteps,
	}
}
