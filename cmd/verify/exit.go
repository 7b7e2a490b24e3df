package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// runExit implements `verify exit`: first-exit statistics per (η, start),
// in any dimension, by brute force (-method bf, sharded, checkpointed and
// resumable) or by the rare-event estimator (-method is).
func runExit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("exit", flag.ContinueOnError)
	var sf scenarioFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	asCSV := fs.Bool("csv", false, "print CSV instead of a table")
	legend := fs.Bool("legend", true, "explain the columns under the tables (-legend=false: tables only)")
	workers := fs.Int("workers", 0, "number of worker goroutines (0: GOMAXPROCS)")
	shardFlag := fs.String("shard", "0/1", "run only shard `i/n` of the replicas of every cell (merge the parts with 'verify merge')")
	out := fs.String("out", "", "write the raw per-replica records to `file` (for 'verify merge')")
	checkpoint := fs.String("checkpoint", "", "write the records finished so far to `file` periodically and on interruption")
	every := fs.Duration("checkpoint-every", 30*time.Second, "interval between checkpoints")
	resume := fs.String("resume", "", "continue the run recorded in `file` (a checkpoint or -out file), without repeating a replica")
	method := fs.String("method", "bf", "estimator: bf (brute force: run every replica to its exit) or is (rare-event importance sampling; run.samples windows per cell)")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	switch *method {
	case "bf":
	case "is":
		if *shardFlag != "0/1" || *out != "" || *checkpoint != "" || *resume != "" {
			return badInputf("flag -method: is does not support -shard, -out, -checkpoint or -resume")
		}
		if *asCSV {
			return badInputf("flag -method: is prints a table or -json")
		}
		return runRareExit(ctx, sf, *workers, *asJSON, *legend, stdout, stderr)
	default:
		return badInputf("flag -method: want bf or is, got %q", *method)
	}
	if *asJSON && *asCSV {
		return badInputf("exit: -json and -csv are exclusive")
	}
	if *workers < 0 {
		return badInputf("flag -workers: must be ≥ 0, got %d", *workers)
	}
	if *every <= 0 {
		return badInputf("flag -checkpoint-every: must be positive, got %v", *every)
	}
	shard, err := parseShard(*shardFlag)
	if err != nil {
		return err
	}
	// The outputs are checked first, so that a run is never lost to a
	// typo in a path.
	if err := checkOutputs(map[string]string{"-out": *out, "-checkpoint": *checkpoint}); err != nil {
		return err
	}
	p, err := sf.plan(ctx)
	if err != nil {
		return err
	}
	printWarnings(stderr, p)
	if first, last := shard.Range(p.Run.Samples); first == last {
		return badInputf("flag -shard: shard %d/%d of %d samples is empty", shard.Index, shard.Count, p.Run.Samples)
	}
	// The theory first, so that a scenario it rejects fails at once.
	a, notes, err := analyseExits(ctx, &sf, p)
	if err != nil {
		return err
	}
	// Records are kept only for a file (-out, -checkpoint, -resume);
	// otherwise the replicas are streamed into the cells' statistics.
	var rec *pipeline.Records
	if *out != "" || *checkpoint != "" || *resume != "" {
		if rec, err = pipeline.NewRecords(p, shard, sf.theorySamples); err != nil {
			return recordsError(err)
		}
	}
	if *resume != "" {
		f, err := pipeline.ReadRecordFile(*resume)
		if err != nil {
			return badInput(fmt.Errorf("flag -resume: %w", err))
		}
		if err := rec.Resume(f); err != nil {
			return badInput(fmt.Errorf("flag -resume: %s: %w", *resume, scenario.FieldOf(err)))
		}
		fmt.Fprintf(stderr, "resuming from %s\n", *resume)
	}
	stopCheckpoints := func() {}
	if *checkpoint != "" {
		stopCheckpoints = rec.Checkpoint(*checkpoint, *every, func(err error) { fmt.Fprintln(stderr, "warning: checkpoint:", err) })
	}
	prog := newProgress(stderr, "exit replicas", exitWork(p, a, shard, rec))
	cells, runErr := pipeline.RunExits(ctx, p, pipeline.ExitOptions{
		Workers:   *workers,
		Shard:     shard,
		Records:   rec,
		OnReplica: func(k pipeline.CellKey, steps int64) { prog.Done(exitCellIndex(p, k), steps) },
	})
	prog.Close()
	stopCheckpoints()
	for _, path := range []string{*checkpoint, *out} {
		if path == "" {
			continue
		}
		if err := rec.WriteFile(path); err != nil {
			return err
		}
	}
	if runErr != nil && !errors.Is(runErr, context.Canceled) {
		return badInputOf(runErr)
	}
	if errors.Is(runErr, context.Canceled) && *checkpoint != "" {
		fmt.Fprintf(stderr, "finished replicas saved in %s: continue with -resume %s\n", *checkpoint, *checkpoint)
	}
	rep, err := pipeline.ExitReport(p, a, notes, cells)
	if err != nil {
		return err
	}
	if err := writeExit(stdout, p, a, rep, *asJSON, *asCSV, *legend); err != nil {
		return err
	}
	return runErr
}

// analyseExits makes the theory's analysis of a first-exit run of p and
// checks that its replicas can exit (pipeline.CheckExitable), before any
// replica runs. Interrupted during the analysis, it returns no analysis
// and a note instead of an error: the run then stops at once and reports
// every cell as never started.
func analyseExits(ctx context.Context, sf *scenarioFlags, p *scenario.Plan) (*theory.Analysis, []string, error) {
	a, notes, err := sf.analyse(ctx, p)
	if err != nil && ctx.Err() != nil {
		return nil, []string{"interrupted during the theory's analysis: no predictions"}, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if err := pipeline.CheckExitable(p, a, pipeline.StartBasins(p)); err != nil {
		return nil, nil, sf.attribute(badInputOf(err))
	}
	return a, notes, nil
}

// checkOutputs checks, before a run, that every output file named by a
// flag (flag → path; "" is no file) can be written (pipeline.CheckOutputPath):
// bad input naming the flag otherwise.
func checkOutputs(paths map[string]string) error {
	for _, flag := range slices.Sorted(maps.Keys(paths)) {
		if path := paths[flag]; path != "" {
			if err := pipeline.CheckOutputPath(path); err != nil {
				return badInputf("flag %s: cannot write %s: %v", flag, path, err)
			}
		}
	}
	return nil
}

// recordsError is the error of pipeline.NewRecords for a run that keeps
// its records (-out, -checkpoint or -resume): too many of them is bad
// input naming those flags.
func recordsError(err error) error {
	if errors.Is(err, pipeline.ErrTooManyRecords) {
		return badInputf("flag -out/-checkpoint/-resume: %v", err)
	}
	return err
}

// parseShard parses -shard "i/n".
func parseShard(s string) (pipeline.Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	if !ok {
		return pipeline.Shard{}, badInputf("flag -shard: want i/n (0 ≤ i < n), got %q", s)
	}
	a, err1 := strconv.Atoi(i)
	b, err2 := strconv.Atoi(n)
	sh := pipeline.Shard{Index: a, Count: b}
	if err1 != nil || err2 != nil || sh.Validate() != nil {
		return sh, badInputf("flag -shard: want i/n (0 ≤ i < n), got %q", s)
	}
	return sh, nil
}

// writeExit renders the report of a first-exit run of p as JSON, CSV or
// text (report.WriteExitText: title with the setting, tables, the legend
// unless legend is false, notes); a is the analysis (nil when the theory
// does not apply), whose Monte Carlo paths the legend states on R^d.
func writeExit(w io.Writer, p *scenario.Plan, a *theory.Analysis, rep report.ExitReport, asJSON, asCSV, legend bool) error {
	switch {
	case asJSON:
		return report.WriteJSON(w, rep)
	case asCSV:
		return report.WriteExitCSV(w, p.B, rep.Rows)
	}
	opt := report.ExitTextOptions{Legend: legend}
	if a != nil && !a.Exact {
		opt.MonteCarloPaths = a.Samples
	}
	return report.WriteExitText(w, pipeline.SettingOf(p), rep, opt)
}

// runRareExit implements `verify exit -method is`: mean exit times by the
// importance sampler of package rare, next to the theory.
func runRareExit(ctx context.Context, sf scenarioFlags, workers int, asJSON, legend bool, stdout, stderr io.Writer) error {
	if workers < 0 {
		return badInputf("flag -workers: must be ≥ 0, got %d", workers)
	}
	p, err := sf.plan(ctx)
	if err != nil {
		return err
	}
	if err := pipeline.CheckRare(p); err != nil {
		return badInputf("flag -method: is: %v (-method bf runs any scenario)", err)
	}
	printWarnings(stderr, p)
	a, notes, err := analyseExits(ctx, &sf, p)
	if err != nil {
		return err
	}
	if a == nil {
		return badInputf("flag -method: is: %v: it conditions on the theory's jump number J (-method bf runs any scenario)", pipeline.ErrRareNotApplicable)
	}
	prog := newProgress(stderr, "rare-event windows", []workCell{{Units: rareWindows(p), Predicted: 1}})
	rep, runErr := pipeline.RareExitReport(ctx, p, a, notes, pipeline.RareOptions{
		Workers: workers,
		OnWindows: func(n int) {
			for range n {
				prog.Done(0, 1)
			}
		},
	})
	prog.Close()
	if runErr != nil && !errors.Is(runErr, context.Canceled) && !isRefusal(runErr) {
		return rareError(runErr)
	}
	if asJSON {
		err = report.WriteJSON(stdout, rep)
	} else {
		err = report.WriteExitText(stdout, pipeline.SettingOf(p), rep, report.ExitTextOptions{Legend: legend})
	}
	if err != nil {
		return err
	}
	if isRefusal(runErr) {
		return refusalError("exit -method is", p, runErr)
	}
	return runErr
}
