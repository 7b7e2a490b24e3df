package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
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
	p, err := sf.plan()
	if err != nil {
		return err
	}
	printWarnings(stderr, p)
	if first, last := shard.Range(p.Run.Samples); first == last {
		return badInputf("flag -shard: shard %d/%d of %d samples is empty", shard.Index, shard.Count, p.Run.Samples)
	}
	// The theory first, so that a scenario it rejects fails at once.
	a, notes, err := analyse(ctx, p, sf.theorySamples)
	if err != nil {
		return err
	}
	rec, err := pipeline.NewRecords(p, shard, sf.theorySamples)
	if err != nil {
		return err
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
	prog := newProgress(stderr, "exit replicas", exitWork(p, a, rec))
	cells, runErr := pipeline.RunExits(ctx, p, pipeline.ExitOptions{
		Workers:   *workers,
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
	p, err := sf.plan()
	if err != nil {
		return err
	}
	if err := pipeline.CheckRare(p); err != nil {
		return badInputf("flag -method: is: %v (-method bf runs any scenario)", err)
	}
	printWarnings(stderr, p)
	a, notes, err := analyse(ctx, p, sf.theorySamples)
	if err != nil {
		return err
	}
	total := int64(p.Run.Samples) * int64(len(p.Etas)) * int64(len(p.Starts))
	prog := newProgress(stderr, "rare-event windows", []workCell{{Units: total, Predicted: 1}})
	rep, runErr := pipeline.RareExitReport(ctx, p, a, notes, pipeline.RareOptions{
		Workers: workers,
		OnWindows: func(n int) {
			for range n {
				prog.Done(0, 1)
			}
		},
	})
	prog.Close()
	if runErr != nil {
		if errors.Is(runErr, context.Canceled) {
			return runErr
		}
		return badInputOf(runErr)
	}
	if asJSON {
		return report.WriteJSON(stdout, rep)
	}
	return report.WriteExitText(stdout, pipeline.SettingOf(p), rep, report.ExitTextOptions{Legend: legend})
}
