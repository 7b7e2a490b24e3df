package gen

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
)

// runDynamics runs the trajectory experiment of the dynamics table with
// pipeline.RunDynamics (variants truncated, untruncated and Gaussian with
// σ = d.GaussianScale), as `verify dynamics` does on dynamicsScenario(d).
func runDynamics(ctx context.Context, d DynamicsSize, workers int, p *progress) (report.DynamicsReport, error) {
	sc := dynamicsScenario(d)
	n := 3 * d.Replicas
	p.begin("dynamics (truncated, untruncated, Gaussian)", n, float64(n)*float64(d.Steps))
	rep, err := pipeline.RunDynamics(ctx, sc, pipeline.DynamicsOptions{
		Workers: workers, GaussianScale: d.GaussianScale,
		OnReplica: func() { p.add(d.Steps) },
	})
	if err != nil {
		p.end("failed")
		return rep, err
	}
	summary := ""
	for _, r := range rep.Runs {
		summary += r.Variant + " sharp " + fmtG(r.Sharp.Estimate, 3) + "; "
	}
	p.end(summary)
	return rep, nil
}

// writeDynamicsCSV writes the basin time fractions of every run, one line per
// (variant, basin).
func writeDynamicsCSV(w io.Writer, rep report.DynamicsReport) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"variant", "law", "b", "eta", "replicas", "steps", "basin", "sharp",
		"fraction", "fraction_low", "fraction_high", "stationary"}); err != nil {
		return err
	}
	for _, r := range rep.Runs {
		for _, bf := range r.Basins {
			rec := []string{r.Variant, r.Law, csvNum(r.B), strconv.FormatFloat(r.Eta, 'g', -1, 64),
				strconv.Itoa(r.Replicas), strconv.FormatInt(r.Steps, 10), strconv.Itoa(bf.Basin),
				strconv.FormatBool(bf.Sharp), csvNum(bf.Fraction.Estimate), csvNum(bf.Fraction.Low),
				csvNum(bf.Fraction.High), csvNum(bf.Stationary)}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvNum formats an optional number exactly, or an empty field for null.
func csvNum(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'g', -1, 64)
}
