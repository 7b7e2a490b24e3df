// Command landscapegen checks the rare-event estimator of package rare on
// landscapes nobody tuned it on (issue 12): it draws random three-well
// landscapes from a seed, and on each runs brute force and rare.Run (the
// design rule with its pilots) at η = 10^−2, and rare.Run alone at 10^−3
// and 10^−4, writing one JSON file per run. A last stage reads them back
// and prints the table of the note.
//
// Usage (each run stays within a few minutes on two shared cores; run them
// one at a time, under nice):
//
//	go run ./rare/internal/landscapegen -seed 12 -describe
//	go run ./rare/internal/landscapegen -seed 12 -i 0 -stage bf
//	go run ./rare/internal/landscapegen -seed 12 -i 0 -stage is -eta 0.01
//	go run ./rare/internal/landscapegen -seed 12 -i 0 -stage is -eta 0.001
//	go run ./rare/internal/landscapegen -seed 12 -i 0 -stage is -eta 0.0001 -samples 120000 -pilot 60000
//	go run ./rare/internal/landscapegen -seed 12 -table
//
// The files go to -dir (results/rare/issue12 by default), named
// seed<S>_<i>_<stage>_<eta>.json; rerunning a command with the same flags
// reproduces its file.
//
// A landscape is f' = k·(x − c_1)(x − c_2)x(x − c_4)(x − c_5): minima c_1 < 0
// < c_5, saddles c_2 < 0 < c_4, windows from the minimum 0. Drawn: the
// saddles at distance U(0.4, 1) from 0, the outer minima U(0.2, 1) beyond
// them, J ∈ {2, 3} jumps to leave (b = r/(J − 1 + u), u ~ U(0.3, 0.85), so
// that the slack r − (J−1)b = u·b and no ratio |s − 0|/b is within 0.05 of
// an integer), k such that f″(0) ~ U(2, 6), α ~ U(1.3, 2), p_+ ~ U(0.3,
// 0.7), the law pareto or lomax. The noise scale c is then set by a short
// brute-force pilot so that the mean exit time at η = 10^−2 is about 5·10^4
// steps (E τ ∝ c^{−αJ}): brute force then gets its exits in seconds. J is
// ⌈r/b⌉ from the geometry; this program does not use package theory, whose
// predictions play no part here.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/htsgd/htsgd/landscapes"
	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/noise"
	"github.com/htsgd/htsgd/rare"
)

// Spec is a generated landscape with its noise.
type Spec struct {
	Seed   uint64     `json:"seed"`
	Index  int        `json:"index"`
	Points [5]float64 `json:"points"`
	K      float64    `json:"k"`
	Lo     float64    `json:"lo"`
	Hi     float64    `json:"hi"`
	B      float64    `json:"b"`
	J      int        `json:"j"`
	Law    string     `json:"law"`
	Alpha  float64    `json:"alpha"`
	PPlus  float64    `json:"p_plus"`
	C      float64    `json:"c"`
}

// Record is the content of one output file.
type Record struct {
	Spec  Spec    `json:"spec"`
	Stage string  `json:"stage"`
	Eta   float64 `json:"eta"`
	// Brute force: exits, their mean and the SE of its logarithm.
	Exits   int           `json:"exits,omitempty"`
	BFMean  float64       `json:"bf_mean,omitempty"`
	BFLogSE float64       `json:"bf_log_se,omitempty"`
	BFSteps int64         `json:"bf_steps,omitempty"`
	Seconds float64       `json:"seconds"`
	Outcome *rare.Outcome `json:"outcome,omitempty"`
}

const (
	bfEta     = 0.01
	targetBF  = 5e4 // target mean exit time at η = 10^−2, in steps
	pilotBF   = 40  // replicas of each brute-force pilot that sets c
	bfExits   = 400 // exits of the brute-force run
	defaultIS = 400000
)

func main() {
	seed := flag.Uint64("seed", 12, "seed of the landscape generator")
	n := flag.Int("n", 5, "number of landscapes")
	i := flag.Int("i", 0, "landscape index")
	stage := flag.String("stage", "", "bf or is")
	eta := flag.Float64("eta", bfEta, "η of an is stage")
	samples := flag.Int("samples", defaultIS, "windows of the main run of an is stage")
	pilot := flag.Int("pilot", 0, "windows of a pilot of an is stage (0: rare's default, a quarter of samples; −1: no pilot, the rule's design as it is)")
	describe := flag.Bool("describe", false, "print the landscapes and exit")
	table := flag.Bool("table", false, "print the table from the files and exit")
	dir := flag.String("dir", "results/rare/issue12", "output directory")
	workers := flag.Int("workers", 2, "worker goroutines")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, *seed, *n, *i, *stage, *eta, *samples, *pilot, *describe, *table, *dir, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "landscapegen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, seed uint64, n, i int, stage string, eta float64, samples, pilot int, describe, table bool, dir string, workers int) error {
	if table {
		return printTable(dir, seed, n)
	}
	if describe {
		for k := range n {
			s, err := generate(ctx, seed, k)
			if err != nil {
				return err
			}
			fmt.Printf("%+v\n", s)
		}
		return nil
	}
	if i < 0 || i >= n {
		return fmt.Errorf("i: must be in [0, %d), got %d", n, i)
	}
	spec, err := generate(ctx, seed, i)
	if err != nil {
		return err
	}
	rec := Record{Spec: spec, Stage: stage, Eta: eta}
	start := time.Now()
	switch stage {
	case "bf":
		rec.Eta = bfEta
		sys, m, err := spec.system(bfEta)
		if err != nil {
			return err
		}
		times, err := bruteForce(ctx, sys, m, bfExits, 2, workers)
		if err != nil {
			return err
		}
		rec.Exits = len(times)
		rec.BFMean, rec.BFLogSE, rec.BFSteps = meanLogSE(times)
	case "is":
		sys, m, err := spec.system(eta)
		if err != nil {
			return err
		}
		plan := rare.Plan{System: sys, Start: []float64{m}, J: spec.J, Progress: func(done int) {
			fmt.Fprintf(os.Stderr, "\r%d windows", done)
		}}
		key := mc.StreamKey{Seed: spec.Seed, Labels: []uint64{uint64(spec.Index), 3}}
		var out rare.Outcome
		if pilot < 0 {
			// The rule's design without a pilot: for the relative error per
			// window where a pilot with enough exits would cost too much.
			out, err = ruleOnly(ctx, plan, key, samples, workers)
		} else {
			out, err = rare.Run(ctx, plan, key, samples, workers, rare.Budget{PilotSamples: pilot})
		}
		fmt.Fprintln(os.Stderr)
		var de *rare.DesignError
		if errors.As(err, &de) {
			fmt.Fprintln(os.Stderr, "refused:", err)
		} else if err != nil {
			return err
		}
		rec.Outcome = &out
	default:
		return fmt.Errorf("stage: want bf or is, got %q", stage)
	}
	rec.Seconds = time.Since(start).Seconds()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	name := filepath.Join(dir, fmt.Sprintf("seed%d_%d_%s_%g.json", seed, i, stage, rec.Eta))
	b, err := json.MarshalIndent(rec, "", " ")
	if err != nil {
		return err
	}
	fmt.Printf("wrote %s (%.0f s)\n", name, rec.Seconds)
	return os.WriteFile(name, append(b, '\n'), 0o644)
}

// ruleOnly runs the rule's design of p without a pilot.
func ruleOnly(ctx context.Context, p rare.Plan, key mc.StreamKey, samples, workers int) (rare.Outcome, error) {
	d, basis, err := rare.DefaultRule.Design(p.System, p.Start, p.J)
	if err != nil {
		return rare.Outcome{}, err
	}
	res, err := rare.Estimate(ctx, rare.Config{System: p.System, Start: p.Start, Design: d, Progress: p.Progress}, key, samples, workers)
	return rare.Outcome{Result: res, Basis: basis, Stretch: 1}, err
}

// system returns the system of s at η and its start minimum 0.
func (s Spec) system(eta float64) (mc.System, float64, error) {
	l, err := landscapes.NewCriticalPoints(s.K, s.Points[:], s.Lo, s.Hi)
	if err != nil {
		return mc.System{}, 0, err
	}
	law, err := noise.New(s.Law, s.Alpha, s.C, s.PPlus, true)
	if err != nil {
		return mc.System{}, 0, err
	}
	return mc.System{Landscape: l, Basins: l.Structure(), Noise: noise.Scalar{Law: law}, Eta: eta, B: s.B, Domain: landscapes.IntervalOf(l)}, 0, nil
}

// generate draws landscape i of the seed (see the package documentation).
func generate(ctx context.Context, seed uint64, i int) (Spec, error) {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	u := func(a, b float64) float64 { return a + (b-a)*r.Float64() }
	for {
		sl, sr := -u(0.4, 1), u(0.4, 1)
		p := [5]float64{sl - u(0.2, 1), sl, 0, sr, sr + u(0.2, 1)}
		j := 2 + r.IntN(2)
		rad := math.Min(-sl, sr)
		b := rad / (float64(j-1) + u(0.3, 0.85))
		if near := func(d float64) bool { q := d / b; return math.Abs(q-math.Round(q)) < 0.05 }; near(-sl) || near(sr) {
			continue
		}
		prod := 1.0
		for _, c := range []float64{p[0], p[1], p[3], p[4]} {
			prod *= math.Abs(c)
		}
		s := Spec{Seed: seed, Index: i, Points: p, K: u(2, 6) / prod, Lo: p[0] - 0.5, Hi: p[4] + 0.5, B: b, J: j,
			Alpha: u(1.3, 2), PPlus: u(0.3, 0.7), C: 0.2}
		s.Law = "pareto"
		if r.IntN(2) == 1 {
			s.Law = "lomax"
		}
		l, err := landscapes.NewCriticalPoints(s.K, p[:], s.Lo, s.Hi)
		if err != nil {
			return Spec{}, err
		}
		if h := math.Max(l.SecondDeriv(p[0]), l.SecondDeriv(p[4])); bfEta*h >= 1 {
			continue // η·f″ too large at an outer minimum
		}
		// Set c: E τ ∝ c^{−αJ}; four brute-force pilots of 40 replicas
		// capped at 20 times the target, the mean estimated as the steps
		// of all replicas over the exits (the exponential MLE with
		// censoring; doubling c when none exits).
		for range 4 {
			sys, m, err := s.system(bfEta)
			if err != nil {
				return Spec{}, err
			}
			mean, err := cappedMean(ctx, sys, m, pilotBF, 20*targetBF)
			if err != nil {
				return Spec{}, err
			}
			if math.IsInf(mean, 1) {
				s.C *= 2
				continue
			}
			s.C *= math.Pow(mean/targetBF, 1/(s.Alpha*float64(j)))
		}
		return s, nil
	}
}

// cappedMean returns the steps of n first-exit replicas capped at maxSteps
// over their number of exits (+Inf without exits).
func cappedMean(ctx context.Context, sys mc.System, m float64, n int, maxSteps int64) (float64, error) {
	e := mc.FirstExit{System: sys, Start: []float64{m}, MaxSteps: maxSteps}
	records, err := runExits(ctx, e, mc.StreamKey{Seed: 98}, n, 0)
	if err != nil {
		return 0, err
	}
	var steps float64
	exits := 0
	for _, rec := range records {
		steps += float64(rec.Steps)
		if !rec.Censored {
			exits++
		}
	}
	if exits == 0 {
		return math.Inf(1), nil
	}
	return steps / float64(exits), nil
}

// bruteForce returns n first-exit times from m (no cap worth the name),
// with the streams of label.
func bruteForce(ctx context.Context, sys mc.System, m float64, n int, label uint64, workers int) ([]float64, error) {
	e := mc.FirstExit{System: sys, Start: []float64{m}, MaxSteps: 1 << 40}
	records, err := runExits(ctx, e, mc.StreamKey{Seed: 99, Labels: []uint64{label}}, n, workers)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(records))
	for k, rec := range records {
		if rec.Censored {
			return nil, fmt.Errorf("brute force: replica %d censored", rec.Replica)
		}
		out[k] = float64(rec.Steps)
	}
	return out, nil
}

// meanLogSE returns the mean, the SE of its logarithm (sd/(mean·√n)) and the
// total steps.
func meanLogSE(xs []float64) (mean, seLog float64, steps int64) {
	var s1, s2 float64
	for _, x := range xs {
		s1 += x
		s2 += x * x
		steps += int64(x)
	}
	n := float64(len(xs))
	mean = s1 / n
	sd := math.Sqrt((s2/n - mean*mean) * n / (n - 1))
	return mean, sd / (mean * math.Sqrt(n)), steps
}

// decodeRecord decodes an output file of this command. A file of
// another shape (an unknown key, a value of the wrong type, such as the
// number basis.minimum of the files written before rare.Basis described
// points of any dimension) is an error: every stored file was rerun with
// the current code, and a reader that guessed at old shapes could drop
// data silently.
func decodeRecord(b []byte) (*Record, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var r Record
	if err := dec.Decode(&r); err != nil {
		return nil, err
	}
	return &r, nil
}

// printTable reads the files of the seed and prints the two tables of the
// note: brute force against rare.Run at η = 10^−2, and the relative error
// per window along η.
func printTable(dir string, seed uint64, n int) error {
	read := func(i int, stage string, eta float64) (*Record, error) {
		name := filepath.Join(dir, fmt.Sprintf("seed%d_%d_%s_%g.json", seed, i, stage, eta))
		b, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		r, err := decodeRecord(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(name), err)
		}
		return r, nil
	}
	fmt.Println("landscape  J  law     α     p+    slack/b  BF mean (exits)     IS mean [95% CI]              z      stretch  warn")
	maxZ, maxGrowth := 0.0, 0.0
	for i := range n {
		bf, err := read(i, "bf", bfEta)
		if err != nil {
			return err
		}
		is, err := read(i, "is", bfEta)
		if err != nil {
			return err
		}
		if bf == nil || is == nil || is.Outcome == nil || is.Outcome.Result.Samples == 0 {
			fmt.Printf("%d: missing\n", i)
			continue
		}
		s, res := bf.Spec, is.Outcome.Result
		rad := math.Min(-s.Points[1], s.Points[3])
		slack := rad - float64(s.J-1)*s.B
		z95 := 1.959963984540054
		ise := (math.Log(res.MeanHigh) - math.Log(res.MeanLow)) / (2 * z95)
		z := (math.Log(res.MeanSteps) - math.Log(bf.BFMean)) / math.Hypot(ise, bf.BFLogSE)
		maxZ = math.Max(maxZ, math.Abs(z))
		fmt.Printf("%-10d %d  %-6s %.3f %.3f %.3f   %.4g (%d)   %.4g [%.4g, %.4g]   %+.2f   %g       %v %v\n",
			i, s.J, s.Law, s.Alpha, s.PPlus, slack/s.B, bf.BFMean, bf.Exits, res.MeanSteps, res.MeanLow, res.MeanHigh,
			z, is.Outcome.Stretch, res.Diagnostics.Warning, res.Diagnostics.Failed)
	}
	fmt.Println()
	fmt.Println("landscape  RE/window at η = 1e-2, 1e-3, 1e-4 (ESS)                      growth 1e-2→1e-4   steps/window at 1e-4")
	for i := range n {
		var res []string
		var re []float64
		var spw float64
		for _, eta := range []float64{1e-2, 1e-3, 1e-4} {
			r, err := read(i, "is", eta)
			if err != nil {
				return err
			}
			if r == nil || r.Outcome == nil || r.Outcome.Result.Samples == 0 {
				res = append(res, "–")
				re = append(re, math.NaN())
				continue
			}
			o := r.Outcome.Result
			warn := ""
			if o.Diagnostics.Warning {
				warn = "!"
			}
			res = append(res, fmt.Sprintf("%.1f (%.0f)%s", o.Rate.RelErr, o.Diagnostics.ESS.Value, warn))
			re = append(re, o.Rate.RelErr)
			spw = o.StepsPerSample
		}
		fmt.Printf("%-10d %-18s %-18s %-18s   %.2f               %.3g\n", i, res[0], res[1], res[2], re[2]/re[0], spw)
		maxGrowth = math.Max(maxGrowth, re[2]/re[0])
	}
	fmt.Println("(ESS: effective exits of the run; !: its diagnostics warn)")
	fmt.Printf("\nlargest |z| on the log mean %.2f (issue 12 asks < 3); largest growth of the RE per window from η = 1e-2 to 1e-4 %.2f (asks ≤ 2)\n",
		maxZ, maxGrowth)
	return nil
}

// runExits runs the first-exit replicas [0, n) of e and returns their
// records in replica order.
func runExits(ctx context.Context, e mc.FirstExit, key mc.StreamKey, n, workers int) ([]mc.ExitRecord, error) {
	var mu sync.Mutex
	recs := make([]mc.ExitRecord, 0, n)
	err := mc.RunExits(ctx, e, key, mc.ReplicaRange(0, n), workers, func(r mc.ExitRecord) {
		mu.Lock()
		recs = append(recs, r)
		mu.Unlock()
	})
	slices.SortFunc(recs, func(a, b mc.ExitRecord) int { return a.Replica - b.Replica })
	return recs, err
}
