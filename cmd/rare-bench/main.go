// Command rare-bench measures the rare-event (importance-sampling) estimator
// of package rare against brute force (issue 6, part 2) and writes JSON to
// results/rare/.
//
// Usage:
//
//	rare-bench brute   -point P -eta 0.01 -steps 1.2e10 [-workers 1] [-seed 1] [-out FILE]
//	rare-bench sweep   -point P -eta 0.001 -samples 200000 [-gammas 0.25,0.5,1] [-windows 0.67:0.5,2:1]
//	rare-bench profile -point P -eta 0.001 -samples 200000 [-window 4]
//	rare-bench table   [-out results/rare/validation.json] [-scale 1]
//	rare-bench import  -point P -records FILE -ns-per-step NS [-wall-seconds S] [-out FILE]
//
// brute runs plain SGD from the minimum, restarting there after every exit,
// until a budget of steps is spent (the last run of each worker is
// censored): the exits are iid, and their mean gets the chi-square CI of
// estimators.ExpMean. sweep runs the importance sampler for several designs
// (γ as a fraction of the slack, window T : burn-in T_0). profile estimates
// P(τ ≤ t/η) over a long window to show the start transient. table runs the
// validation table of the issue: (η, method, estimate, CI, relative error,
// steps, work-normalised variance, speed-up), reading brute-force results
// written by brute from results/rare/ and running the cheap ones itself.
// import turns the records of a long `verify exit -out` run (sharded,
// checkpointed) into such a brute-force result.
//
// This command may import theory (cmd/ packages join measurement and
// prediction): J, the slack and the predicted mean come from it and are
// handed to package rare as parameters.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/htsgd/htsgd/estimators"
	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rare"
	"github.com/htsgd/htsgd/theory"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "rare-bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: rare-bench brute|sweep|profile|table|import [flags]")
	}
	switch args[0] {
	case "brute":
		return runBrute(ctx, args[1:], stdout, stderr)
	case "sweep":
		return runSweep(ctx, args[1:], stdout, stderr)
	case "profile":
		return runProfile(ctx, args[1:], stdout, stderr)
	case "table":
		return runTable(ctx, args[1:], stdout, stderr)
	case "import":
		return runImport(ctx, args[1:], stdout, stderr)
	}
	return fmt.Errorf("unknown command %q (want brute, sweep, profile, table or import)", args[0])
}

// pointSpec is one test point on paper-1d with symmetric Pareto noise.
type pointSpec struct {
	Name  string  `json:"name"`
	Alpha float64 `json:"alpha"`
	Scale float64 `json:"c"`
	B     float64 `json:"b"`
	// Start is the 0-based index of the minimum the windows start from.
	Start int `json:"start_index"`
}

// points are the points of the issue: P (J = 3, slack 0.10), J2 (the same
// basin at b = 0.5: J = 2, slack 0.10) and the paper's hard point (b = 0.28,
// α = 1.2: J = 3, slack 0.04).
var points = map[string]pointSpec{
	"P":    {Name: "P", Alpha: 1.5, Scale: 0.1, B: 0.25, Start: 1},
	"J2":   {Name: "J2", Alpha: 1.5, Scale: 0.1, B: 0.5, Start: 1},
	"hard": {Name: "hard", Alpha: 1.2, Scale: 0.1, B: 0.28, Start: 1},
}

// setup is a point at one η with its theory: J, radius, slack, q_i and the
// predicted mean exit time 1/(q_i η λ(η)^J).
type setup struct {
	Spec     pointSpec `json:"point"`
	Eta      float64   `json:"eta"`
	StartX   float64   `json:"start_x"`
	J        int       `json:"j"`
	Radius   float64   `json:"radius"`
	Slack    float64   `json:"slack"`
	Q        float64   `json:"q"`
	PredMean float64   `json:"predicted_mean_steps"`
	sys      mc.System
}

func newSetup(name string, eta float64) (*setup, error) {
	spec, ok := points[name]
	if !ok {
		return nil, fmt.Errorf("point: unknown %q (want P, J2 or hard)", name)
	}
	l, err := landscapes.NewPaper1D(landscapes.Paper1DLo, landscapes.Paper1DHi)
	if err != nil {
		return nil, err
	}
	st, err := landscapes.Discover(l)
	if err != nil {
		return nil, err
	}
	law, err := noise.NewPareto(spec.Alpha, spec.Scale, 0.5)
	if err != nil {
		return nil, err
	}
	m := theory.Model{Structure: st, Deriv: l.Deriv, Alpha: spec.Alpha, PPlus: 0.5, B: spec.B}
	jm, err := theory.ComputeJumps(m)
	if err != nil {
		return nil, err
	}
	rates, err := theory.ComputeRates(m, jm)
	if err != nil {
		return nil, err
	}
	i := spec.Start
	J := jm.J[i]
	unit, err := theory.TimeUnit(law, eta, J)
	if err != nil {
		return nil, err
	}
	s := &setup{Spec: spec, Eta: eta, StartX: st.Minima[i], J: J, Radius: jm.Radius[i],
		Slack: jm.Radius[i] - float64(J-1)*spec.B, Q: rates.Exit[i], PredMean: unit / rates.Exit[i],
		sys: mc.System{Line: l, Structure: st, Law: law, Eta: eta, B: spec.B}}
	return s, nil
}

// config returns the rare.Config of the setup with design d.
func (s *setup) config(d rare.Design) rare.Config {
	return rare.Config{System: s.sys, Start: s.StartX, Design: d}
}

// ---------------------------------------------------------------- brute

// bruteResult is a brute-force run: exits from the minimum with restarts.
type bruteResult struct {
	Setup     *setup    `json:"setup"`
	Workers   int       `json:"workers"`
	Seed      uint64    `json:"seed"`
	Budget    int64     `json:"budget_steps"`
	Steps     int64     `json:"steps"`
	Exits     int       `json:"exits"`
	Censored  int       `json:"censored"`
	Mean      float64   `json:"mean_steps"`
	Low       float64   `json:"mean_low"`
	High      *float64  `json:"mean_high"`
	Level     float64   `json:"level"`
	NsPerStep float64   `json:"ns_per_step"` // CPU time per step
	WallSec   float64   `json:"wall_seconds"`
	CPUSec    float64   `json:"cpu_seconds"`
	Times     []float64 `json:"exit_times"`
	// WorkNormVar is the work-normalised relative variance of brute force,
	// E τ steps per exit × relative variance 1 of an exponential exit time:
	// the measured mean.
	WorkNormVar float64 `json:"work_norm_var"`
	// Source says where the exits come from when they were not made by
	// brute (see runImport).
	Source string `json:"source,omitempty"`
}

// bruteForce runs `workers` independent chains from the minimum, each with
// budget/workers steps; chain w uses stream key.Rand(w) for all its runs, so
// the result depends on (seed, budget, workers) only.
func bruteForce(ctx context.Context, s *setup, budget int64, workers int, seed uint64, progress io.Writer) (*bruteResult, error) {
	key := mc.StreamKey{Seed: seed, Labels: []uint64{0xb7}}
	per := budget / int64(workers)
	type chain struct {
		times    []float64
		censored float64
	}
	start := time.Now()
	cpu0 := cpuSeconds()
	chains, _, err := mc.Replicas(ctx, 0, workers, workers, func(ctx context.Context, w int) (chain, error) {
		r := key.Rand(w)
		var c chain
		left := per
		for left > 0 {
			rec, err := mc.FirstExit{System: s.sys, Start: s.StartX, MaxSteps: left}.Run(ctx, r)
			if err != nil {
				return c, err
			}
			left -= rec.Steps
			if rec.Censored {
				c.censored = float64(rec.Steps)
				break
			}
			c.times = append(c.times, float64(rec.Steps))
			if progress != nil && w == 0 {
				fmt.Fprintf(progress, "  chain 0: exit %d after %.3g steps (%.0f%% of its budget, %.0fs)\n",
					len(c.times), float64(rec.Steps), 100*float64(per-left)/float64(per), time.Since(start).Seconds())
			}
		}
		return c, nil
	}, nil)
	if err != nil {
		return nil, err
	}
	wall := time.Since(start).Seconds()
	cpu := cpuSeconds() - cpu0
	res := &bruteResult{Setup: s, Workers: workers, Seed: seed, Budget: budget, Level: 0.95, WallSec: wall, CPUSec: cpu}
	var total float64
	for _, c := range chains {
		for _, t := range c.times {
			total += t
			res.Times = append(res.Times, t)
		}
		if c.censored > 0 {
			total += c.censored
			res.Censored++
		}
	}
	res.Exits = len(res.Times)
	res.Steps = int64(total)
	res.NsPerStep = cpu * 1e9 / total
	em, err := estimators.ExpMeanFromTotals(total, res.Exits, res.Censored, res.Level)
	if err != nil {
		return nil, err
	}
	res.Mean, res.Low, res.High = em.Mean, em.Low, num(em.High)
	res.WorkNormVar = em.Mean
	return res, nil
}

func runBrute(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("brute", flag.ContinueOnError)
	name := fs.String("point", "P", "point: P, J2 or hard")
	eta := fs.Float64("eta", 0.01, "step size η")
	steps := fs.Float64("steps", 1e9, "total step budget")
	workers := fs.Int("workers", 1, "chains (each gets steps/workers)")
	seed := fs.Uint64("seed", 1, "seed")
	out := fs.String("out", "", "JSON file (default results/rare/brute_<point>_<eta>.json)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := newSetup(*name, *eta)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "brute force at %s, η = %g: J = %d, slack %.4f, predicted mean %.3g steps; budget %.3g steps on %d chains\n",
		*name, *eta, s.J, s.Slack, s.PredMean, *steps, *workers)
	res, err := bruteForce(ctx, s, int64(*steps), *workers, *seed, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s η=%g: %d exits, %d censored, %.4g steps: mean %.4g [%.4g, %s] (predicted %.4g), %.1f ns/step, %.0f s\n",
		*name, *eta, res.Exits, res.Censored, float64(res.Steps), res.Mean, res.Low, fmtPtr(res.High), s.PredMean, res.NsPerStep, res.WallSec)
	path := *out
	if path == "" {
		path = brutePath(*name, *eta)
	}
	return writeJSON(path, res)
}

func brutePath(name string, eta float64) string {
	return filepath.Join("results", "rare", fmt.Sprintf("brute_%s_eta%g.json", name, eta))
}

// ---------------------------------------------------------------- sweep

// sweepRow is one design of a sweep.
type sweepRow struct {
	GammaFrac float64      `json:"gamma_over_slack"`
	Result    rare.Result  `json:"result"`
	SpeedUp   *float64     `json:"speed_up_vs_predicted_mean"`
	NotB      []notBPoint  `json:"p_not_b"`
	NsPerStep float64      `json:"ns_per_step"`
	WallSec   float64      `json:"wall_seconds"`
	Setup     *setup       `json:"setup"`
	Design    rare.Design  `json:"design"`
	Spans     spanStats    `json:"spans"`
	Extra     *sweepExtras `json:"extra,omitempty"`
}

// sweepExtras are optional comparisons.
type sweepExtras struct {
	BruteMean *float64 `json:"brute_mean_steps,omitempty"`
}

// notBPoint is the estimated share of p carried by exits with fewer than J
// jumps |ηZ| > γ' (ExitSample.JthJump ≤ γ'), for γ' = frac·slack.
type notBPoint struct {
	GammaFrac float64  `json:"gamma_over_slack"`
	Share     float64  `json:"-"`
	SE        float64  `json:"-"`
	ShareJSON *float64 `json:"share_of_p"`
	SEJSON    *float64 `json:"se"`
}

// notB estimates P(exit by n, J-th jump ≤ γ')/p̂ for several γ'.
func notB(res rare.Result, slack float64, fracs []float64) []notBPoint {
	var out []notBPoint
	n := float64(res.Samples)
	for _, f := range fracs {
		var s1, s2 float64
		for _, e := range res.ExitLog {
			if e.JthJump <= f*slack {
				s1 += e.LR
				s2 += e.LR * e.LR
			}
		}
		mean := s1 / n
		se := math.Sqrt(math.Max(s2/n-mean*mean, 0) / n)
		p := notBPoint{GammaFrac: f, Share: mean / res.P.Value, SE: se / res.P.Value}
		p.ShareJSON, p.SEJSON = num(p.Share), num(p.SE)
		out = append(out, p)
	}
	return out
}

// spanStats summarises the LR-weighted durations of the exits' jump
// sequences (rare.ExitSample.Span), in units of 1/η: quantiles, and the
// relative bias the burn-in leaves in the rate, −E[min((D − T0)⁺, T − T0)]/(T − T0)
// (a window started at the minimum sees an exit at t only if its jumps began
// after 0, so its hazard at t is r·P(D ≤ t)).
type spanStats struct {
	Q50       float64 `json:"q50"`
	Q90       float64 `json:"q90"`
	Q99       float64 `json:"q99"`
	Max       float64 `json:"max"`
	BurnBias  float64 `json:"burn_bias"`
	NaiveBias float64 `json:"naive_bias"`
}

func spans(res rare.Result) spanStats {
	type ws struct{ d, w float64 }
	var xs []ws
	var tot float64
	for _, e := range res.ExitLog {
		xs = append(xs, ws{float64(e.Span) * res.Eta, e.LR})
		tot += e.LR
	}
	if tot == 0 {
		return spanStats{}
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].d < xs[j].d })
	q := func(p float64) float64 {
		c := 0.0
		for _, x := range xs {
			c += x.w
			if c >= p*tot {
				return x.d
			}
		}
		return xs[len(xs)-1].d
	}
	t, t0 := res.Design.Window, res.Design.Burn
	var bb, nb float64
	for _, x := range xs {
		bb += x.w * math.Min(math.Max(x.d-t0, 0), t-t0)
		nb += x.w * math.Min(x.d, t)
	}
	return spanStats{Q50: q(0.5), Q90: q(0.9), Q99: q(0.99), Max: xs[len(xs)-1].d,
		BurnBias: -bb / tot / (t - t0), NaiveBias: -nb / tot / t}
}

func parseFloats(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// parseWindows parses "T:T0,T:T0,…".
func parseWindows(s string) ([][2]float64, error) {
	var out [][2]float64
	for _, w := range strings.Split(s, ",") {
		a, b, ok := strings.Cut(w, ":")
		if !ok {
			return nil, fmt.Errorf("windows: want T:T0, got %q", w)
		}
		t, err := strconv.ParseFloat(a, 64)
		if err != nil {
			return nil, err
		}
		t0, err := strconv.ParseFloat(b, 64)
		if err != nil {
			return nil, err
		}
		out = append(out, [2]float64{t, t0})
	}
	return out, nil
}

// runIS runs one design and times it.
func runIS(ctx context.Context, s *setup, d rare.Design, samples, workers int, seed uint64) (rare.Result, float64, float64, error) {
	start := time.Now()
	cpu0 := cpuSeconds()
	res, err := rare.Estimate(ctx, s.config(d), mc.StreamKey{Seed: seed, Labels: []uint64{0x15}}, samples, workers)
	wall := time.Since(start).Seconds()
	cpu := cpuSeconds() - cpu0
	if err != nil {
		return res, 0, 0, err
	}
	return res, cpu * 1e9 / float64(res.TotalSteps), wall, nil
}

func runSweep(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sweep", flag.ContinueOnError)
	name := fs.String("point", "P", "point: P, J2 or hard")
	eta := fs.Float64("eta", 1e-3, "step size η")
	samples := fs.Int("samples", 100000, "windows per design")
	gammas := fs.String("gammas", "0.25,0.5,0.75,0.95", "γ as fractions of the slack")
	windows := fs.String("windows", "0.667:0.5,1:0.5,2:1", "window:burn-in pairs, in units of 1/η")
	weight := fs.Float64("weight", rare.DefaultWeight, "defensive weight w")
	warmups := fs.String("warmups", "0", "warm-up lengths T_w, in units of 1/η")
	workers := fs.Int("workers", 0, "workers (0: GOMAXPROCS)")
	seed := fs.Uint64("seed", 1, "seed")
	out := fs.String("out", "", "JSON file (default results/rare/sweep_<point>_eta<eta>.json)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := newSetup(*name, *eta)
	if err != nil {
		return err
	}
	gs, err := parseFloats(*gammas)
	if err != nil {
		return fmt.Errorf("gammas: %w", err)
	}
	ws, err := parseWindows(*windows)
	if err != nil {
		return err
	}
	wus, err := parseFloats(*warmups)
	if err != nil {
		return fmt.Errorf("warmups: %w", err)
	}
	fmt.Fprintf(stdout, "sweep at %s, η = %g: J = %d, r = %.4f, slack %.4f, q = %.4f, predicted mean %.3g steps\n",
		*name, *eta, s.J, s.Radius, s.Slack, s.Q, s.PredMean)
	fmt.Fprintf(stdout, "%6s %6s %6s %6s %9s %10s %8s %10s %8s %10s %22s %9s %9s %9s %6s\n",
		"γ/s", "Tw", "T", "T0", "P(B)", "p", "RE(p)", "rate", "RE(r)", "mean", "CI", "WNV", "speed-up", "naive/m", "exits")
	var rows []sweepRow
	for _, w := range ws {
		for _, wu := range wus {
			for _, g := range gs {
				d := rare.Design{J: s.J, Gamma: g * s.Slack, Window: w[0], Burn: w[1], Warmup: wu, Weight: *weight}
				res, ns, wall, err := runIS(ctx, s, d, *samples, *workers, *seed)
				if err != nil {
					return err
				}
				row := sweepRow{GammaFrac: g, Result: res, SpeedUp: num(res.SpeedUp(s.PredMean)),
					NotB: notB(res, s.Slack, []float64{0.25, 0.5, 0.75, 0.95, 1.5}), NsPerStep: ns, WallSec: wall,
					Setup: s, Design: d, Spans: spans(res)}
				rows = append(rows, row)
				fmt.Fprintf(stdout, "%6.3g %6.3g %6.3g %6.3g %9.3g %10.3g %8.3g %10.3g %8.3g %10.3g [%9.3g,%10s] %9.3g %9.3g %9.3f %6d\n",
					g, wu, w[0], w[1], res.PB, res.P.Value, res.P.RelErr, res.Rate.Value, res.Rate.RelErr, res.MeanSteps,
					res.MeanLow, fmtF(res.MeanHigh), res.WorkNormVar, res.SpeedUp(s.PredMean), res.NaiveMeanSteps/res.MeanSteps, res.Exits)
				var nb []string
				for _, p := range row.NotB {
					nb = append(nb, fmt.Sprintf("%.2g:%.2g±%.1g", p.GammaFrac, p.Share, p.SE))
				}
				fmt.Fprintf(stdout, "       exits without J jumps > γ' (γ'/s: share of p): %s; %.0f ns/step, %.0f s\n",
					strings.Join(nb, " "), ns, wall)
				sp := row.Spans
				fmt.Fprintf(stdout, "       jump-sequence span (1/η): median %.3g, 90%% %.3g, 99%% %.3g, max %.3g; transient bias of the rate %+.2g (naive %+.2g); max share %.2g\n",
					sp.Q50, sp.Q90, sp.Q99, sp.Max, sp.BurnBias, sp.NaiveBias, res.MaxShare)
				fmt.Fprintf(stdout, "       hazard ratio (2nd/1st half after burn-in) %.3g ± %.2g\n", res.HazardRatio.Value, res.HazardRatio.SE)
			}
		}
	}
	path := *out
	if path == "" {
		path = filepath.Join("results", "rare", fmt.Sprintf("sweep_%s_eta%g.json", *name, *eta))
	}
	return writeJSON(path, rows)
}

// ---------------------------------------------------------------- profile

func runProfile(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("profile", flag.ContinueOnError)
	name := fs.String("point", "P", "point: P, J2 or hard")
	eta := fs.Float64("eta", 1e-3, "step size η")
	samples := fs.Int("samples", 100000, "windows")
	window := fs.Float64("window", 4, "window T")
	gfrac := fs.Float64("gamma", 0.9, "γ as a fraction of the slack")
	slices := fs.Int("slices", 10, "slices of the window for the hazard")
	workers := fs.Int("workers", 0, "workers (0: GOMAXPROCS)")
	seed := fs.Uint64("seed", 1, "seed")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := newSetup(*name, *eta)
	if err != nil {
		return err
	}
	d := rare.Design{J: s.J, Gamma: *gfrac * s.Slack, Window: *window, Burn: *window / 2, Weight: rare.DefaultWeight}
	res, _, _, err := runIS(ctx, s, d, *samples, *workers, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "profile at %s, η = %g (J = %d, slack %.4f, predicted rate %.3g/step), window %g, γ = %.3g s: %d exits\n",
		*name, *eta, s.J, s.Slack, 1/s.PredMean, *window, *gfrac, res.Exits)
	// Finer profile from the exit log: P(τ ≤ t) on `slices` points, and
	// the hazard on each slice with its SE.
	k := *slices
	n := float64(res.WindowSteps)
	type pt struct {
		T, P, SE, Hazard, HazardSE float64
	}
	var pts []pt
	N := float64(res.Samples)
	for i := 1; i <= k; i++ {
		t0, t := n*float64(i-1)/float64(k), n*float64(i)/float64(k)
		var s1, s2, d1, d2 float64
		for _, e := range res.ExitLog {
			if float64(e.Tau) <= t {
				s1 += e.LR
				s2 += e.LR * e.LR
				if float64(e.Tau) > t0 {
					d1 += e.LR
					d2 += e.LR * e.LR
				}
			}
		}
		p := s1 / N
		se := math.Sqrt(math.Max(s2/N-p*p, 0) / N)
		d := d1 / N
		dse := math.Sqrt(math.Max(d2/N-d*d, 0) / N)
		w := n / float64(k) // steps per slice
		pts = append(pts, pt{T: t * *eta, P: p, SE: se, Hazard: d / w, HazardSE: dse / w})
		fmt.Fprintf(stdout, "  t ∈ (%5.2f, %5.2f]/η: P(τ ≤ t) = %.4g ± %.2g   hazard %.3g ± %.2g /step (%.2f of predicted)\n",
			t0**eta, t**eta, p, se, d/w, dse/w, d/w*s.PredMean)
	}
	return writeJSON(filepath.Join("results", "rare", fmt.Sprintf("profile_%s_eta%g.json", *name, *eta)),
		map[string]any{"setup": s, "design": d, "result": res, "fine_profile": pts})
}

// ---------------------------------------------------------------- helpers

// cpuSeconds returns the user + system CPU time of this process: the
// machine is shared, so wall time overstates the cost per step.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return math.NaN()
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)*1e-6
}

func num(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func fmtF(x float64) string {
	if math.IsInf(x, 1) {
		return "∞"
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}

func fmtPtr(p *float64) string {
	if p == nil {
		return "∞"
	}
	return fmtF(*p)
}

func writeJSON(path string, v any) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
