package pipeline

import (
	"github.com/htsgd/htsgd/report"
	"github.com/htsgd/htsgd/scenario"
)

// ExitReport turns the cells of a first-exit run into the report of
// `verify exit`: one row per cell with the estimates and, where the theory
// applies, its predictions.
func ExitReport(sc *scenario.Scenario, b *scenario.Built, cells []ExitCell) (report.ExitReport, error) {
	rep := report.ExitReport{Scenario: sc, Rows: []report.ExitRow{}, Warnings: append([]string{}, b.Warnings...)}
	preds, notes, err := PredictExits(b)
	if err != nil {
		return rep, err
	}
	rep.Warnings = append(rep.Warnings, notes...)
	for _, c := range cells {
		var pred *ExitPrediction
		if preds != nil {
			pred = preds(c.EtaIndex, c.Experiment.Basin())
		}
		row, err := ExitStats(c, pred, shapeSeed(uint64(sc.Run.Seed), c.EtaIndex, c.StartIndex))
		if err != nil {
			return rep, err
		}
		rep.Rows = append(rep.Rows, row)
	}
	return rep, nil
}
