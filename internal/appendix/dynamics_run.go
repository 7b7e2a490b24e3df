package appendix

import (
	"context"
	"io"
	"strconv"

	"github.com/htsgd/htsgd/pipeline"
	"github.com/htsgd/htsgd/report"
)

// runDynamics runs the trajectory experiment of the dynamics table as
// `verify dynamics` runs dynamicsScenario(d): pipeline.RunDynamics with the
// variants truncated, untruncated and Gaussian (σ = d.GaussianScale).
func runDynamics(ctx context.Context, d DynamicsSize, workers int, p *progress) (report.DynamicsReport, error) {
	plan, _, _, _, err := paperPlan(dynamicsScenario(d))
	if err != nil {
		return report.DynamicsReport{}, err
	}
	n := 3 * d.Replicas
	p.begin("dynamics (truncated, untruncated, Gaussian)", n, float64(n)*float64(d.Steps))
	rep, err := pipeline.RunDynamics(ctx, plan, pipeline.DynamicsOptions{
		Workers: workers, GaussianScale: d.GaussianScale, Theory: pipeline.TheoryOptions(plan, 0),
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

// writeDynamicsCSV writes dynamics.csv: the basin time fractions of every
// run, one line per (variant, basin).
func writeDynamicsCSV(w io.Writer, rep report.DynamicsReport) error {
	header := []string{"variant", "law", "b", "eta", "replicas", "steps", "basin", "sharp",
		"fraction", "fraction_low", "fraction_high", "stationary"}
	return csvTable(w, header, func(emit func([]string) error) error {
		for _, r := range rep.Runs {
			for _, s := range r.Sets {
				if err := emit([]string{r.Variant, r.Law, csvNum(r.B), strconv.FormatFloat(r.Eta, 'g', -1, 64),
					strconv.Itoa(r.Replicas), strconv.FormatInt(r.Steps, 10), strconv.Itoa(s.Set),
					strconv.FormatBool(s.Sharp), csvNum(s.Basin.Estimate), csvNum(s.Basin.Low),
					csvNum(s.Basin.High), csvNum(s.Stationary)}); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
