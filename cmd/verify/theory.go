package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
)

// runTheory implements `verify theory`: the predictions of the theory for a
// scenario, computed (never fitted).
func runTheory(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("theory", flag.ContinueOnError)
	var sf scenarioFlags
	sf.register(fs)
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	check := fs.Bool("check", false, "add the independent Monte Carlo cross-check of every rate constant")
	samples := fs.Int("check-samples", 200000, "Monte Carlo paths per side of each minimum for -check")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *samples < 1 {
		return badInputf("flag -check-samples: must be ≥ 1, got %d", *samples)
	}
	sc, err := sf.load()
	if err != nil {
		return err
	}
	if sc.IsRd() {
		return runTheoryRd(sc, sf.theorySamples, *asJSON, *check, stdout, stderr)
	}
	built, err := sc.Build()
	if err != nil {
		return badInput(err)
	}
	if _, err := pipeline.Model(built); err != nil {
		// Gaussian noise: no heavy-tail theory. Say so plainly.
		if *asJSON {
			return report.WriteJSON(stdout, map[string]any{"applicable": false, "reason": err.Error()})
		}
		fmt.Fprintf(stdout, "theory — scenario %s: not applicable (%v)\n", sc.Name, err)
		return nil
	}
	n := 0
	if *check {
		n = *samples
	}
	rep, err := pipeline.TheoryReport(built, n, uint64(sc.Run.Seed))
	if err != nil {
		return badInput(err)
	}
	printWarnings(stderr, built)
	if *asJSON {
		return report.WriteJSON(stdout, rep)
	}
	fmt.Fprintf(stdout, "theory — scenario %s (b = %s)\n\n", sc.Name, bString(built.B))
	return report.WriteTheoryText(stdout, rep)
}

func bString(b float64) string {
	if b > 1e300 {
		return "∞ (no truncation)"
	}
	return fmt.Sprint(b)
}
