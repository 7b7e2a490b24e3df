package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/htsgd/htsgd/param"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// convergeFlags are the flags of `verify converge` that set
// pipeline.ConvergeOptions, by the name of the option they set (to name the
// flag in an error about it).
var convergeFlags = map[string]string{
	"pipeline.ConvergeOptions.Level":        "-level",
	"pipeline.ConvergeOptions.Tol":          "-tol",
	"pipeline.ConvergeOptions.LandingTol":   "-landing-tol",
	"pipeline.ConvergeOptions.LambdaFactor": "-lambda-factor",
	"pipeline.ConvergeOptions.Exits":        "-exits",
	"pipeline.ConvergeOptions.CapFactor":    "-cap-factor",
	"pipeline.ConvergeOptions.MaxRungs":     "-max-rungs",
	"pipeline.ConvergeOptions.Method":       "-method",
	"pipeline.ConvergeOptions.Etas":         "-etas",
	"pipeline.ConvergeOptions.BudgetSteps":  "-budget-steps",
	"pipeline.ConvergeOptions.BudgetTime":   "-budget-time",
}

// runConverge implements `verify converge`: per start basin, a ladder of
// step sizes walked until R(η) = τ̄·q η λ(η)^J is shown to reach 1 (or not)
// or the budget runs out, with verdicts on R and on the landing law
// (pipeline.RunConverge); or the verdicts of a fixed ladder from exit
// records (-from); or stored reports rendered again (-show).
func runConverge(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("converge", flag.ContinueOnError)
	var sf scenarioFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print the report as JSON (the -out format) instead of text")
	asCSV := fs.Bool("csv", false, "print the rungs as CSV (the data of 1 − R against λ(η)) instead of text")
	workers := fs.Int("workers", 0, "number of worker goroutines (0: GOMAXPROCS)")
	level := fs.Float64("level", 0, "confidence level of the whole walk (0: 0.95); each look is judged at 1 − (1 − level)/looks")
	tol := fs.Float64("tol", 0, "band of R around 1, relative (0: 0.05)")
	landingTol := fs.Float64("landing-tol", 0, "band of the landing probabilities, absolute (0: 0.02)")
	lambdaFactor := fs.Float64("lambda-factor", 0, "λ(η) of each rung over that of the rung before (0: 0.5)")
	exits := fs.Int("exits", 0, "brute-force replicas per rung (0: enough for R's interval at the look level to be ±tol/2)")
	capFactor := fs.Float64("cap-factor", 0, "censor a replica at this many predicted mean exit times × max(1, R̂) (0: 10)")
	maxRungs := fs.Int("max-rungs", 0, "at most this many rungs per start, and so looks (0: 8, or the number of -etas)")
	method := fs.String("method", pipeline.MethodAuto, "rung estimator: auto (brute force, or importance sampling where its pilot is cheaper; 1-D), bf, is")
	etasFlag := fs.String("etas", "", "a fixed ladder `η1,η2,…` (decreasing) instead of the adaptive one")
	budgetSteps := fs.Float64("budget-steps", 0, "stop before a rung that would take the simulated steps over this budget (0: none; e.g. 1e11)")
	budgetTime := fs.Duration("budget-time", 0, "stop before a rung predicted to end after this wall time, and cut one that does (0: none; e.g. 10m)")
	out := fs.String("out", "", "write the report to `file` after every rung (a checkpoint for -resume, and the results file)")
	resume := fs.String("resume", "", "continue the walk recorded in `file` (an -out file of the same scenario and settings)")
	from := fs.String("from", "", "judge the fixed ladder of exit record `files` (comma-separated shards of 'verify exit -out', or their merge) without simulating")
	show := fs.String("show", "", "render the stored reports `files` (comma-separated -out files) without simulating")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *asJSON && *asCSV {
		return badInputf("converge: -json and -csv are exclusive")
	}
	if *workers < 0 {
		return badInputf("flag -workers: must be ≥ 0, got %d", *workers)
	}
	if *show != "" {
		return showConverge(splitList(*show), *asJSON, *asCSV, stdout)
	}
	etas, err := parseEtas(*etasFlag)
	if err != nil {
		return err
	}
	if !(*budgetSteps >= 0) || *budgetSteps > math.MaxInt64/2 {
		return badInputf("flag -budget-steps: must be ≥ 0 and below 4.6e18, got %v", *budgetSteps)
	}
	opt := pipeline.ConvergeOptions{
		Workers: *workers, Level: *level, Tol: *tol, LandingTol: *landingTol, LambdaFactor: *lambdaFactor,
		Exits: *exits, CapFactor: *capFactor, MaxRungs: *maxRungs, Method: *method, Etas: etas,
		BudgetSteps: int64(*budgetSteps), BudgetTime: *budgetTime, TheorySamples: sf.theorySamples,
	}
	if *from != "" {
		return convergeFromRecords(splitList(*from), sf, opt, *out, *asJSON, *asCSV, stdout)
	}
	p, err := sf.plan(ctx)
	if err != nil {
		return err
	}
	printWarnings(stderr, p)
	app, err := pipeline.CheckApplicability(ctx, p, theoryOptions(p, sf.theorySamples))
	if err != nil {
		return badInputOf(err)
	}
	if err := app.Err(); err != nil {
		return badInput(err)
	}
	if *resume != "" {
		old, err := report.ReadConvergeFile(*resume)
		if err != nil {
			return badInput(fmt.Errorf("flag -resume: %w", err))
		}
		opt.Resume = old
		fmt.Fprintf(stderr, "resuming from %s\n", *resume)
	}
	pr := &convergeProgress{w: stderr}
	defer pr.close()
	var writeErr error
	opt.OnProgress = pr.progress
	opt.OnRung = func(rep report.ConvergeReport, si int) {
		pr.rung(rep, si)
		if *out != "" {
			if err := report.WriteConvergeFile(*out, rep); err != nil && writeErr == nil {
				writeErr = err
				fmt.Fprintln(stderr, "warning: -out:", err)
			}
		}
	}
	if *out != "" {
		// Fail on an unwritable path now, not after the first rung; nothing
		// is written until a rung ends (a placeholder report would be an
		// empty result if the run died before it).
		if err := pipeline.CheckOutputPath(*out); err != nil {
			return badInput(fmt.Errorf("flag -out: %w", err))
		}
	}
	rep, runErr := pipeline.RunConverge(ctx, p, app, opt)
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return convergeInputError(runErr)
	}
	if *out != "" {
		if err := report.WriteConvergeFile(*out, rep); err != nil {
			return err
		}
		if errors.Is(runErr, context.Canceled) {
			fmt.Fprintf(stderr, "finished rungs saved in %s: continue with -resume %s -out %s\n", *out, *out, *out)
		}
	}
	if err := writeConverge(stdout, []*report.ConvergeReport{&rep}, *asJSON, *asCSV); err != nil {
		return err
	}
	return runErr
}

// convergeFromRecords implements -from: the verdicts of the fixed ladder
// of exit record files (merged if several).
func convergeFromRecords(paths []string, sf scenarioFlags, opt pipeline.ConvergeOptions, out string, asJSON, asCSV bool, stdout io.Writer) error {
	if sf.path != "" || sf.b != "" || sf.law != "" {
		return badInputf("flag -from: the records carry their scenario; -scenario, -b and -law do not apply")
	}
	var files []*pipeline.RecordFile
	for _, path := range paths {
		f, err := pipeline.ReadRecordFile(path)
		if err != nil {
			return badInput(fmt.Errorf("flag -from: %w", err))
		}
		files = append(files, f)
	}
	f := files[0]
	if len(files) > 1 {
		var err error
		if f, err = pipeline.MergeRecordFiles(files); err != nil {
			return badInput(fmt.Errorf("flag -from: %w", err))
		}
	}
	sc, err := f.Scenario()
	if err != nil {
		return badInput(err)
	}
	if opt.TheorySamples == 0 {
		opt.TheorySamples = f.TheorySamples
	}
	p, err := buildPlan(context.Background(), sc, opt.TheorySamples)
	if err != nil {
		return err
	}
	app, err := pipeline.CheckApplicability(context.Background(), p, theoryOptions(p, opt.TheorySamples))
	if err != nil {
		return badInputOf(err)
	}
	if err := app.Err(); err != nil {
		return badInput(err)
	}
	rep, err := pipeline.ConvergeFromRecords(p, app, f, opt)
	if err != nil {
		return badInput(fmt.Errorf("flag -from: %w", convergeInputError(err)))
	}
	if out != "" {
		if err := report.WriteConvergeFile(out, rep); err != nil {
			return err
		}
	}
	return writeConverge(stdout, []*report.ConvergeReport{&rep}, asJSON, asCSV)
}

// showConverge implements -show: stored reports rendered again.
func showConverge(paths []string, asJSON, asCSV bool, stdout io.Writer) error {
	var reps []*report.ConvergeReport
	for _, path := range paths {
		rep, err := report.ReadConvergeFile(path)
		if err != nil {
			return badInput(fmt.Errorf("flag -show: %w", err))
		}
		reps = append(reps, rep)
	}
	if asJSON && len(reps) > 1 {
		return badInputf("flag -show: -json renders one report at a time")
	}
	return writeConverge(stdout, reps, asJSON, asCSV)
}

// writeConverge renders reports as text, JSON (one report) or CSV (their
// rungs together).
func writeConverge(w io.Writer, reps []*report.ConvergeReport, asJSON, asCSV bool) error {
	switch {
	case asJSON:
		return report.WriteJSON(w, reps[0])
	case asCSV:
		var rows []report.ConvergeCSVRow
		for _, r := range reps {
			rows = append(rows, report.ConvergeCSVRows(r)...)
		}
		return report.WriteConvergeCSV(w, rows)
	}
	for i, r := range reps {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := report.WriteConvergeText(w, r); err != nil {
			return err
		}
	}
	return nil
}

// convergeInputError marks an error about a converge option as bad input
// naming its flag, an error naming a scenario key as bad input, and
// returns others as they are.
func convergeInputError(err error) error {
	if pe := param.As(err); pe != nil {
		if f, ok := convergeFlags[pe.Name]; ok {
			return badInput(&scenario.FieldError{Field: f, Err: pe.Err})
		}
	}
	if errors.Is(err, pipeline.ErrOtherConverge) {
		return badInput(fmt.Errorf("flag -resume: %w", err))
	}
	return badInputOf(err)
}

// parseEtas parses -etas.
func parseEtas(s string) ([]float64, error) {
	if s == "" {
		return nil, nil
	}
	var etas []float64
	for i, f := range splitList(s) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || !(v > 0) || math.IsInf(v, 0) || (i > 0 && v >= etas[i-1]) {
			return nil, badInputf("flag -etas: want decreasing positive step sizes, got %q at position %d", f, i)
		}
		etas = append(etas, v)
	}
	return etas, nil
}

// splitList splits a comma-separated list, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// convergeProgress reports a walk on stderr: a line when a rung starts
// (its η, method and predicted cost), the progress line of the rung under
// way with its ETA from the predicted steps (progress, one work cell per
// rung), and a line when a rung ends (its estimate and the verdict so far)
// and when a start's walk ends (its verdict line).
type convergeProgress struct {
	w    io.Writer
	key  [2]int
	cur  *progress
	open bool
}

// progress is pipeline.ConvergeOptions.OnProgress.
func (c *convergeProgress) progress(p pipeline.ConvergeProgress) {
	if k := [2]int{p.Start, p.Rung}; !c.open || k != c.key {
		c.close()
		c.key, c.open = k, true
		fmt.Fprintf(c.w, "converge: start %d (basin %d), rung %d: η = %.4g by %s, %d %s, predicted %.3g steps%s\n",
			p.Start, p.Basin, p.Rung, p.Eta, p.Method, p.Total, unitOf(p.Method), p.PredictedSteps, etaOf(p.PredictedSteps, p.StepsPerSecond))
		per := 0.0
		if p.Total > 0 {
			per = p.PredictedSteps / float64(p.Total)
		}
		c.cur = newProgress(c.w, fmt.Sprintf("converge start %d rung %d", p.Start, p.Rung), []workCell{{Units: int64(p.Total), Predicted: per}})
	}
	for i := range p.Units {
		steps := p.UnitSteps / int64(p.Units)
		if i == 0 {
			steps += p.UnitSteps % int64(p.Units)
		}
		c.cur.Done(0, steps)
	}
}

// close ends the progress line of the rung under way.
func (c *convergeProgress) close() {
	if c.cur != nil {
		c.cur.Close()
		c.cur = nil
	}
	c.open = false
}

// rung is called after every rung (and when a start's walk ends).
func (c *convergeProgress) rung(rep report.ConvergeReport, si int) {
	c.close()
	b := rep.Basins[si]
	if b.Stop != "" {
		fmt.Fprintf(c.w, "converge: %s\n", report.VerdictLine(b))
		return
	}
	if len(b.Rungs) == 0 {
		return
	}
	r := b.Rungs[len(b.Rungs)-1]
	fmt.Fprintf(c.w, "converge: start %d, rung %d done: η = %.4g, %s, %d exits, R = %.4f [%.4f, %.4f], %.3g steps in %s; %s\n",
		si, len(b.Rungs)-1, r.Eta, r.Method, r.Exits, r.Ratio, r.RatioLow, r.RatioHigh, float64(r.Steps),
		time.Duration(r.Seconds*float64(time.Second)).Round(time.Second), b.Verdict.Kind)
}

// unitOf names what a rung's Done counts.
func unitOf(method string) string {
	if method == pipeline.MethodRare {
		return "windows"
	}
	return "replicas"
}

// etaOf renders ", ETA 3m10s" for steps at the rate (steps/s), or "" when
// the rate is unknown.
func etaOf(steps, rate float64) string {
	if !(rate > 0) || math.IsInf(rate, 0) || !(steps > 0) {
		return ""
	}
	return ", ETA " + time.Duration(steps/rate*float64(time.Second)).Round(time.Second).String()
}
