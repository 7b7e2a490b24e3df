package main

import (
	"context"
	"fmt"
	"io"

	"github.com/htsgd/htsgd/mc"
	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
	"github.com/htsgd/htsgd/theory"
)

// exitJobRd builds an R^d scenario (printing its warnings), computes the
// theory's predictions before any simulation (so that a scenario the theory
// rejects fails at once) and returns its first-exit run. Sharding,
// checkpoints and resuming work as in 1-D: the record files have the same
// format and replica k of a cell draws the same numbers however it is run.
func exitJobRd(sc *scenario.Scenario, samples int, stderr io.Writer) (*exitJob, error) {
	b, err := buildRd(sc)
	if err != nil {
		return nil, err
	}
	printWarningsRd(stderr, b)
	a, notes, err := analyseRd(sc, b, samples)
	if err != nil {
		return nil, err
	}
	var cells []pipeline.ExitCellRd
	return &exitJob{
		cells: len(b.Etas) * len(b.Starts),
		newFile: func(shard pipeline.Shard, records map[pipeline.CellKey][]mc.ExitRecord) (*pipeline.RecordFile, error) {
			return pipeline.NewRecordFileRd(sc, shard, records, b, samples)
		},
		run: func(ctx context.Context, opt pipeline.ExitOptions) error {
			var err error
			cells, err = pipeline.RunExitsRd(ctx, sc, b, opt)
			return fieldErrorIsBadInput(err)
		},
		write: func(w io.Writer, asJSON, asCSV bool) error {
			return writeExitRd(w, sc, b, cells, a, notes, asJSON, asCSV)
		},
	}, nil
}

// writeExitRd renders the report of an R^d first-exit run: the 1-D table,
// JSON or CSV with the start as a point and the interval of the prediction
// from the Monte Carlo error of C*.
func writeExitRd(w io.Writer, sc *scenario.Scenario, b *scenario.BuiltRd, cells []pipeline.ExitCellRd,
	a *theory.AnalysisRd, notes []string, asJSON, asCSV bool) error {
	rep, err := pipeline.ExitReportRd(sc, b, cells, a, notes)
	if err != nil {
		return err
	}
	switch {
	case asJSON:
		return report.WriteJSON(w, rep)
	case asCSV:
		return report.WriteExitRdCSV(w, rep.Rows)
	}
	fmt.Fprintf(w, "first exit in R^d — scenario %s (%s, b = %s)\n", sc.Name, dimensionString(b), bString(b.B))
	if err := report.WriteExitRdTable(w, rep.Rows); err != nil {
		return err
	}
	if a != nil {
		fmt.Fprintf(w, "predicted = 1/(C* η λ(η)^J); C* by Monte Carlo (%d paths per minimum set), its 95%% CI in the next column\n", a.Samples)
	}
	for _, r := range rep.Rows {
		_, in := r.Landing["-1"]
		if _, pred := r.PredictedLanding["-1"]; in || pred {
			fmt.Fprintln(w, "landing -1: a point in no basin")
			break
		}
	}
	for _, s := range rep.Warnings {
		fmt.Fprintln(w, "note:", s)
	}
	return nil
}

// mergeRd finishes `verify merge` for an R^d scenario: the merged records,
// optionally written to out, reported as writeExitRd reports the unsharded
// run (the same theory samples give the same bytes).
func mergeRd(stdout io.Writer, sc *scenario.Scenario, records map[pipeline.CellKey][]mc.ExitRecord, out string, samples int, asJSON, asCSV bool) error {
	b, err := buildRd(sc)
	if err != nil {
		return err
	}
	a, notes, err := analyseRd(sc, b, samples)
	if err != nil {
		return err
	}
	if out != "" {
		f, err := pipeline.NewRecordFileRd(sc, pipeline.Shard{Index: 0, Count: 1}, records, b, samples)
		if err != nil {
			return err
		}
		if err := f.WriteFile(out); err != nil {
			return err
		}
	}
	return writeExitRd(stdout, sc, b, pipeline.CellsFromRecordsRd(sc, b, records), a, notes, asJSON, asCSV)
}
