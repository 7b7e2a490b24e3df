package control

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// WriteJSON writes the report as indented JSON.
func WriteJSON(w io.Writer, rep *Report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadJSON reads a report written by WriteJSON.
func ReadJSON(r io.Reader) (*Report, error) {
	var rep Report
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return nil, err
	}
	if rep.Format != ReportFormat {
		return nil, fmt.Errorf("control: format %q, want %q", rep.Format, ReportFormat)
	}
	return &rep, nil
}

// csvHeader is the header of WriteCSV.
var csvHeader = []string{"method", "sweep", "b", "alpha", "replication", "done", "diverged", "diverged_at",
	"test_accuracy", "train_accuracy", "train_loss", "sharpness", "top_eigenvalue", "eigen_iterations",
	"exits", "exit_steps", "exit_radius", "exit_rate", "excursion", "clipped_fraction", "max_step", "seconds"}

// WriteCSV writes one row per run (csvHeader); empty cells for the
// metrics of diverged runs.
func WriteCSV(w io.Writer, rep *Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	f := func(x Num) string {
		v := float64(x)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return ""
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	for _, r := range rep.Results {
		row := []string{string(r.Method), strconv.FormatBool(r.Sweep), f(Num(r.B)), f(Num(r.Alpha)), strconv.Itoa(r.Rep),
			strconv.FormatBool(r.Done), strconv.FormatBool(r.Diverged), strconv.Itoa(r.DivergedAt),
			f(r.TestAccuracy), f(r.TrainAccuracy), f(r.TrainLoss), f(r.Sharpness), f(r.TopEigen), strconv.Itoa(r.EigenIters),
			strconv.Itoa(r.Exits), strconv.Itoa(r.ExitSteps), f(r.ExitRadius), f(r.ExitRate), f(r.Excursion),
			f(r.ClippedFraction), f(r.MaxStep), strconv.FormatFloat(r.Seconds, 'f', 2, 64)}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// fmtCI renders "m [lo, hi]" with the given precision (scale multiplies,
// e.g. 100 for percentages); "–" without a value.
func fmtCI(iv Interval, scale float64, prec int) string {
	m := float64(iv.Mean)
	if math.IsNaN(m) {
		return "–"
	}
	s := strconv.FormatFloat(m*scale, 'f', prec, 64)
	if lo, hi := float64(iv.Lo), float64(iv.Hi); !math.IsNaN(lo) {
		s += " [" + strconv.FormatFloat(lo*scale, 'f', prec, 64) + ", " + strconv.FormatFloat(hi*scale, 'f', prec, 64) + "]"
	}
	return s
}

// fmtSci renders "m [lo, hi]" with 3 significant digits.
func fmtSci(iv Interval) string {
	m := float64(iv.Mean)
	if math.IsNaN(m) {
		return "–"
	}
	g := func(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }
	s := g(m)
	if lo := float64(iv.Lo); !math.IsNaN(lo) {
		s += " [" + g(lo) + ", " + g(float64(iv.Hi)) + "]"
	}
	return s
}

func newTable(w io.Writer, header ...string) *tablewriter.Table {
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAlignment(tw.AlignRight),
		tablewriter.WithHeaderAlignment(tw.AlignCenter),
	)
	h := make([]any, len(header))
	for i, s := range header {
		h[i] = s
	}
	t.Header(h...)
	return t
}

// WriteText writes the report as text tables with a legend: the Table 2
// analogue, the paired differences, and the sensitivity sweep.
func WriteText(w io.Writer, rep *Report) error {
	s := &rep.Spec
	fmt.Fprintf(w, "control — scenario %s, seed %d, %d replications\n", s.Name, s.Seed, s.Replications)
	fmt.Fprintf(w, "network: %s (%d parameters); MNIST %d×%d: %d training images (%d labels corrupted), %d test images\n",
		rep.Network, rep.Params, imageSide/s.Data.Pool, imageSide/s.Data.Pool, s.Data.Train, s.Data.Corrupt, s.Data.Test)
	fmt.Fprintf(w, "training: η = %g, batches SB %d / LB %d, %d steps (heavy-tailed methods: the last %d plain LB); b = %g, Z = %g·Pareto(%g), SAM ρ = %g\n",
		s.Train.Eta, s.Train.SmallBatch, s.Train.LargeBatch, s.Train.Steps, s.Train.FinalSteps, s.Noise.B, s.Noise.C, s.Noise.Alpha, s.SAM.Rho)
	if !rep.Complete {
		fmt.Fprintln(w, "INTERRUPTED: the tables cover the runs that finished")
	}
	t := newTable(w, "method", "runs", "div.", "test accuracy % (95% CI)", "sharpness", "top eigenvalue", "training loss", "train acc. %", "exits / 1000 steps", "max excursion")
	for _, r := range rep.Table {
		t.Append(r.Method, strconv.Itoa(r.Runs), strconv.Itoa(r.Diverged), fmtCI(r.TestAccuracy, 100, 2), fmtSci(r.Sharpness),
			fmtSci(r.TopEigen), fmtSci(r.TrainLoss), fmtCI(r.TrainAccuracy, 100, 1), fmtCI(r.ExitRate, 1, 2), fmtSci(r.Excursion))
	}
	if err := t.Render(); err != nil {
		return err
	}
	if len(rep.Paired) > 0 {
		fmt.Fprintln(w, "paired differences, method − baseline (same data, labels and initial weights per replication):")
		t = newTable(w, "method", "baseline", "Δ test accuracy (points)", "Δ sharpness", "Δ top eigenvalue", "Δ training loss", "Δ exits / 1000 steps")
		for _, p := range rep.Paired {
			t.Append(p.Method, p.Baseline, fmtCI(p.TestAccuracy, 100, 2), fmtSci(p.Sharpness), fmtSci(p.TopEigen), fmtSci(p.TrainLoss), fmtCI(p.ExitRate, 1, 2))
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	if len(rep.Sweep) > 0 {
		fmt.Fprintf(w, "sensitivity of %s to b and α (%d replications each, the first of the table's):\n", s.Sweep.Method, s.Sweep.Replications)
		t = newTable(w, "b", "α", "runs", "div.", "test accuracy %", "Δ vs sb (points)", "sharpness", "top eigenvalue", "exits / 1000 steps")
		for _, c := range rep.Sweep {
			t.Append(strconv.FormatFloat(c.B, 'g', -1, 64), strconv.FormatFloat(c.Alpha, 'g', -1, 64), strconv.Itoa(c.Runs), strconv.Itoa(c.Diverged),
				fmtCI(c.TestAccuracy, 100, 2), fmtCI(c.VsSB, 100, 2), fmtSci(c.Sharpness), fmtSci(c.TopEigen), fmtCI(c.ExitRate, 1, 2))
		}
		if err := t.Render(); err != nil {
			return err
		}
	}
	_, err := fmt.Fprint(w, legend)
	return err
}

const legend = `legend: every cell is the mean over the replications with its 95% Student-t interval [lo, hi];
  runs: finished runs; div.: runs that diverged (non-finite loss or ‖θ‖ > 1e6), left out of the means.
  sharpness: E|L(θ+ν) − L(θ)|, ν ~ N(0, σ²I), on the training loss at the final θ; top eigenvalue: the
  Hessian eigenvalue of largest modulus (power iteration on Hessian-vector products); exits: up-crossings
  of κ × the median distance of the iterate from its moving centre in the late noisy phase, per 1000
  steps; max excursion: the largest such distance over the median. Paired differences take method and
  baseline in the same replication. docs/control.md defines each.
`
