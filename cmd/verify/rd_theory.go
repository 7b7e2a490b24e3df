package main

import (
	"fmt"
	"io"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// runTheoryRd implements `verify theory` for an R^d scenario: the analysis
// of theory.AnalyseRd (minimum sets, r_i, J_i, C* with its Monte Carlo
// interval, landing law, graph, wide minima, limiting generator and
// stationary law, warnings) and the predictions per η. -check, the 1-D
// cross-check of the quadrature by an independent Monte Carlo integral, has
// no R^d counterpart: the R^d constants are themselves Monte Carlo
// integrals, reported with their standard errors.
func runTheoryRd(sc *scenario.Scenario, samples int, asJSON, check bool, stdout, stderr io.Writer) error {
	if check {
		return badInputf("flag -check: not available for R^d scenarios: C* is itself a Monte Carlo integral, reported with its standard error (raise -theory-samples to narrow it)")
	}
	b, err := buildRd(sc)
	if err != nil {
		return err
	}
	if _, err := pipeline.ModelRd(b); err != nil {
		if asJSON {
			return report.WriteJSON(stdout, map[string]any{"applicable": false, "reason": err.Error()})
		}
		fmt.Fprintf(stdout, "theory — scenario %s: not applicable (%v)\n", sc.Name, err)
		return nil
	}
	printWarningsRd(stderr, b)
	a, _, err := analyseRd(sc, b, samples)
	if err != nil {
		return err
	}
	rep, err := pipeline.TheoryReportRd(b, a)
	if err != nil {
		return err
	}
	if asJSON {
		return report.WriteJSON(stdout, rep)
	}
	fmt.Fprintf(stdout, "theory in R^d — scenario %s (%s, b = %s)\n\n", sc.Name, dimensionString(b), bString(b.B))
	return report.WriteTheoryRdText(stdout, rep)
}
