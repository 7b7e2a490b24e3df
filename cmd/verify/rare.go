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
	"reflect"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/rare"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// runRare implements `verify rare`: the rare-event estimator against brute
// force on every (η, start) of a scenario (pipeline.RareValidation).
func runRare(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("rare", flag.ContinueOnError)
	var sf scenarioFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	legend := fs.Bool("legend", true, "explain the columns under the table (-legend=false: the table only)")
	workers := fs.Int("workers", 0, "number of worker goroutines (0: GOMAXPROCS)")
	bruteExits := fs.Int("brute-exits", 0, "brute-force first exits per cell, censored at run.max_steps (0: none; the speed-up is then against the prediction)")
	pilot := fs.Int("pilot", 0, "windows of the first pilot that checks the design (0: a quarter of run.samples; -1: no pilot, the rule's design is run as it is and only its own diagnostics judge it)")
	brutePath := fs.String("brute", "", "compare with the brute-force report in `file` ('verify exit -json' or 'verify merge -json' of the same scenario) instead of running brute force")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	switch {
	case *workers < 0:
		return badInputf("flag -workers: must be ≥ 0, got %d", *workers)
	case *bruteExits < 0:
		return badInputf("flag -brute-exits: must be ≥ 0, got %d", *bruteExits)
	case *pilot < -1 || *pilot == 1:
		return badInputf("flag -pilot: want -1 (no pilot), 0 (the default) or at least 2 windows, got %d", *pilot)
	case *bruteExits > 0 && *brutePath != "":
		return badInputf("flags -brute-exits and -brute: give one or the other")
	}
	p, err := sf.plan(ctx)
	if err != nil {
		return err
	}
	if err := pipeline.CheckRare(p); err != nil {
		return badInputf("rare: %v", err)
	}
	var brute *report.ExitReport
	if *brutePath != "" {
		if brute, err = readBruteReport(*brutePath, p); err != nil {
			return err
		}
	}
	printWarnings(stderr, p)
	a, notes, err := analyseExits(ctx, &sf, p)
	if err != nil {
		return err
	}
	if a == nil {
		return badInputf("rare: %v: it conditions on the theory's jump number J", pipeline.ErrRareNotApplicable)
	}
	// Progress: the windows of the rare-event estimates, then the
	// brute-force replicas (each expected to take the predicted mean exit
	// time), one line each.
	prog := newProgress(stderr, "rare-event windows", []workCell{{Units: rareWindows(p), Predicted: 1}})
	var bruteProg *progress
	onReplica := func(_ pipeline.CellKey, steps int64) {
		if bruteProg == nil {
			prog.Close()
			bruteProg = newProgress(stderr, "brute-force exits", []workCell{{
				Units: int64(*bruteExits) * int64(len(p.Etas)) * int64(len(p.Starts)), Predicted: meanPredicted(p, a)}})
		}
		bruteProg.Done(0, steps)
	}
	rep, runErr := pipeline.RareValidation(ctx, p, a, notes, pipeline.RareValidationOptions{
		Rare: pipeline.RareOptions{Workers: *workers, Budget: rare.Budget{PilotSamples: *pilot}, OnWindows: func(n int) {
			for range n {
				prog.Done(0, 1)
			}
		}},
		BruteExits: *bruteExits,
		Brute:      brute,
		OnReplica:  onReplica,
	})
	if bruteProg != nil {
		bruteProg.Close()
	} else {
		prog.Close()
	}
	if runErr != nil && !errors.Is(runErr, context.Canceled) && !isRefusal(runErr) {
		return rareError(runErr)
	}
	if errors.Is(runErr, context.Canceled) {
		return runErr
	}
	if *asJSON {
		err = report.WriteJSON(stdout, rep)
	} else {
		err = report.WriteRareValidation(stdout, pipeline.SettingOf(p), rep, report.ExitTextOptions{Legend: *legend})
	}
	if err != nil {
		return err
	}
	if isRefusal(runErr) {
		return refusalError("rare", p, runErr)
	}
	return nil
}

// readBruteReport reads the brute-force exit report at path (strictly, as
// report.ExitReport) and checks that it is of the scenario of p: the same
// landscape, noise and b (its step sizes, starts and samples may differ:
// rows are matched by η and basin). Errors are bad input naming -brute.
func readBruteReport(path string, p *scenario.Plan) (*report.ExitReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, badInputf("flag -brute: %v", err)
	}
	defer f.Close()
	var rep report.ExitReport
	if err := report.ReadJSON(f, &rep); err != nil {
		return nil, badInputf("flag -brute: %s: %v", path, err)
	}
	same, err := sameSetting(rep.Scenario, p.Source)
	if err != nil {
		return nil, badInputf("flag -brute: %s: %v", path, err)
	}
	if !same {
		return nil, badInputf("flag -brute: %s is a report of another setting (its landscape, noise or b differ from the scenario's)", path)
	}
	return &rep, nil
}

// sameSetting reports whether two scenarios in canonical JSON form have
// the same [landscape], [noise] and sgd.b.
func sameSetting(a, b any) (bool, error) {
	var ma, mb map[string]any
	for _, c := range []struct {
		v   any
		dst *map[string]any
	}{{a, &ma}, {b, &mb}} {
		raw, err := json.Marshal(c.v)
		if err != nil {
			return false, err
		}
		if err := json.Unmarshal(raw, c.dst); err != nil {
			return false, fmt.Errorf("its scenario is not a table: %w", err)
		}
	}
	sgdB := func(m map[string]any) any {
		if s, ok := m["sgd"].(map[string]any); ok {
			return s["b"]
		}
		return nil
	}
	return reflect.DeepEqual(ma["landscape"], mb["landscape"]) && reflect.DeepEqual(ma["noise"], mb["noise"]) &&
		reflect.DeepEqual(sgdB(ma), sgdB(mb)), nil
}

// meanPredicted returns the predicted mean exit time in steps averaged over
// the cells of p (1 where the theory gives none): what a brute-force
// replica is expected to cost, for the progress line.
func meanPredicted(p *scenario.Plan, a *theory.Analysis) float64 {
	var sum float64
	n := 0
	for _, eta := range p.Etas {
		for _, st := range p.Starts {
			if pred, err := a.PredictExit(st.Basin, eta); err == nil && pred.MeanSteps > 0 && !math.IsInf(pred.MeanSteps, 0) {
				sum += pred.MeanSteps
				n++
			}
		}
	}
	if n == 0 {
		return 1
	}
	return sum / float64(n)
}
